"""Domain errors. The library raises these; the CLI maps them to exit codes.

Exit codes: 0 ok, 1 findings, 2 usage error, 3 input/file error, 130/143 interrupted (SIGINT/SIGTERM).
Every error renders as one line: ``path:line:col: message`` (parts omitted
when unknown). Modules define their own subclasses next to the code that
raises them; each subclass carries a one-line docstring.
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it; SIGTERM gives 143


class WriterError(Exception):
    """Base class of every error writer reports to the user."""

    exit_code = EXIT_INPUT

    def __init__(self, message: str, path: str | Path | None = None,
                 line: int | None = None, col: int | None = None,
                 key: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.col = col
        self.key = key

    def location(self) -> str:
        parts = []
        if self.path is not None:
            parts.append(self.path)
            if self.line is not None:
                parts.append(str(self.line))
                if self.col is not None:
                    parts.append(str(self.col))
        return ":".join(parts)

    def __str__(self) -> str:
        loc = self.location()
        key = f"“{self.key}”：" if self.key else ""
        text = f"{key}{self.message}"
        return f"{loc}: {text}" if loc else text


class UsageError(WriterError):
    """An option or argument has a value writer cannot use."""

    exit_code = EXIT_USAGE


class InputError(WriterError):
    """An input file or folder cannot be read or used."""

    exit_code = EXIT_INPUT


class MissingPathError(InputError):
    """A path given on the command line does not exist."""


class EmptyFileError(InputError):
    """A file holds no text."""


class BinaryFileError(InputError):
    """A file is not text (and not a .docx writer can read)."""


class EncodingError(InputError):
    """A text file is neither UTF-8 nor GB18030."""


class UnsupportedFileError(InputError):
    """A file's type is not one writer reads."""


class NoReadableFilesError(InputError):
    """A folder or file list yields no file writer can read."""


class OutputExistsError(InputError):
    """An output file exists and ``--force`` was not given."""


class OutputDirError(InputError):
    """The folder of an output path does not exist or cannot be written."""


class ErrorGroup(WriterError):
    """Several errors of one input, reported together."""

    def __init__(self, errors: list[WriterError]):
        self.errors = list(errors)
        first = self.errors[0]
        super().__init__(first.message, first.path, first.line, first.col, first.key)
        self.exit_code = max(e.exit_code for e in self.errors)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


class NotRegularFileError(InputError):
    """A path names a device, pipe, socket or folder where writer reads or writes only regular files."""


class ReadOnlyFileError(InputError):
    """An output file exists and is read-only: writer does not rewrite it, even with ``--force``."""


class WriteFailedError(InputError):
    """Writing an output failed (disk full, no permission…); names the user's file, never a temporary one."""


class OutputEncodingError(InputError):
    """Standard output's encoding cannot show Chinese text (PYTHONIOENCODING=latin-1, an ASCII locale)."""


class InvalidTextError(UsageError):
    """A command-line argument is not valid text (undecodable bytes or a lone surrogate)."""


class BusyError(InputError):
    """Another writer process holds the lock of the folder this one would write."""
