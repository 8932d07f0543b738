"""Raw option parsing for the commands that must start fast (suggest, render).

typer 0.29 builds a pydantic validator for every typed parameter it coerces,
about 100 ms per run; suggest and render have start-up bounds, so they take
their arguments raw (``ctx.args``) and parse them here.
"""

from __future__ import annotations

from writer.errors import UsageError


def _is_number(text: str) -> bool:
    try:
        int(text)
        return True
    except ValueError:
        return False


def split_options(args: list[str], options: dict[str, tuple[str, bool]], error: type[UsageError],
                  attached: tuple[str, ...] = ()) -> tuple[dict, list[str]]:
    """Raw arguments → ({field: value} of the options given, positionals).

    ``options`` maps a flag to (field, takes a value); a flag without a value
    sets True. ``--flag=value`` works for long flags; the short flags in
    ``attached`` also take a glued value (``-n5``, ``-ofile.md``). A number
    such as ``-1`` is a value, not a flag; ``--`` is skipped. Unknown flags,
    missing values and values given to flags that take none raise ``error``.
    """
    values: dict = {}
    positional: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        name, eq, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        for short in attached:
            if arg.startswith(short) and len(arg) > len(short) and not arg.startswith("--"):
                name, eq, inline = short, "=", arg[len(short):]
        if name in options and not _is_number(arg):
            field, takes = options[name]
            if not takes:
                if eq:
                    raise error(f"{name} 不带值", key=name)
                values[field] = True
            elif eq:
                values[field] = inline
            else:
                if i + 1 >= len(args):
                    raise error(f"{name} 后面缺少值", key=name)
                i += 1
                values[field] = args[i]
        elif arg.startswith("-") and len(arg) > 1 and not _is_number(arg) and arg != "--":
            raise error(f"不认识的选项“{arg}”；可用：{'、'.join(sorted(set(options)))}", key=arg)
        elif arg != "--":
            positional.append(arg)
        i += 1
    return values, positional
