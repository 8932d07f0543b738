"""The writer process and its surroundings: Ctrl-C and SIGTERM, a closed pipe, an output encoding without Chinese.

Signals: ``install_signal_handlers`` (called first thing by the console
script, before typer is imported) makes SIGINT and SIGTERM print the one line
``writer: 已中断``, ignore any further signal so cleanup finishes, and unwind
as ``Interrupted`` (a KeyboardInterrupt) whose exit code is 128 + the signal
(130, 143). A signal the parent shell set to be ignored stays ignored.

This module imports only os and sys at load time: the console script loads
it first, and every module loaded before the handlers are in place is a
moment in which Ctrl-C would still print a traceback.

Standard output: ``guard_stdout`` wraps ``sys.stdout`` once, in the console script's ``main``
(tests that call the Typer app directly keep their own streams). When the
reader of a pipe goes away (``writer check … | head -1``), the rest of the
output goes to /dev/null and the command finishes as it would have, so its
exit code still says what it found. Output that the stream's encoding cannot
hold (``PYTHONIOENCODING=latin-1``) raises ``OutputEncodingError``.
"""

from __future__ import annotations

import os
import sys

SAMPLE = "中文"
INTERRUPTED = "writer: 已中断"


class Interrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM, raised by ``on_signal`` after it printed the one line."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.exit_code = 128 + signum


def on_signal(signum, frame) -> None:
    """Say "已中断" once, ignore further signals (so cleanup finishes), and unwind as ``Interrupted``."""
    import signal

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_IGN)
    # os.write, not print: a signal can arrive while print is half way through writing stderr.
    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    try:
        os.write(2, (INTERRUPTED + "\n").encode(encoding, "backslashreplace"))
    except (OSError, LookupError):
        pass
    raise Interrupted(signum)


def _unraisable(hook_args, previous=sys.unraisablehook) -> None:
    """An ``Interrupted`` raised where Python can only print it (a ``__del__``, a fork callback): exit now.

    The one line is already on stderr; what cleanup did not run is what a
    killed run leaves, and the next run removes it.
    """
    if isinstance(hook_args.exc_value, Interrupted):
        os._exit(hook_args.exc_value.exit_code)
    previous(hook_args)


def install_signal_handlers() -> None:
    import signal

    sys.unraisablehook = _unraisable

    for sig in (signal.SIGINT, signal.SIGTERM):
        if signal.getsignal(sig) is not signal.SIG_IGN:  # a background job of a shell: leave it ignored
            signal.signal(sig, on_signal)


def silence_stdout() -> None:
    """Point file descriptor 1 at /dev/null: what is still buffered or written later goes nowhere, without errors."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno())
        os.close(devnull)
    except (OSError, AttributeError, ValueError):
        pass


def encoding_error(stream, exc: UnicodeEncodeError):
    """The one-line error (an ``OutputEncodingError``) for text ``stream`` cannot encode."""
    # Imported here: this module loads before anything else, so Ctrl-C is answered from the start.
    from writer.errors import OutputEncodingError

    encoding = getattr(stream, "encoding", None) or exc.encoding
    try:
        SAMPLE.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        # The ASCII tail is for a stderr that cannot show the Chinese either (it prints escaped).
        return OutputEncodingError(f"标准输出的编码 {encoding} 写不出中文；"
                                   "请设置 PYTHONIOENCODING=utf-8，或使用 UTF-8 的区域设置（如 LANG=C.UTF-8）"
                                   f" [stdout encoding {encoding} cannot show Chinese: set PYTHONIOENCODING=utf-8]")
    return OutputEncodingError(f"输出里有标准输出的编码 {encoding} 写不出的字符（第 {exc.start} 个）")


class GuardedStdout:
    """``sys.stdout`` with a broken pipe silenced and encoding errors turned into ``OutputEncodingError``."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            silence_stdout()
            return len(text)
        except UnicodeEncodeError as exc:
            raise encoding_error(self._stream, exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            silence_stdout()

    def __getattr__(self, name):
        return getattr(self._stream, name)


def guard_stdout() -> None:
    """Wrap ``sys.stdout`` (once)."""
    if sys.stdout is not None and not isinstance(sys.stdout, GuardedStdout):
        sys.stdout = GuardedStdout(sys.stdout)
