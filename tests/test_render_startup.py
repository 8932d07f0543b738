"""What a fresh render pays for: the fast paths it takes give what the slow ones gave, and a render
drafted afresh on a warm cache loads none of the schemas, parsers and engines it does not need."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from writer.render import fit, genre, weave

ROOT = Path(__file__).resolve().parents[1]


def _tidy_by_patterns(text: str) -> str:
    """weave.tidy as it was written before its fast path: the three substitutions, always."""
    text = re.sub(r"^[，、；]+", "", text)
    text = re.sub(r"([，；、])[，；、]+", r"\1", text)
    return re.sub(r"(?<![，；、])[，；、]+([。！？])", r"\1", text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="，、；。！？甲乙 {}", max_size=24))
def test_tidy_is_the_three_substitutions(text):
    assert weave.tidy(text) == _tidy_by_patterns(text)


def test_the_cached_lists_read_as_the_decoded_ones():
    from writer.render.genre_file import decode_genre
    from writer.render.fit_file import fit_plain

    decoded = decode_genre(genre.SHIPPED_GENRE)
    cached = genre.load_genre()
    assert cached == decoded and cached.frames == decoded.frames
    assert [(f.text, f.kinds, f.avoid, f.period, f.relation) for f in cached.frames["links"]] == \
        [tuple(f) for f in decoded.frames["links"]]
    kinds, levels, _, _, _, _, common = fit_plain("render/fit.yaml")
    data = fit.fit_data()
    assert data.kinds == kinds
    assert [(lv.name, lv.contains, lv.collective, lv.people) for lv in data.levels] == [tuple(lv) for lv in levels]
    assert [(line.text, line.kinds) for line in data.common_lines] == [tuple(line) for line in common]


# Imported by a render only when it must decode a file, lay out a .docx or a user's template,
# generate sentences or segment text: never by a Markdown render of the shipped bank on a warm cache.
_NOT_ON_THE_MARKDOWN_PATH = ("yaml", "jinja2", "docx", "jieba", "markovify", "writer.render.genre_file",
                             "writer.render.fit_file", "writer.render.docx", "writer.render.chain")

_RENDER_AND_LIST = (
    "import sys\n"
    "from writer.__main__ import main\n"
    "sys.argv = ['writer', 'render', sys.argv[1], '--seed', sys.argv[2]]\n"
    "try:\n"
    "    main()\n"
    "except SystemExit:\n"
    "    pass\n"
    "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n")


def test_a_fresh_render_on_a_warm_cache_loads_no_schema_parser_or_engine(tmp_path):
    facts = str(ROOT / "examples" / "人社工作.yaml")
    runs = [subprocess.run([sys.executable, "-c", _RENDER_AND_LIST, facts, str(seed)], capture_output=True,
                           text=True, cwd=tmp_path, check=True) for seed in (901, 902)]
    assert runs[1].stdout.startswith("# ")
    loaded = set(runs[1].stderr.split())
    assert "writer.render.draft" in loaded          # drafted afresh (a new seed), not replayed
    assert sorted(loaded & set(_NOT_ON_THE_MARKDOWN_PATH)) == []
