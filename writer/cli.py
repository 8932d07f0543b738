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


def _skip_pydantic_for_flags() -> None:
    """Let typer coerce plain boolean flags (--help) without building a pydantic TypeAdapter.

    typer 0.2x builds a TypeAdapter for every parameter it coerces, --help included,
    which imports pydantic (~100 ms) on every run. A flag without an environment
    variable only ever yields True, False or None, which typer's pass-through
    coercion returns unchanged, so the result is the same.
    """
    try:
        from typer import _coercion, core
    except ImportError:  # pragma: no cover - another typer layout: nothing to do
        return
    build = getattr(core, "build_runtime_param", None)
    passthrough = getattr(_coercion, "PassThroughRuntimeParam", None)
    if build is None or passthrough is None or getattr(build, "_writer_flags", False):
        return

    def build_runtime_param(descriptor):
        info = descriptor.parameter_info
        if (descriptor.annotation is bool and descriptor.file_annotation is None
                and getattr(info, "envvar", None) is None):
            return passthrough(annotation=bool, parameter_info=info)
        return build(descriptor)
    build_runtime_param._writer_flags = True
    core.build_runtime_param = build_runtime_param


_skip_pydantic_for_flags()

# Imported for their side effect of adding commands to ``app`` (in help order).
from writer.commands import mine, bank, suggest, outline, render, check  # noqa: E402,F401


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
