"""The shipped templates as cached layout programs: a draft laid out without importing Jinja2.

Jinja2 costs a render more than drafting a section (importing it and
compiling a template at every run). The shipped templates use a small part of
it: text, ``{{ name.attr }}``, ``for`` loops, ``if``, blocks. ``compile_layout``
has Jinja2 parse a template (with the environment render uses, so whitespace
control is Jinja2's own) and turns the syntax tree into plain data (nested
tuples); ``run_layout`` walks that data with Jinja2's rules for name and
attribute lookup and for printing a value. The program is kept through
writer.io.cache, keyed by the template's content and this module's, so a
render with the shipped templates reads it and never imports Jinja2.

Anything outside that part (filters, tests, ``loop``, ``set``, ``extends``,
``include``, macros, calls, operators) is not compiled: ``compile_layout``
answers None and the template goes through Jinja2 as before. A lookup Jinja2
would find undefined makes ``run_layout`` answer None too, and the caller
renders through Jinja2, which reports the error. The output is Jinja2's,
byte for byte, or there is none.
"""

from __future__ import annotations

from pathlib import Path

from writer.io import cache

LAYOUT_CACHE = "render-layout-{fmt}.marshal"
# The Jinja2 module whose lexer decided the whitespace of a compiled program: a program made
# under another installation of Jinja2 is compiled again.
_LEXER = "lexer.py"


class _Undefined(Exception):
    """A name or attribute Jinja2 would find undefined: the template goes through Jinja2."""


class _Unsupported(Exception):
    """A construct outside the compiled subset."""


# ---------------------------------------------------------------- compiling

def _expression(node) -> tuple:
    from jinja2 import nodes

    if isinstance(node, nodes.Name) and node.ctx == "load" and node.name != "loop":
        return ("name", node.name)
    if isinstance(node, nodes.Getattr) and node.ctx == "load":
        return ("attr", _expression(node.node), node.attr)
    if isinstance(node, nodes.Getitem) and node.ctx == "load" and isinstance(node.arg, nodes.Const) \
            and type(node.arg.value) in (str, int):
        return ("item", _expression(node.node), node.arg.value)
    if isinstance(node, nodes.Const) and (node.value is None or type(node.value) in (str, int, float, bool)):
        return ("const", node.value)
    if isinstance(node, nodes.Not):
        return ("not", _expression(node.node))
    raise _Unsupported(type(node).__name__)


def _statements(body) -> tuple:
    return tuple(_statement(node) for node in body)


def _statement(node) -> tuple:
    from jinja2 import nodes

    if isinstance(node, nodes.Output):
        return ("out", tuple(("text", child.data) if isinstance(child, nodes.TemplateData)
                             else ("value", _expression(child)) for child in node.nodes))
    if isinstance(node, nodes.For) and isinstance(node.target, nodes.Name) and not node.else_ \
            and node.test is None and not node.recursive:
        return ("for", node.target.name, _expression(node.iter), _statements(node.body))
    if isinstance(node, nodes.If):
        branches = [(node.test, node.body), *((branch.test, branch.body) for branch in node.elif_)]
        return ("if", tuple((_expression(test), _statements(body)) for test, body in branches),
                _statements(node.else_))
    if isinstance(node, nodes.Block) and not getattr(node, "required", False):
        return ("block", bool(node.scoped), _statements(node.body))
    raise _Unsupported(type(node).__name__)


def compile_layout(env, name: str) -> tuple | None:
    """The template ``name`` of the Jinja2 environment ``env`` as a layout program, or None when
    it uses anything outside the compiled subset (or does not parse: Jinja2 reports that)."""
    import jinja2

    try:
        source = env.loader.get_source(env, name)[0]
        tree = env.parse(source, name)
    except (jinja2.TemplateError, OSError, UnicodeDecodeError):
        return None
    try:
        return _statements(tree.body)
    except _Unsupported:
        return None


# ---------------------------------------------------------------- running

def _lookup(obj, attribute):
    """Jinja2's ``obj.attribute``: the attribute, else the item; undefined otherwise."""
    try:
        return getattr(obj, attribute)
    except AttributeError:
        pass
    try:
        return obj[attribute]
    except (TypeError, LookupError, AttributeError):
        raise _Undefined(attribute) from None


def _item(obj, key):
    """Jinja2's ``obj[key]``: the item, else (for a string key) the attribute; undefined otherwise."""
    try:
        return obj[key]
    except (AttributeError, TypeError, LookupError):
        if isinstance(key, str):
            try:
                return getattr(obj, key)
            except AttributeError:
                pass
        raise _Undefined(key) from None


def _value(expr: tuple, scope: dict):
    kind = expr[0]
    if kind == "name":
        if expr[1] not in scope:
            raise _Undefined(expr[1])
        return scope[expr[1]]
    if kind == "attr":
        return _lookup(_value(expr[1], scope), expr[2])
    if kind == "item":
        return _item(_value(expr[1], scope), expr[2])
    if kind == "not":
        return not _value(expr[1], scope)
    return expr[1]


def _run(program: tuple, scope: dict, root: dict, out: list[str]) -> None:
    for statement in program:
        kind = statement[0]
        if kind == "out":
            out.extend(part if what == "text" else str(_value(part, scope)) for what, part in statement[1])
        elif kind == "for":
            _, target, iterable, body = statement
            for item in _value(iterable, scope):
                _run(body, {**scope, target: item}, root, out)
        elif kind == "if":
            _, branches, otherwise = statement
            chosen = next((body for test, body in branches if _value(test, scope)), otherwise)
            _run(chosen, scope, root, out)
        else:   # a block: a scoped one sees the loop around it, any other the template's variables only
            _, scoped, body = statement
            _run(body, scope if scoped else root, root, out)


def run_layout(program: tuple, context: dict) -> str | None:
    """The text Jinja2 renders from the template ``program`` was compiled from, or None where
    Jinja2 would find a name or attribute undefined."""
    out: list[str] = []
    try:
        _run(program, context, context, out)
    except _Undefined:
        return None
    return "".join(out)


# ---------------------------------------------------------------- the shipped templates

def _lexer_stamp(jinja2_file: str) -> tuple:
    return cache.installed_stamp(Path(jinja2_file).with_name(_LEXER))


def shipped_layout(fmt: str, name: str, make_env) -> tuple | None:
    """The layout program of the shipped template ``name`` (None when it is outside the subset),
    compiled through ``make_env()`` once and kept in writer's data cache."""
    from writer.render.compiled import DATA_ROOT
    from writer.io.paths import templates_dir

    where = cache.cache_file(DATA_ROOT, LAYOUT_CACHE.format(fmt=fmt))
    key = (name, cache.file_stamp(templates_dir() / name), cache.file_stamp(Path(__file__)))
    stored = cache.load(where, key)
    if stored is not None:
        lexer, jinja2_file, program = stored
        if tuple(lexer) == _lexer_stamp(jinja2_file):
            return program
    import jinja2

    program = compile_layout(make_env(), name)
    cache.store(where, key, (_lexer_stamp(jinja2.__file__), jinja2.__file__, program))
    return program
