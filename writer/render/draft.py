"""A draft 工作综述 from the writer's facts: the draft model, how its sentences are chosen, the whole job.

``build_draft`` decides every sentence (title, lead, headings, section
paragraphs, closing) from the facts, the bank and the genre lists, with one
seeded random generator, so the same facts and seed give the same draft.
``render_file`` loads the facts, builds the draft and lays it out through
the templates (writer.render.templates).
"""

from __future__ import annotations

import random
from pathlib import Path

from writer.errors import MissingPathError, UsageError, WriterError
from writer.render.genre import Genre, load_genre
from writer.render.guard import TextGuard
from writer.render.ledger import PhraseLedger
from writer.render.review import keep_verdicts, load_review_lists
from writer.render.sources import is_shipped, opener_candidates, related_words, relevance, section_headings
from writer.render.weave import filled_pair, goals_phrase, lead_paragraph, seeded, theme_work, tidy
from writer.zh import cn_numeral

FORMATS = {".md": "md", ".markdown": "md", ".txt": "txt", ".docx": "docx"}
# Generated sentences used per draft at most: the bank's own sentences read better.
MAX_GENERATED = 2


class OutputFormatError(UsageError):
    """The output file's extension is not one writer can write."""


# The draft's records are plain classes with slots, not dataclasses: every render builds them,
# and making a dataclass (its generated methods compiled at import) costs a fresh render more
# than filling a section.
class DraftSection:
    """One section of the draft."""

    __slots__ = ("number", "numeral", "theme", "heading", "heading_lines", "heading_origin", "paragraphs")

    def __init__(self, number: int, numeral: str, theme: str, heading: str, heading_lines: list[str],
                 heading_origin: str, paragraphs: list[str]):
        self.number, self.numeral, self.theme, self.heading = number, numeral, theme, heading
        self.heading_lines = heading_lines
        self.heading_origin = heading_origin  # given / generated (bank pattern) / frame (genre.yaml)
        self.paragraphs = paragraphs


class GeneratedNote:
    """A sentence the Markov model wrote, and where it went, for the writer to review."""

    __slots__ = ("where", "text")

    def __init__(self, where: str, text: str):
        self.where, self.text = where, text


class Draft:
    """Everything a template needs to lay out a summary."""

    __slots__ = ("title", "lead", "sections", "closing", "org", "topic", "period", "generated",
                 "generated_headings", "notes")

    def __init__(self, title: str, lead: list[str], sections: list[DraftSection], closing: list[str], org: str,
                 topic: str, period: str, generated: list[GeneratedNote] | None = None,
                 generated_headings: list[str] | None = None, notes: list[str] | None = None):
        self.title, self.lead, self.sections, self.closing = title, lead, sections, closing
        self.org, self.topic, self.period = org, topic, period
        self.generated = generated if generated is not None else []
        self.generated_headings = generated_headings if generated_headings is not None else []
        self.notes = notes if notes is not None else []   # why a heading style could not be honoured…

    def context(self) -> dict:
        return {"title": self.title, "lead": self.lead, "sections": self.sections,
                "closing": self.closing, "org": self.org, "topic": self.topic,
                "period": self.period}


def build_title(facts) -> str:
    """The facts' title, else the corpus's form of title for org, topic and period."""
    from writer.compose.titles import build_title as corpus_title

    if facts.title:
        return facts.title
    try:
        return corpus_title(facts.org, facts.topic, facts.period)
    except WriterError:
        pass  # the topic lexicon is unusable: the plain title below still serves
    # 2024年某县人社工作综述
    return f"{facts.period}{facts.place or facts.org}{theme_work(facts.topic)}综述"


class _Drafting:
    """What every choice of one draft reads: the genre, the guard, the slot values, the seeded
    generator and the ledger."""

    __slots__ = ("genre", "guard", "values", "rng", "ledger")

    def __init__(self, genre: Genre, guard: TextGuard, values: dict, rng: random.Random, ledger: PhraseLedger):
        self.genre, self.guard, self.values, self.rng, self.ledger = genre, guard, values, rng, ledger


def facts_digest(facts) -> int:
    """A number drawn from the facts' content: different facts files read differently under one seed."""
    try:   # hashlib loads OpenSSL (~5 ms at every render); the built-in sha256 gives the same digest
        from _sha256 import sha256
    except ImportError:  # pragma: no cover - Python 3.12 names it _sha2, a build may lack both
        try:
            from _sha2 import sha256
        except ImportError:
            from hashlib import sha256

    content = repr((facts.org, facts.org_short, facts.topic, facts.period, facts.year, facts.title,
                    facts.guiding, facts.overview, facts.outlook,
                    [(s.theme, s.facts, s.heading, s.approach, s.highlight) for s in facts.sections]))
    # The style (heading shape, seed) is how to write, not what: it stays out of the digest.
    return int(sha256(content.encode("utf-8")).hexdigest()[:8], 16)


def _values(facts) -> dict:
    """The slot values of the genre's frames: the unit, its subject and people, the period…"""
    from writer.render.fit import collective_nouns, derived_org_short, is_multi_year, next_plan

    subject = facts.org_short or derived_org_short(facts.org, facts.place, facts.topic)
    return {
        "org": facts.org, "subject": subject, "period": facts.period,
        # The topic as the prose names it: 统一战线工作开创新局面, not 统一战线开创新局面.
        "topic": theme_work(facts.topic), "guiding": facts.guiding,
        "next_year": str(facts.outlook.next_year) if facts.outlook and facts.outlook.next_year else None,
        "next_plan": next_plan(facts.period),
        # 回顾2024年 / 回顾五年来的工作 (not 回顾五年来, 回顾“十三五”期间)
        "period_review": facts.period if not is_multi_year(facts.period) else facts.period + "的工作",
        **collective_nouns(facts.org, subject, facts.place),
    }


def build_draft(facts, bank, seed: int | None = None, generate: bool = True,
                templates: str | Path | None = None) -> Draft:
    """The draft for ``facts``: every sentence chosen, nothing yet laid out.

    Choices run in reading order through one ``PhraseLedger``, so the draft
    uses each set phrase once, keeps every sentence within the reviewer's
    budgets (what ``writer check`` reports), and never echoes the writer's facts.
    The generator is seeded by ``seed`` and by the facts' content.
    """
    from writer.render.fit import theme_kind
    from writer.render.markov import load_common_quotes

    seed = seed if seed is not None else (facts.style.seed or 0)
    genre = load_genre(templates)
    guard = TextGuard(genre.fixed_phrases, genre.reject_words, set(bank.source_names()),
                      load_common_quotes(bank), facts.place)
    digest = facts_digest(facts)
    values = _values(facts)
    rng = random.Random(f"writer-render:{seed}:{digest}")
    title = build_title(facts)
    goals = facts.outlook.goals if facts.outlook else []
    user_texts = [title, *facts.overview, *goals] + [
        t for sec in facts.sections for t in [sec.heading or "", *sec.facts, sec.approach or "",
                                               sec.highlight or ""]]
    ledger = PhraseLedger(load_review_lists(bank, genre), user_texts)
    job = _Drafting(genre, guard, values, rng, ledger)
    kinds = [theme_kind(sec.theme, sec.facts, facts.org) for sec in facts.sections]
    headings, heading_notes, notes = section_headings(facts, bank, seed + digest % 997, guard, kinds, rng, ledger)
    lead = [lead_paragraph(genre, values, facts.overview, rng, ledger, bank.vocab, turn=seed + digest)]
    sections, generated = _sections(facts, bank, headings, kinds, job, generate)
    closing = _closing(facts, job)
    keep_verdicts(ledger.lists)
    return Draft(title=title, lead=lead, sections=sections, closing=closing, org=facts.org,
                 topic=facts.topic, period=facts.period, generated=generated,
                 generated_headings=heading_notes, notes=notes)


def _generated_pool(bank, job: _Drafting) -> list[tuple[str, str, None]]:
    """(text, raw text, no heading) of the Markov model's sentences the guard admits."""
    from writer.render.markov import load_pool

    pool, contexts = load_pool(bank)
    job.ledger.add_contexts(contexts)
    return [(t, s, None) for t, s in ((job.guard.adapt(s), s) for s in pool) if t]


def _sections(facts, bank, headings, kinds: list[str], job: _Drafting,
              generate: bool) -> tuple[list[DraftSection], list[GeneratedNote]]:
    """Each section's paragraph; a stock line may stand before it where one is credited.

    With the shipped bank only the genre's common lines may stand verbatim (a
    line of a single source would be copied); with the writer's own bank its
    aphorisms and, unless ``generate`` is off, the Markov model's sentences
    may, and those are listed for the writer to review.
    """
    from writer.render.fit import is_multi_year
    from writer.render.sections import SectionWriter

    own_bank = not is_shipped(bank)
    stock = opener_candidates(bank, job.guard, own_bank)
    generated_pool = _generated_pool(bank, job) if generate and own_bank else []
    writer = SectionWriter(job.genre, job.ledger, job.rng, bank.vocab, is_multi_year(facts.period),
                           [h[0] for h in headings])
    notes: list[GeneratedNote] = []
    sections = []
    used_lines: set[str | None] = set()
    for i, (sec, (heading, lines, origin)) in enumerate(zip(facts.sections, headings)):
        svalues = dict(job.values, theme=sec.theme, theme_work=theme_work(sec.theme))
        job.ledger.new_paragraph()
        words = related_words(bank, sec.theme, job.genre.generic_words)
        pool = [c for c in stock if (not c[3] or kinds[i] in c[3]) and c[0] not in used_lines]
        line, kind = _stock_line(pool, generated_pool if len(notes) < MAX_GENERATED else [], words, job)
        used_lines.add(line)
        if kind == "generated":
            notes.append(GeneratedNote(f"第{cn_numeral(i + 1)}节", line))
        paragraph = (line or "") + writer.paragraph(sec, svalues, kinds[i])
        sections.append(DraftSection(i + 1, cn_numeral(i + 1), sec.theme, heading, lines,
                                     origin, [paragraph]))
    return sections, notes


def _by_relevance(items, words: list[str], rng: random.Random) -> list:
    """Candidates with relevance > 0, best first, each score's group in seeded order."""
    scored: dict[int, list] = {}
    for item in items:
        score = relevance(item[0] + (item[2] or ""), words)
        if score > 0:
            scored.setdefault(score, []).append(item)
    out = []
    for score in sorted(scored, reverse=True):
        out.extend(seeded(sorted(scored[score], key=lambda it: it[0]), rng))
    return out


def _stock_line(stock, generated, words: list[str], job: _Drafting) -> tuple[str | None, str | None]:
    """A credited stock line on the section's theme (aphorism or generated sentence), or none."""
    ledger = job.ledger
    for kind, candidates in (("aphorism", stock), ("generated", generated)):
        pick = ledger.choose(_by_relevance(candidates, words, job.rng), lambda c: (c[0], c[0]),
                             borrowed=lambda c: c[1])
        if pick is not None:
            ledger.take(pick[0])
            ledger.commit_sentence(pick[0], pick[1])
            return pick[0], kind
    return None, None


def _sentence_of(template: str, values: dict) -> tuple[str, str] | None:
    pair = filled_pair(template, values)
    return (tidy(pair[0].rstrip("。") + "。"), pair[1]) if pair else None


def _add(job: _Drafting, options, build, out: list[str], required: bool = False) -> None:
    """The first of ``options`` the ledger admits, built, taken and appended to ``out``."""
    pick = job.ledger.choose(options, build, required=required)
    if pick is None:
        return
    text, literal = build(pick)
    job.ledger.take(literal)
    job.ledger.commit_sentence(text, None)
    out.append(text)


def _closing(facts, job: _Drafting) -> list[str]:
    """One closing paragraph: a look back at the period (回顾), then one look ahead (展望): the
    outlook's goals or next year when the facts give them, else the next five-year plan when the
    period is one, else a line naming the organisation."""
    from writer.render.fit import expand

    job.ledger.new_paragraph()
    out: list[str] = []
    def options(frames: list[str]) -> list[str]:
        return seeded([expand(f, job.rng) for f in frames], job.rng)

    def sentence(template: str):
        return _sentence_of(template, job.values)
    _add(job, options(job.genre.optional("closing", "reflection")), sentence, out)
    outlook = facts.outlook
    if outlook and (outlook.next_year or outlook.goals):
        ovalues = dict(job.values, goals=goals_phrase(outlook.goals) if outlook.goals else None)
        if outlook.next_year and outlook.goals:
            frames = job.genre.get("closing", "outlook_with_year")
        elif outlook.goals:
            frames = job.genre.get("closing", "outlook_without_year")
        else:
            frames = job.genre.get("closing", "outlook_no_goals")
        # The goals are the writer's: a sentence too long for them still carries them.
        _add(job, options(frames), lambda f: _sentence_of(f, ovalues), out, required=True)
    else:
        # A period of a five-year plan looks ahead to the next plan (“十四五”时期…) where the genre can.
        ahead = job.genre.optional("closing", "next_plan") if job.values.get("next_plan") else []
        _add(job, options(ahead or job.genre.get("closing", "fallback")), sentence, out, required=True)
    return [tidy("".join(out))] if out else []


# ---------------------------------------------------------------- the whole job

def output_format(out: str | Path | None) -> str:
    """md, txt or docx from the output path's extension (md for stdout)."""
    if out is None:
        return "md"
    fmt = FORMATS.get(Path(out).suffix.lower())
    if fmt is None:
        raise OutputFormatError(f"不支持的输出格式“{Path(out).suffix or '（无扩展名）'}”；"
                                f"可用：{'、'.join(FORMATS)}", out)
    return fmt


class RenderResult:
    """What render_file produced."""

    __slots__ = ("draft", "text", "path")

    def __init__(self, draft: Draft, text: str | None, path: Path | None):
        self.draft = draft
        self.text = text  # the rendered text when not written to a file
        self.path = path


def render_file(facts_path: str | Path, out: str | Path | None = None, force: bool = False,
                templates: str | Path | None = None, bank: str | Path | None = None,
                seed: int | None = None, generate: bool = True, load=None) -> RenderResult:
    """Load the facts, build the draft, render it; write ``out`` (atomically) when given.

    ``load(facts_path)`` gives the facts (default ``writer.render.facts.load_facts``): the memo
    passes one that decodes a remembered YAML tree.
    """
    from writer.bank.store import load_bank
    from writer.io.files import atomic_write, check_output
    from writer.render.facts import load_facts
    from writer.render.templates import render_docx, render_text

    fmt = output_format(out)
    if out is not None:
        check_output(out, force)  # fail before any work: a missing folder or an existing file
    if templates is not None and not Path(templates).is_dir():
        raise MissingPathError("模板文件夹不存在", templates)
    facts = (load or load_facts)(facts_path)
    draft = build_draft(facts, load_bank(bank), seed=seed, generate=generate, templates=templates)
    if fmt == "docx":
        data: str | bytes = render_docx(draft, templates)
    else:
        data = render_text(draft, fmt, templates)
    if out is None:
        return RenderResult(draft, data if isinstance(data, str) else None, None)
    atomic_write(out, data, force=force)
    return RenderResult(draft, None, Path(out))
