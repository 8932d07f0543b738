"""`writer outline`: a whole summary laid out — title, lead template, parallel section
headings with the facts each section reports, closing — and the facts skeleton for
`writer render`.

Nothing here invents a fact: every place a number or achievement belongs is a
visible blank (【】 in the outline, 【请填写】 in the facts skeleton, which
`writer render` refuses until it is filled). No source document's name appears
outside the provenance notes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from writer.compose.data import word_list
from writer.compose.titles import build_title
from writer.errors import UsageError, WriterError
from writer.slotted import ValueRecord
from writer.zh import cn_numeral, fold_ascii_punctuation

MIN_SECTIONS = 2
MAX_SECTIONS = 8
DEFAULT_SECTIONS = 4
GUIDING = "习近平新时代中国特色社会主义思想"
FILL = "【请填写】"
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_NUMBER = re.compile(r"\d+(?:[.．]\d+)?")


class OutlineOptionError(UsageError):
    """An option of `writer outline` has a value it cannot use."""


FIRST_YEAR = 1900   # --since before it is no year of a work report (as writer suggest checks)


def check_since(since: int | None) -> None:
    """``--since`` must be a year from FIRST_YEAR to this year."""
    if since is None:
        return
    import time

    latest = time.localtime().tm_year
    if not FIRST_YEAR <= since <= latest:
        raise OutlineOptionError(f"--since 应为 {FIRST_YEAR} 到 {latest} 之间的年份，不是 {since}", key="--since")


# The outline's records are value records (writer.slotted), not dataclasses: making a dataclass
# compiles its methods at import, which costs every outline computed afresh.
class OutlineSection(ValueRecord):
    """One section: its theme, its heading (one or two lines), where the heading came from, its facts;
    the years the heading's source used it, and the shipped reference's headings for the theme."""

    __slots__ = _fields = ("theme", "heading", "lines", "pattern", "origin", "facts", "first_year", "last_year",
                           "documents", "reference")

    def __init__(self, theme: str, heading: str, lines: list[str], pattern: str, origin: str,
                 facts: list[str] | None = None, first_year: int | None = None, last_year: int | None = None,
                 documents: int | None = None, reference: list[dict] | None = None):
        self.theme, self.heading, self.lines, self.pattern, self.origin = theme, heading, lines, pattern, origin
        self.facts = facts if facts is not None else []
        self.first_year = first_year    # the years of ``origin`` (the user's bank) or, for a heading
        self.last_year = last_year      # taken from the reference (origin "参考素材库"), of its reports
        self.documents = documents
        # {text, pattern, first_year, peak_year, last_year, documents}
        self.reference = reference if reference is not None else []

    def to_dict(self) -> dict:
        return {"theme": self.theme, "heading": self.heading, "lines": list(self.lines), "pattern": self.pattern,
                "origin": self.origin, "facts": list(self.facts), "first_year": self.first_year,
                "last_year": self.last_year, "documents": self.documents,
                "reference": [dict(r) for r in self.reference]}


class Outline(ValueRecord):
    """A whole outline, ready to print or to turn into a facts skeleton."""

    __slots__ = _fields = ("title", "org", "topic", "period", "year", "style", "seed", "lead", "lead_source",
                           "sections", "closing", "closing_source")

    def __init__(self, title: str, org: str, topic: str, period: str | None, year: int | None, style: str,
                 seed: int, lead: str, lead_source: str, sections: list[OutlineSection], closing: str,
                 closing_source: str):
        self.title, self.org, self.topic, self.period, self.year = title, org, topic, period, year
        self.style, self.seed, self.lead, self.lead_source = style, seed, lead, lead_source
        self.sections, self.closing, self.closing_source = sections, closing, closing_source

    def to_dict(self) -> dict:
        """The fields as a dict, the sections' too (as dataclasses.asdict gave them)."""
        return {**{name: getattr(self, name) for name in self._fields},
                "sections": [sec.to_dict() for sec in self.sections]}


# ---------------------------------------------------------------- period

def year_of(period: str | None) -> int | None:
    """The year a period names (2024年 → 2024), None for 五年来 or “十四五”以来."""
    m = _YEAR.search(period or "")
    return int(m.group(1)) if m else None


# ---------------------------------------------------------------- facts per theme

def _theme_words(lex, theme) -> list[str]:
    """Words that mark a corpus section as being on ``theme``: its name (first), its halves and
    its noun phrases' words, without the generic heads (工作, 体系…)."""
    words = set()
    name = theme.name
    if len(name) == 4:
        words.update((name[:2], name[2:]))
    for np in theme.nouns:
        for w in np.words:
            if len(w.text) >= 2 and w.text not in lex.heads:
                words.add(w.text)
    generic = set(word_list("generic_heads"))
    rest = sorted((w for w in words if w not in generic and len(w) >= 2 and w != theme.name),
                  key=lambda w: (-len(w), w))
    return [theme.name] + rest


def _alternation(key: str) -> str:
    return "|".join(re.escape(w) for w in word_list(key))


@lru_cache(maxsize=None)
def _clause_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """The leading filler words, the unit a fact ends with, and a source's own body
    (writer/data/compose/outline.yaml)."""
    lead_filler = re.compile(f"^(?:{_alternation('lead_fillers')})+")
    fact_end = re.compile(f"【】\\s*(?:余|多)?\\s*(?:%|％|[万亿千百]?(?:{_alternation('fact_units')}))")
    source_body = re.compile(f"{_alternation('source_bodies')}|[A-Za-z]{{2,}}")
    return lead_filler, fact_end, source_body


def corpus_facts(bank, words: list[str], limit: int = 3) -> list[str]:
    """Kinds of facts that corpus sections on these words report: their number-bearing
    clauses with every number made a blank (发放创业小额担保贷款【】万元)."""
    if not words:
        return []
    try:
        documents = bank.documents()
    except WriterError:  # a bank without a readable documents.jsonl simply has no examples
        return []
    names = [n for n in bank.source_names() if len(n) >= 2]
    out: list[str] = []
    name = words[0] if words else ""
    for doc in documents:
        for sec in doc.all_sections():
            head = (sec.heading or "") + (sec.subheading or "")
            # A section on the theme: its heading names the theme, or two of its words.
            if not (name in head or sum(1 for w in words if w in head) >= 2):
                continue
            for para in sec.paragraphs:
                for clause in re.split(r"[，。；;：:！!？?]", para):
                    fact = _fact_from_clause(clause, names)
                    # …and the fact itself speaks of the theme (not a neighbouring matter).
                    if fact and any(w in fact for w in words) and fact not in out:
                        out.append(fact)
                        if len(out) >= limit:
                            return out
    return out


def _fact_from_clause(clause: str, names: list[str]) -> str | None:
    lead_filler, fact_end, source_body = _clause_patterns()
    clause = clause.strip()
    if not _NUMBER.search(clause) or _YEAR.search(clause):
        return None
    # Lists (、), quotations and names make a clause one source's, not a kind of fact; so does
    # a particular body of the source (支队党委专题研究…, 市委常委会…): the user's may differ.
    if any(q in clause for q in "、“”\"《》（）()【】") or any(n in clause for n in names) \
            or source_body.search(clause):
        return None
    fact = _NUMBER.sub("【】", clause).replace(" ", "")
    fact = lead_filler.sub("", fact)
    if fact.count("【】") > 2 or not fact_end.search(fact):
        return None
    what = fact.split("【】")[0]
    if len(what) < 4 or not 8 <= len(fact) <= 24:
        return None
    return fact


def _theme_record(lex, theme: str, topic=None):
    from writer.compose.themes import resolve_themes
    top = topic if topic is not None else lex.topic(theme)
    return resolve_themes(lex, top, [theme])[0]


def theme_facts(bank, lex, theme: str, topic=None, limit: int = 5) -> list[str]:
    """What a section on ``theme`` reports: examples from the corpus, then the lexicon's kinds."""
    rec = _theme_record(lex, theme, topic)
    found = corpus_facts(bank, _theme_words(lex, rec), limit=3)
    curated = list(rec.facts)
    if not curated:
        # A theme neither the lexicon nor any topic knows: the generic kinds of facts.
        curated = [f for t in lex.fallback_themes(theme) for f in t.facts][:3]
    out = list(found)
    for f in curated:
        if f not in out:
            out.append(f)
    return out[:limit]


# ---------------------------------------------------------------- the outline

def parse_themes(text: str | None) -> list[str]:
    """--themes: names separated by commas (, ， 、)."""
    if not text:
        return []
    return [t.strip() for t in re.split(r"[,，、;；]", text) if t.strip()]


def choose_themes(topic, themes: list[str], sections: int | None) -> list[str]:
    """The section themes: those given, else the topic's own (then generic ones) up to ``sections``."""
    from writer.compose.themes import default_themes

    if themes:
        if sections is not None and sections != len(themes):
            raise OutlineOptionError(f"--sections {sections} 与 --themes 给出的 {len(themes)} 个主题不一致",
                                     key="--sections")
        n = len(themes)
    else:
        n = sections if sections is not None else min(DEFAULT_SECTIONS, max(len(topic.themes), MIN_SECTIONS))
    if not MIN_SECTIONS <= n <= MAX_SECTIONS:
        raise OutlineOptionError(f"分节数应在 {MIN_SECTIONS} 到 {MAX_SECTIONS} 之间，不是 {n}",
                                 key="--themes" if themes else "--sections")
    if len(set(themes)) != len(themes):
        raise OutlineOptionError("--themes 中有重复的主题", key="--themes")
    return themes or default_themes(topic, n)


def _values(org: str, topic, period: str | None, year: int | None) -> dict:
    from writer.compose.passages import passage_values
    return passage_values(topic, org=org, year=year, period=period)


class OutlinePools:
    """What an outline takes from the bank and the reference that no seed changes: the assembled
    openings and closings, and each theme's facts and reference headings, as plain data.

    A writer asking again with another seed draws from the same pools: writer.commands.outline
    remembers them per request without its seed (with what they were read from), so a new seed
    costs the headings and the draws only. ``plain``: the pools as stored, or None.
    """

    __slots__ = ("data", "changed")

    def __init__(self, plain: dict | None = None):
        self.data: dict = dict(plain) if isinstance(plain, dict) else {}
        self.changed = False

    def get(self, key: tuple, compute):
        """The pool ``key``, computed (and the pools marked changed) when not yet held."""
        if key not in self.data:
            self.data[key] = compute()
            self.changed = True
        return self.data[key]


def _passage_rows(bank, lex, topic, kind: str, values: dict) -> list[tuple]:
    """(text, source, pattern, parts) of every passage assembled for ``kind``."""
    from writer.compose.passages import assembled_passages

    return [(p.text, p.source, p.pattern, p.parts) for p in assembled_passages(bank, lex, topic, kind, values)]


def _pick_passage(bank, lex, topic, kind: str, values: dict, seed: int,
                  pools: OutlinePools | None = None) -> tuple[str, str]:
    """A lead or closing assembled from the bank's couplets and the lexicon's frames, and its provenance."""
    import random

    # Pieces carry no name or number of their sources (writer.compose.passages.passage_pieces).
    pools = pools if pools is not None else OutlinePools()
    items = pools.get(("passages", kind), lambda: _passage_rows(bank, lex, topic, kind, values))
    if not items:  # pragma: no cover - the lexicon always has frames
        return "", ""
    rng = random.Random(f"{seed}:{kind}")
    # The genre's habit: a couplet first; a closing with a year also looks back and ahead.
    want = ("couplet", "review") if kind == "closing" and values.get("year") else ("couplet",)
    pool = ([s for s in items if tuple(s[3]) == want] or [s for s in items if "couplet" in s[3]]
            or items)
    text, source, pattern, _ = pool[rng.randrange(len(pool))]
    where = f"对句取自《{source}》；" if source else ""
    return text, f"{where}句式：{pattern}"


def build_outline(bank, org: str, topic: str, period: str | None = None, sections: int | None = None,
                  themes: list[str] | None = None, style: str = "single", seed: int = 0,
                  since: int | None = None, reference: bool = True, pools: OutlinePools | None = None) -> Outline:
    """The outline for ``org``'s summary of ``topic`` over ``period``; with ``reference`` each section also
    lists the shipped reference's headings for its theme (``since``: used in or after that year; a
    section whose heading the user's bank took from an older document then takes the reference's first).
    ``pools``: what an outline of the same request with another seed took (see OutlinePools)."""
    from writer.compose.headings import STYLES, NoPatternError, heading_set
    from writer.bank.lexicon import load_lexicon

    org = (org or "").strip()
    topic_name = (topic or "").strip()
    if not org:
        raise OutlineOptionError("缺少单位名称（--org，如 某县人力资源和社会保障局）", key="--org")
    if not topic_name:
        raise OutlineOptionError("缺少主题（--topic，如 人才、教育、医保）", key="--topic")
    if style not in STYLES:
        raise OutlineOptionError(f"标题样式只能是 {'/'.join(STYLES)}，不是“{style}”", key="--style")
    lex = load_lexicon()
    top = lex.topic(topic_name)
    names = choose_themes(top, list(themes or []), sections)
    try:
        heads = heading_set(bank, topic_name, names, style=style, seed=seed)
    except NoPatternError as exc:  # its key is the facts file's "themes", which outline's user never wrote
        raise OutlineOptionError(f"素材库中没有能为这 {len(names)} 节（{'、'.join(names)}）填出一组 {style} "
                                 "样式对仗标题的模式；可换用 --style，用 --themes、--sections 改写分节主题，或换用别的素材库（--bank）",
                                 key="--style") from exc
    year = year_of(period)
    values = _values(org, top, period, year)
    pools = pools if pools is not None else OutlinePools()
    lead, lead_src = _pick_passage(bank, lex, top, "opening", values, seed, pools)
    closing, closing_src = _pick_passage(bank, lex, top, "closing", values, seed, pools)
    # Text from the bank may carry a source's ASCII marks (,;:()"…"): the outline writes them full-width.
    fold = fold_ascii_punctuation
    lead, closing = fold(lead), fold(closing)
    secs = [OutlineSection(theme=name, heading=fold(h.text), lines=[fold(x) for x in h.lines], pattern=h.pattern,
                           origin=h.origin,
                           facts=[fold(f) for f in pools.get(("facts", name), lambda: theme_facts(bank, lex, name, top))])
            for name, h in zip(names, heads)]
    _add_years(bank, lex, top, secs, since, reference, pools)
    return Outline(title=build_title(org, topic_name, period), org=org, topic=topic_name,
                   period=period, year=year, style=style, seed=seed, lead=lead, lead_source=lead_src,
                   sections=secs, closing=closing, closing_source=closing_src)


REFERENCE_SOURCE = "参考素材库"


def _theme_references(lex, top, theme: str, since: int | None, lines: list) -> list[dict]:
    """The shipped reference's headings for ``theme`` (used since ``since``), with their years."""
    from writer.compose.reference import theme_headings

    out = []
    for ref in theme_headings(lines, lex, _theme_words(lex, _theme_record(lex, theme, top)), since):
        first, peak, last, docs = _years_from(ref.use, since)
        out.append({"text": ref.text, "pattern": ref.pattern, "first_year": first,
                    "peak_year": peak, "last_year": last, "documents": docs})
    return out


def _add_years(bank, lex, top, secs: list[OutlineSection], since: int | None, reference: bool,
               pools: OutlinePools) -> None:
    """Each section's years and reference headings (see build_outline)."""
    lines: list = []

    def reference_of(theme: str) -> list[dict]:
        if reference and not lines:
            from writer.bank.reference_headings import reference_lines
            lines.append(reference_lines())
        return _theme_references(lex, top, theme, since, lines[0] if lines else None)
    origins = {h.text: h.year for h in bank.headings}
    for sec in secs:
        year = origins.get(sec.origin)
        if year is not None and (since is None or year >= since):
            sec.first_year = sec.last_year = year
            sec.documents = 1
        sec.reference.extend(dict(r) for r in pools.get(("reference", sec.theme), lambda: reference_of(sec.theme)))
        if since is not None and sec.first_year is None and sec.reference:
            best = sec.reference[0]   # the user's heading is older than --since: the reference's, used since
            sec.heading, sec.lines, sec.pattern, sec.origin = best["text"], [best["text"]], best["pattern"], \
                REFERENCE_SOURCE
            sec.first_year, sec.last_year, sec.documents = best["first_year"], best["last_year"], best["documents"]


def _years_from(use, since: int | None) -> tuple[int, int, int, int]:
    """(first, peak, last year, reports) from ``since`` on (the peak among years of ten reports or more)."""
    docs = {y: n for y, n in use.docs.items() if n and (since is None or y >= since)}
    solid = [y for y in docs if use.totals.get(y, 0) >= 10] or list(docs)
    peak = max(sorted(solid), key=lambda y: (use.share(y), -y))
    return min(docs), peak, max(docs), sum(docs.values())


def _years_text(first: int | None, last: int | None, docs: int | None, peak: int | None = None) -> str:
    if first is None:
        return ""
    if first == last:
        return f"{first}年" + (f"，{docs}篇" if docs and docs > 1 else "")
    return f"{first}—{last}年" + (f"，峰值{peak}年" if peak else "") + f"，{docs}篇"


# ---------------------------------------------------------------- output

def cn_ordinal(i: int) -> str:
    """1 → 一, 10 → 十 (sections never exceed eight)."""
    return cn_numeral(i) if 1 <= i <= 10 else str(i)


def to_markdown(outline: Outline) -> str:
    """The outline as Markdown: title, lead, sections with their facts, closing, provenance."""
    out = [f"# {outline.title}", "",
           "> 本提纲为自动生成（writer outline）。【……】处按实际情况填写；每节列出的是这类章节常报的事实，"
           "只写真实发生的事和数字，没有的删去。", "",
           "## 导语（帽子）", "", outline.lead, ""]
    for i, sec in enumerate(outline.sections, 1):
        out.append(f"## {cn_ordinal(i)}、{sec.lines[0]}")
        if len(sec.lines) > 1:
            out += ["", f"**{sec.lines[1]}**"]
        out += ["", f"本节主题：{sec.theme}。可写的事实："]
        out += [f"- {f}" for f in sec.facts]
        if sec.reference:  # their years go with the provenance: the body holds no number of its own
            out += ["", "参考提法（政府工作报告用过的标题）：" + "；".join(r["text"] for r in sec.reference)]
        out.append("")
    out += ["## 结语", "", outline.closing, "", "---", "", "出处（仅供核对，不进正文）：", ""]
    for i, sec in enumerate(outline.sections, 1):
        years = _years_text(sec.first_year, sec.last_year, sec.documents)
        if sec.origin == REFERENCE_SOURCE:
            out.append(f"- 第{cn_ordinal(i)}节标题：{REFERENCE_SOURCE}（{years}报告；模式 {sec.pattern}）")
        else:
            out.append(f"- 第{cn_ordinal(i)}节标题：模式 {sec.pattern}，来自素材库标题“{sec.origin}”"
                       + (f"（{years}）" if years else ""))
        if sec.reference:
            used = "；".join(f"{r['text']}（{_years_text(r['first_year'], r['last_year'], r['documents'], r['peak_year'])}"
                            "报告）" for r in sec.reference)
            out.append(f"- 第{cn_ordinal(i)}节参考提法：{REFERENCE_SOURCE}，{used}")
    out.append(f"- 导语：{outline.lead_source}")
    out.append(f"- 结语：{outline.closing_source}")
    return "\n".join(out) + "\n"


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    import json
    return json.dumps(text, ensure_ascii=False)


def facts_skeleton(outline: Outline) -> str:
    """The commented YAML skeleton `writer render` accepts once every 【请填写】 is replaced.

    Format (issue 5): org, org_short, topic, period, year, title, guiding, overview,
    sections[{theme, heading, facts}], outlook{next_year, goals}, style{heading, seed}.
    """
    y = outline.year
    lines = [
        "# 事实文件骨架（writer outline 生成）。",
        "# 把每个【请填写】换成实际的数字或说法；用不上的条目整行删去，也可以自己添条目。",
        "# 只写真实发生的事：writer render 不会编造任何数字，遇到未填写的【请填写】会报错。",
        "# 填好后运行：writer render 本文件 -o 初稿.docx",
        "",
        f"org: {_q(outline.org)}",
        "# org_short: \"\"        # 可选：正文里使用的简称，如 县人社局",
        f"topic: {_q(outline.topic)}",
        f"period: {_q(outline.period) if outline.period else _q('【请填写：如 2024年、“十四五”以来】')}",
    ]
    lines.append(f"year: {y}" if y else "# year: 2024           # 可选：年份")
    lines += [
        f"title: {_q(outline.title)}",
        f"guiding: {_q(GUIDING)}",
        "overview:                # 导语里的总体成绩，一句一条",
        f"  - {_q('【请填写：全年总体成绩，如 城镇新增就业1260人】')}",
        "sections:",
    ]
    for sec in outline.sections:
        heading = " ".join(sec.lines)
        lines.append(f"  - theme: {_q(sec.theme)}")
        lines.append(f"    heading: {_q(heading)}      # 可改；删去此行则由 writer render 另行生成")
        lines.append("    facts:                # 这类章节常报的事实；一句一条")
        for fact in sec.facts or ["【请填写：本节的一项具体成绩】"]:
            lines.append(f"      - {_q(fact.replace('【】', FILL))}")
    lines += ["outlook:                 # 结语里的下一步目标"]
    lines.append(f"  next_year: {y + 1}" if y else "  # next_year: 2025")
    lines += ["  goals:", f"    - {_q('【请填写：明年的目标，如 新增就业1300人以上】')}",
              f"style: {{heading: {outline.style}, seed: {outline.seed}}}", ""]
    return "\n".join(lines)


def to_json(outline: Outline) -> str:
    import json
    return json.dumps(outline.to_dict(), ensure_ascii=False, indent=2) + "\n"
