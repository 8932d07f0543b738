"""What a regular expression may cost: the shape that makes Python's backtracking engine blow up.

Python's ``re`` backtracks. A repeat inside a repeat of variable length
(``(a+)+``, ``(?:\\s*x)*``, ``(a|b+)*``) lets the engine split one run of text
among the two repeats in exponentially many ways before it gives up, so a rule
file with such a pattern could hang `writer check` on one line. Rule patterns
with that shape are refused when the rules load (``nested_repeat``).

The other costly shape, a repeat that consumes a long run and then fails
(``[一-龥]{2,}省`` searched in a long paragraph without 省), costs the length
of the run at every starting position: quadratic, not exponential. It cannot
be told from the pattern alone; the shipped rules and every pattern in writer's
code avoid it (timed on adversarial text by tests/test_regex_bounds.py), and
the checker caps the text one such pattern sees at a paragraph of at most
``writer.check.textmap.MAX_PARAGRAPH`` characters.
"""

from __future__ import annotations

try:  # Python 3.11+ names the parser re._parser; 3.10 and earlier sre_parse
    from re import _constants as _sre, _parser as _parse
except ImportError:  # pragma: no cover - older Python
    import sre_constants as _sre
    import sre_parse as _parse

_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT}
if hasattr(_sre, "POSSESSIVE_REPEAT"):
    _REPEATS.add(_sre.POSSESSIVE_REPEAT)


def _children(op, av) -> list:
    """The sub-patterns of one node of the parsed tree."""
    if op in _REPEATS:
        return [av[2]]
    if op is _sre.SUBPATTERN:
        return [av[3]]
    if op is _sre.BRANCH:
        return list(av[1])
    if op in (_sre.ASSERT, _sre.ASSERT_NOT):
        return [av[1]]
    if op is _sre.GROUPREF_EXISTS:
        return [p for p in av[1:] if p is not None]
    if getattr(_sre, "ATOMIC_GROUP", None) is op:
        return [av]
    return []


def _variable(op, av) -> bool:
    """Whether a repeat node matches a variable number of times."""
    return av[0] != av[1]


def _first_variable_repeat(tree) -> str | None:
    """The text of the first repeat of variable count in ``tree``, or None."""
    for op, av in tree:
        if op in _REPEATS and _variable(op, av):
            return _describe(op, av)
        for child in _children(op, av):
            found = _first_variable_repeat(child)
            if found:
                return found
    return None


def _describe(op, av) -> str:
    low, high = av[0], av[1]
    if high == _sre.MAXREPEAT:
        return "*" if low == 0 else "+" if low == 1 else f"{{{low},}}"
    return "?" if (low, high) == (0, 1) else f"{{{low},{high}}}"


_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
               "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}
# A leading set larger than this is not enumerated: the repeat counts as not delimited.
_MAX_LEAD = 1 << 16


def _one_char(op, av):
    """A test of one character for a node matching exactly one character; None for other nodes."""
    import re

    if op is _sre.LITERAL:
        return lambda ch: ord(ch) == av
    if op is _sre.NOT_LITERAL:
        return lambda ch: ord(ch) != av
    if op is _sre.ANY:
        return lambda ch: True
    if op is not _sre.IN:
        return None
    negate, tests = False, []
    for item_op, item_av in av:
        if item_op is _sre.NEGATE:
            negate = True
        elif item_op is _sre.LITERAL:
            tests.append(lambda ch, c=item_av: ord(ch) == c)
        elif item_op is _sre.RANGE:
            tests.append(lambda ch, r=item_av: r[0] <= ord(ch) <= r[1])
        elif item_op is _sre.CATEGORY and str(item_av) in _CATEGORIES:
            tests.append(re.compile(_CATEGORIES[str(item_av)]).fullmatch)
        else:
            return None
    return lambda ch: any(t(ch) for t in tests) != negate


def _leading_chars(node) -> list[str] | None:
    """The characters a one-character node of a plain set (at most _MAX_LEAD of them) matches."""
    op, av = node
    if op is _sre.LITERAL:
        return [chr(av)]
    if op is not _sre.IN or any(item_op not in (_sre.LITERAL, _sre.RANGE) for item_op, _ in av):
        return None
    spans = [(v, v) if item_op is _sre.LITERAL else v for item_op, v in av]
    if sum(hi - lo + 1 for lo, hi in spans) > _MAX_LEAD:
        return None
    return [chr(c) for lo, hi in spans for c in range(lo, hi + 1)]


_LOOKAROUNDS = (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT)


def _consuming_tests(tree, out: list) -> bool:
    """Collect a test for every character-consuming node of ``tree``; False when one is not
    a plain character test (a back-reference, say)."""
    for op, av in tree:
        if op in _LOOKAROUNDS:
            continue
        test = _one_char(op, av)
        if test is not None:
            out.append(test)
            continue
        children = _children(op, av)
        if not children or not all(_consuming_tests(child, out) for child in children):
            return False
    return True


def _delimited(body) -> bool:
    """Whether each pass of a repeat over ``body`` starts with a character that nothing
    else in ``body`` can take (``(?:[.,][0-9]+)*``, ``(?:、(?:代表|委员)们?){0,4}``):
    then a run of text splits into passes one way only."""
    if not body:
        return False
    lead = _leading_chars(body[0])
    rest: list = []
    if lead is None or not _consuming_tests(body[1:], rest):
        return False
    return not any(test(ch) for test in rest for ch in lead)


def _nested(tree) -> str | None:
    for op, av in tree:
        if op in _REPEATS and av[1] > 1 and _variable(op, av) and not _delimited(av[2]):
            inner = _first_variable_repeat(av[2])
            if inner is not None:
                return f"重复 {_describe(op, av)} 之内又有重复 {inner}"
        for child in _children(op, av):
            found = _nested(child)
            if found:
                return found
    return None


def nested_repeat(pattern: str, flags: int = 0) -> str | None:
    """Why ``pattern`` can backtrack exponentially (a variable repeat inside a variable
    repeat that can run more than once), in Chinese; None when it cannot.

    Fine: ``(?:ab?){2}`` and ``(?:a+)?`` (the outer count is fixed, or at most one),
    ``(?:[.,][0-9]+)*`` (each pass starts with a character the inner repeat cannot
    take, so a run splits one way only). Refused: ``(a+)+``, ``(?:\\s*x)*``.
    """
    try:
        tree = _parse.parse(pattern, flags)
    except Exception:  # a malformed pattern is reported by re.compile, not here
        return None
    return _nested(tree)
