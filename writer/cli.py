"""The `writer` command line: the Typer app, its commands, and errors mapped to exit codes.

Each command is a plain function in writer/commands/ with its options
declared in its signature; this module lists them (in help order, ``COMMANDS``)
and turns a WriterError into one line on stderr and its exit code. Nothing
imports this module. Keep imports here light: every command pays for them.

A command is built the first time it is looked up: its module imported, the
function registered on a one-command ``typer.Typer`` and turned into a click
command by ``typer.main.get_command``, as typer itself does for every command
of an app. ``writer suggest`` thus neither imports nor builds (signatures,
annotations, click parameters) the other commands; ``writer --help`` builds
them all. The lazy part is only the group's ``commands`` mapping, which typer
declares a ``MutableMapping``.

The help and the usage errors are typer's own, spoken in Chinese through
click's public override points: a command class (``cls=``) whose usage line,
sections and --help option are labelled in Chinese, and whose parse errors
become one ``writer: “选项”：说明`` line with exit code 2, as domain errors do.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import MutableMapping
from operator import itemgetter

import typer
from typer.core import TyperCommand, TyperGroup

from writer.commands._shared import report
from writer.errors import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_USAGE, InvalidTextError, UsageError, WriterError

HELP_OPTION_HELP = "显示帮助并退出"
OPTIONS_METAVAR = "[选项]"


class CommandLineError(typer.BadParameter):
    """A usage error found while parsing the command line, shown as one Chinese line (exit 2)."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, key: str | None = None, kind: type[UsageError] = UsageError):
        super().__init__(message)
        self.error = kind(message, key=key)

    def show(self, file=None) -> None:
        report(self.error, file)


def _label(param) -> str:
    """What a parameter is, in a few words: its help text up to the first parenthesis or comma."""
    text = param.help or param.name
    for mark in ("（", "，", "；", "："):
        text = text.split(mark, 1)[0]
    return text.strip()


def _flag(param) -> str:
    return param.opts[0] if param.opts else param.name


def _parse_error(command, ctx, error: typer.TyperException) -> CommandLineError:
    """A click usage error of ``command`` → the same error said in Chinese, naming the option."""
    params = [p for p in command.get_params(ctx) if p.param_type_name in ("option", "argument")]
    if hasattr(error, "possibilities"):  # click's NoSuchOption
        flags = sorted({f for p in params if p.param_type_name == "option" for f in (*p.opts, *p.secondary_opts)}
                       - set(ctx.help_option_names))
        return CommandLineError(f"不认识的选项“{error.option_name}”；可用：{'、'.join(flags)}",
                                key=error.option_name)
    if hasattr(error, "option_name"):  # click's BadOptionUsage: a flag given a value, or a value missing
        name = error.option_name
        flag = next((p for p in params if name in p.opts or name in p.secondary_opts), None)
        if flag is not None and getattr(flag, "is_flag", False):
            return CommandLineError(f"{name} 不带值", key=name)
        return CommandLineError(f"{name} 后面缺少值", key=name)
    param = getattr(error, "param", None)
    if param is None:
        return CommandLineError(error.format_message())
    if hasattr(error, "param_type"):  # click's MissingParameter
        if param.param_type_name == "argument":
            usage = f"{ctx.command_path} {_record_name(param, ctx)} {OPTIONS_METAVAR}"
            return CommandLineError(f"缺少{_label(param)}：{usage}", key=param.metavar)
        return CommandLineError(f"缺少选项 {_flag(param)}（{_label(param)}）", key=_flag(param))
    return CommandLineError(_invalid_value(error, _flag(param)), key=_flag(param))


def _invalid_value(error: typer.BadParameter, flag: str) -> str:
    """The Chinese message for a value typer could not convert.

    typer 0.29 attaches pydantic's error record as the cause; click-based
    typer (0.28 and older) says it in English with the value quoted, so the
    parameter's own type is read instead.
    """
    details = error.__cause__.errors() if hasattr(error.__cause__, "errors") else []
    if details:
        detail = details[0]
        given, limits = detail.get("input"), detail.get("ctx") or {}
        if detail.get("type") == "int_parsing":
            return f"{flag} 应为整数，不是“{given}”"
        if "ge" in limits:
            return f"{flag} 应不小于 {limits['ge']}，不是 {given}"
    kind = getattr(getattr(error.param, "type", None), "name", "")
    bad_int = re.match(r"^'(.*)' is not a valid int", error.message, re.S)
    if kind.startswith("int") and bad_int:
        return f"{flag} 应为整数，不是“{bad_int.group(1)}”"
    out_of_range = re.match(r"^(\S+) is not in the range", error.message)
    low = getattr(error.param.type, "min", None) if error.param is not None else None
    if out_of_range and low is not None:
        return f"{flag} 应不小于 {low}，不是 {out_of_range.group(1)}"
    return f"{flag} 的值不对：{error.message}"


def _extra_arguments(ctx, extra: list[str]) -> CommandLineError:
    """Arguments left over after the command's own: name the argument that takes one value."""
    argument = next((p for p in ctx.command.params if p.param_type_name == "argument"), None)
    if argument is None:
        return CommandLineError(f"多余的参数：{'、'.join(extra)}", key=extra[0])
    given = [str(ctx.params.get(argument.name, "")), *extra]
    return CommandLineError(f"只能给一个{_label(argument)}，收到 {len(given)} 个：{'、'.join(given)}",
                            key=argument.metavar)


class _ChineseHelp:
    """Usage line, sections and --help option of a command's help, labelled in Chinese."""

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION_HELP
        return option

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="用法：")

    def format_options(self, ctx, formatter) -> None:
        records = {"argument": [], "option": []}
        for param in self.get_params(ctx):
            if param.param_type_name in records and not getattr(param, "hidden", False):
                records[param.param_type_name].append((_record_name(param, ctx), param.help or ""))
        _section(formatter, "参数", records["argument"])
        _section(formatter, "选项", records["option"])


def _record_name(param, ctx) -> str:
    """How the help lists a parameter: an argument by its metavar, an option by its flags and metavar."""
    if param.param_type_name == "argument":
        return (param.metavar or param.name.upper()) + ("..." if param.nargs != 1 else "")
    return param.get_help_record(ctx)[0]


def _section(formatter, title: str, rows: list[tuple[str, str]]) -> None:
    if not rows:
        return
    formatter.write_paragraph()
    formatter.write(f"{title}：\n")
    formatter.indent()
    formatter.write_dl(rows)
    formatter.dedent()


def _reject_invalid_text(args: list[str]) -> None:
    """Refuse an argument that is not valid text (undecodable bytes arrive as lone surrogates), before any work.

    File names too: such a name would reach a bank's manifest or a message as
    text no file can hold.
    """
    for arg in args:
        if any("\ud800" <= ch <= "\udfff" for ch in arg):
            raise CommandLineError("不是有效的文字（含无法按 UTF-8 解码的字节）；请改用 UTF-8 的文字或文件名",
                                   key="".join(map(_escape_surrogate, arg)), kind=InvalidTextError)


def _escape_surrogate(ch: str) -> str:
    # An undecodable byte b arrives as U+DC00+b (surrogateescape): show it as \xb; any other lone surrogate as \uXXXX.
    if "\udc80" <= ch <= "\udcff":
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return f"\\u{ord(ch):04x}" if "\ud800" <= ch <= "\udfff" else ch


class WriterCommand(_ChineseHelp, TyperCommand):
    """A command whose help and usage errors are in Chinese."""

    def __init__(self, *args, **kwargs):
        kwargs["options_metavar"] = OPTIONS_METAVAR
        super().__init__(*args, **kwargs)
        self.context_settings.setdefault("allow_extra_args", True)

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        try:
            rest = super().parse_args(ctx, args)
        except CommandLineError:
            raise
        except typer.TyperException as error:
            if getattr(error, "exit_code", None) != EXIT_USAGE:
                raise
            raise _parse_error(self, ctx, error) from None
        if rest:
            raise _extra_arguments(ctx, rest)
        return rest


class WriterGroup(_ChineseHelp, TyperGroup):
    """The group of commands (`writer`, `writer bank`), with its help and unknown commands in Chinese."""

    def __init__(self, *args, **kwargs):
        kwargs["options_metavar"] = OPTIONS_METAVAR
        kwargs["subcommand_metavar"] = "命令 [参数]..."
        super().__init__(*args, **kwargs)

    def format_options(self, ctx, formatter) -> None:
        super().format_options(ctx, formatter)
        rows = [(name, cmd.get_short_help_str(formatter.width)) for name, cmd in self.commands.items()
                if not cmd.hidden]
        _section(formatter, "命令", rows)

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        if ctx.parent is None:
            _reject_invalid_text(args)
        try:
            return super().parse_args(ctx, args)
        except typer.TyperException as error:
            if not hasattr(error, "possibilities"):  # only an unknown option: no arguments shows the help
                raise
            raise _parse_error(self, ctx, error) from None

    def resolve_command(self, ctx, args: list[str]):
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            raise CommandLineError(f"没有命令“{args[0]}”；可用：{'、'.join(self.commands)}", key=args[0])
        return super().resolve_command(ctx, args)


def _interrupted(exc: KeyboardInterrupt) -> int:
    """The exit code of an interruption; says "已中断" unless the signal handler already did."""
    from writer.io.process import INTERRUPTED, Interrupted

    if not isinstance(exc, Interrupted):  # no handler (a library caller, a test): say it here
        print(INTERRUPTED, file=sys.stderr)
    return getattr(exc, "exit_code", EXIT_INTERRUPTED)


def guarded(fn):
    """Wrap a command so domain errors become a message and an exit code, and so do Ctrl-C and a closed pipe."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except WriterError as error:
            report(error)
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt as exc:
            raise typer.Exit(_interrupted(exc)) from None
        except BrokenPipeError:  # written to sys.stdout.buffer directly: end quietly
            from writer.io.process import silence_stdout

            silence_stdout()
            raise typer.Exit(0) from None
    return wrapper


class CommandSpec(tuple):
    """Where a command lives: its name, its module under writer/commands/, its function and help constants.

    A tuple with named fields, as a NamedTuple without making one (some 0.7M instructions of every
    command's cold start)."""

    __slots__ = ()

    def __new__(cls, name: str, module: str, function: str, help: str = "HELP",
                short_help: str | None = "SHORT_HELP"):
        return tuple.__new__(cls, (name, module, function, help, short_help))

    name = property(itemgetter(0))
    module = property(itemgetter(1))
    function = property(itemgetter(2))
    help = property(itemgetter(3))
    short_help = property(itemgetter(4))


COMMANDS = (CommandSpec("mine", "mine", "mine_command"), CommandSpec("suggest", "suggest", "suggest_command"),
            CommandSpec("outline", "outline", "outline_command"), CommandSpec("render", "render", "render_command"),
            CommandSpec("check", "check", "check_command"), CommandSpec("trend", "trend", "trend_command"))
BANK_COMMANDS = (CommandSpec("stats", "bank", "stats_command", "STATS_HELP", None),)


def command_function(spec: CommandSpec):
    """The function behind ``spec`` (its module imported now) and its help texts."""
    import importlib

    module = importlib.import_module(f"writer.commands.{spec.module}")
    short = getattr(module, spec.short_help) if spec.short_help else None
    return getattr(module, spec.function), getattr(module, spec.help), short


def build_command(spec: CommandSpec):
    """The click command of ``spec``, built by typer from the function's signature."""
    fn, help, short_help = command_function(spec)
    single = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
    single.command(spec.name, cls=WriterCommand, help=help, short_help=short_help)(guarded(fn))
    return typer.main.get_command(single)


class LazyCommands(MutableMapping):
    """A group's commands by name, in help order; each built (``build_command``) when first looked up."""

    def __init__(self, specs: tuple[CommandSpec, ...], built: dict):
        self._specs = {spec.name: spec for spec in specs}
        self._built = dict(built)
        self._order = [*self._specs, *(name for name in built if name not in self._specs)]

    def __getitem__(self, name: str):
        if name not in self._built:
            self._built[name] = build_command(self._specs[name])   # KeyError for a name that is no command
        return self._built[name]

    def __setitem__(self, name: str, command) -> None:
        if name not in self._order:
            self._order.append(name)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        self._order.remove(name)
        self._specs.pop(name, None)
        self._built.pop(name, None)

    def __contains__(self, name) -> bool:   # without building it
        return name in self._order

    def __iter__(self):
        return iter(list(self._order))

    def __len__(self) -> int:
        return len(self._order)


class RootGroup(WriterGroup):
    """`writer`: the commands of ``COMMANDS``, built on demand, then `writer bank`."""

    specs = COMMANDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.commands = LazyCommands(self.specs, self.commands)

    def list_commands(self, ctx) -> list[str]:
        return list(self.commands)   # names only: TyperGroup's own would build every command


class BankGroup(RootGroup):
    """`writer bank`: its subcommands, built on demand."""

    specs = BANK_COMMANDS


def _typer(help: str, cls: type[WriterGroup]) -> typer.Typer:
    return typer.Typer(help=help, cls=cls, no_args_is_help=True, add_completion=False,
                       pretty_exceptions_enable=False, rich_markup_mode=None)


BANK_HELP = "查看素材库。"
app = _typer("离线的工作综述写作助手：从往年综述中提炼素材库，给出标题、提纲和初稿，并审读草稿。", RootGroup)
app.add_typer(_typer(BANK_HELP, BankGroup), name="bank")


def main() -> None:
    """The console script's body (``writer.__main__`` installs the signal handlers before importing this module)."""
    from writer.io.process import encoding_error, guard_stdout, install_signal_handlers

    install_signal_handlers()
    guard_stdout()
    # Everything imported so far (typer, click, the CLI) lives until the process ends: moved out of the
    # collector's reach, no collection pass walks it again, nor does the one at exit. A command's own
    # objects are collected as ever. A cold `writer suggest` runs some 25M instructions fewer (of its
    # ~335M), about what the same call saves a bare typer app. Only the console script does this: a test
    # calling the app in its own process keeps its collector as it is.
    import gc

    gc.freeze()
    try:
        app()
    except WriterError as error:  # raised outside a command (none do today); keep the promise of one line
        report(error)
        sys.exit(error.exit_code)
    except KeyboardInterrupt as exc:
        sys.exit(_interrupted(exc))
    except UnicodeEncodeError as exc:  # click's own output (help, usage) to a stream that cannot hold it
        report(encoding_error(sys.stdout, exc))
        sys.exit(EXIT_INPUT)
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"writer: {where}{exc.strerror or exc}", file=sys.stderr)
        sys.exit(EXIT_INPUT)
