"""The `writer` command line: parse, call the library, print, map errors to exit codes.

Command modules live in writer/commands/; each registers itself on ``app``.
Keep imports here light: every command pays for them (no jieba, no yaml).
"""

from __future__ import annotations

import functools
import sys

import typer

from writer.errors import EXIT_INPUT, WriterError

app = typer.Typer(
    name="writer",
    help="离线的工作综述写作助手：从往年综述中提炼素材库，给出标题、提纲和初稿，并审读草稿。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def report(error: WriterError) -> None:
    """Print a domain error as one line (one per error of a group) on stderr."""
    for line in str(error).splitlines():
        print(f"writer: {line}", file=sys.stderr)


def guarded(fn):
    """Decorate a command so domain errors become a message and an exit code."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except WriterError as error:
            report(error)
            raise typer.Exit(error.exit_code) from None
    return wrapper


def _register() -> None:
    # Imported for their side effect of adding commands to ``app``.
    for name in ("mine", "bank", "suggest", "outline", "render", "check"):
        try:
            __import__(f"writer.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"writer.commands.{name}":
                raise


_register()


def main() -> None:
    try:
        app()
    except WriterError as error:  # a command that is not @guarded
        report(error)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        print("writer: 已中断", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except OSError as exc:
        print(f"writer: {exc.filename or ''}: {exc.strerror}", file=sys.stderr)
        sys.exit(EXIT_INPUT)
