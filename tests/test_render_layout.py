"""The cached layout programs (writer.render.layout) print what Jinja2 prints, or hand over to it."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from writer.render import layout
from writer.render.templates import TEMPLATE_NAMES, template_environment

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]


@dataclass
class Section:
    number: int
    numeral: str
    theme: str
    heading: str
    heading_lines: list
    paragraphs: list


# Text that exercises whitespace, markup-like characters and braces (a fact may hold “{{ 7*7 }}”).
TEXT = st.text(alphabet=st.sampled_from(list("人社就业{}%#\n\t 　<>&'\"a1、。")), max_size=12)
SECTIONS = st.lists(st.builds(Section, st.integers(1, 9), TEXT, TEXT, TEXT, st.lists(TEXT, max_size=2),
                              st.lists(TEXT, max_size=3)), max_size=4)
CONTEXTS = st.fixed_dictionaries({
    "title": TEXT, "lead": st.lists(TEXT, max_size=3), "sections": SECTIONS,
    "closing": st.lists(TEXT, max_size=2), "org": TEXT, "topic": TEXT, "period": TEXT})


def _env(source: str) -> jinja2.Environment:
    """render's environment options over one in-memory template."""
    shipped = template_environment()
    return jinja2.Environment(loader=jinja2.DictLoader({"t.j2": source}), undefined=jinja2.StrictUndefined,
                              autoescape=False, trim_blocks=shipped.trim_blocks,
                              lstrip_blocks=shipped.lstrip_blocks, keep_trailing_newline=True)


@pytest.mark.parametrize("fmt", sorted(TEMPLATE_NAMES))
@settings(max_examples=60, deadline=None)
@given(context=CONTEXTS)
def test_shipped_templates_print_what_jinja2_prints(fmt, context):
    env = template_environment()
    program = layout.compile_layout(env, TEMPLATE_NAMES[fmt])
    assert program is not None, "the shipped template left the compiled subset"
    assert layout.run_layout(program, context) == env.get_template(TEMPLATE_NAMES[fmt]).render(**context)


# Constructs of the subset, each against Jinja2 over the same contexts.
SUBSET = [
    "{{ title }}|{{ org }}\n",
    "{% for s in sections %}{{ s.numeral }}、{{ s['heading'] }}{% for p in s.paragraphs %}<{{ p }}>{% endfor %}\n"
    "{% endfor %}",
    "{% if lead %}有{{ lead[0] }}{% elif closing %}结{% else %}无{% endif %}\n",
    "{% if not sections %}空{% endif %}{{ 'x' }}{{ 3 }}{{ none }}{{ True }}",
    "{% block a %}  {{ title }}\n{% endblock %}\n{% for s in sections %}{% block b scoped %}\n  {{ s.theme }}\n"
    "{% endblock %}{% endfor %}",
    "{%- for s in sections -%}\n  {{ s.heading_lines }}\n{%- endfor %}\n\n",
    "{% raw %}{{ title }}{% endraw %}{# note #}\n",
]


@pytest.mark.parametrize("source", SUBSET)
@settings(max_examples=40, deadline=None)
@given(context=CONTEXTS)
def test_subset_prints_what_jinja2_prints(source, context):
    env = _env(source)
    program = layout.compile_layout(env, "t.j2")
    assert program is not None
    try:
        expected = env.get_template("t.j2").render(**context)
    except jinja2.UndefinedError:   # lead[0] of an empty list: Jinja2 reports it, the program hands over
        assert layout.run_layout(program, context) is None
        return
    assert layout.run_layout(program, context) == expected


@pytest.mark.parametrize("source", [
    "{{ title | upper }}",                                   # filter
    "{% for s in sections %}{{ loop.index }}{% endfor %}",   # the loop variable
    "{% set x = title %}{{ x }}",
    "{% extends 'base.j2' %}",
    "{% include 'other.j2' %}",
    "{% macro m() %}x{% endmacro %}{{ m() }}",
    "{{ title ~ org }}",
    "{% if title is string %}y{% endif %}",
    "{% for s in sections %}x{% else %}none{% endfor %}",
    "{% for a, b in sections %}{% endfor %}",
    "{{ ",                                                   # a syntax error: Jinja2 reports it
])
def test_constructs_outside_the_subset_are_not_compiled(source):
    assert layout.compile_layout(_env(source), "t.j2") is None


@pytest.mark.parametrize("source, context", [
    ("{{ missing }}", {}),
    ("{% for s in sections %}{% block b %}{{ s.theme }}{% endblock %}{% endfor %}",   # not scoped: no s
     {"sections": [Section(1, "一", "就业", "", [], [])]}),
    ("{{ title.nothing }}", {"title": "题"}),
    ("{{ lead[5] }}", {"lead": []}),
])
def test_undefined_hands_over_to_jinja2(source, context):
    env = _env(source)
    program = layout.compile_layout(env, "t.j2")
    assert program is not None
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("t.j2").render(**context)
    assert layout.run_layout(program, context) is None


def test_a_render_with_the_shipped_templates_does_not_import_jinja2(tmp_path):
    code = ("import sys\n"
            "from writer.render.draft import render_file\n"
            "for out in (None, sys.argv[2]):\n"
            "    render_file(sys.argv[1], out, force=True, seed=5)\n"
            "print('jinja2' in sys.modules)\n")
    facts = str(ROOT / "examples" / "人社工作.yaml")
    out = str(tmp_path / "初稿.txt")
    runs = [subprocess.run([sys.executable, "-c", code, facts, out], capture_output=True, text=True, cwd=tmp_path,
                           check=True).stdout.split() for _ in range(2)]
    assert runs[-1] == ["False"]   # the second run reads the compiled programs
