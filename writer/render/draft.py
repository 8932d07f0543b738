"""A draft 工作综述 from the writer's facts: the draft model, how its sentences are chosen, the whole job.

``build_draft`` decides every sentence (title, lead, headings, section
paragraphs, closing) from the facts, the bank and the genre lists, with one
seeded random generator, so the same facts and seed give the same draft.
``render_file`` loads the facts, builds the draft and lays it out through
the templates (writer.render.templates).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from writer.errors import MissingPathError, UsageError, WriterError
from writer.render.genre import Genre, load_genre
from writer.render.guard import TextGuard
from writer.render.ledger import PhraseLedger
from writer.render.review import load_review_lists
from writer.render.sources import (closing_from_bank, foreign_terms, opener_candidates, related_words,
                                   relevance, section_headings)
from writer.render.weave import (Rotation, filled_pair, goals_phrase, lead_paragraph, section_paragraph,
                                 seeded, theme_work, tidy)
from writer.zh import cn_numeral

FORMATS = {".md": "md", ".markdown": "md", ".txt": "txt", ".docx": "docx"}
# Generated sentences used per draft at most: the bank's own sentences read better.
MAX_GENERATED = 2


class OutputFormatError(UsageError):
    """The output file's extension is not one writer can write."""


@dataclass
class DraftSection:
    """One section of the draft."""

    number: int
    numeral: str
    theme: str
    heading: str
    heading_lines: list[str]
    heading_origin: str  # given / generated (bank pattern) / frame (genre.yaml)
    paragraphs: list[str]


@dataclass
class GeneratedNote:
    """A sentence the Markov model wrote, and where it went, for the writer to review."""

    where: str
    text: str


@dataclass
class Draft:
    """Everything a template needs to lay out a summary."""

    title: str
    lead: list[str]
    sections: list[DraftSection]
    closing: list[str]
    org: str
    topic: str
    period: str
    generated: list[GeneratedNote] = field(default_factory=list)
    generated_headings: list[str] = field(default_factory=list)

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


@dataclass
class _Drafting:
    """What every choice of one draft reads: the genre, the guard, the slot values, the seeded
    generator and the ledger."""

    genre: Genre
    guard: TextGuard
    values: dict
    rng: random.Random
    ledger: PhraseLedger


def build_draft(facts, bank, seed: int | None = None, generate: bool = True,
                templates: str | Path | None = None) -> Draft:
    """The draft for ``facts``: every sentence chosen, nothing yet laid out.

    Choices run in reading order through one ``PhraseLedger``, so the draft
    uses each set phrase once, keeps every sentence within the reviewer's
    budgets (what ``writer check`` reports), and never echoes the writer's facts.
    """
    from writer.render.markov import load_common_quotes

    seed = seed if seed is not None else (facts.style.seed or 0)
    genre = load_genre(templates)
    guard = TextGuard(genre.fixed_phrases, genre.reject_words, set(bank.source_names()),
                      load_common_quotes(bank), facts.place)
    values = {
        "org": facts.org, "subject": facts.org_short or "", "period": facts.period,
        "topic": facts.topic, "guiding": facts.guiding,
        "next_year": str(facts.outlook.next_year) if facts.outlook and facts.outlook.next_year else None,
    }
    rng = random.Random(f"writer-render:{seed}")
    title = build_title(facts)
    goals = facts.outlook.goals if facts.outlook else []
    user_texts = [title, *facts.overview, *goals] + [
        t for sec in facts.sections for t in [sec.heading or "", *sec.facts]]
    ledger = PhraseLedger(load_review_lists(bank, genre), user_texts)
    job = _Drafting(genre, guard, values, rng, ledger)

    headings, heading_notes = section_headings(facts, bank, seed, guard, genre, rng, ledger)
    lead = [lead_paragraph(genre, values, facts.overview, rng, ledger)]
    sections, notes = _sections(facts, bank, headings, job, generate)
    closing = _closing(facts, bank, job)
    return Draft(title=title, lead=lead, sections=sections, closing=closing, org=facts.org,
                 topic=facts.topic, period=facts.period, generated=notes,
                 generated_headings=heading_notes)


def _generated_pool(bank, job: _Drafting) -> list[tuple[str, str, None]]:
    """(text, raw text, no heading) of the Markov model's sentences the guard admits."""
    from writer.render.markov import load_pool

    pool, contexts = load_pool(bank)
    job.ledger.add_contexts(contexts)
    return [(t, s, None) for t, s in ((job.guard.adapt(s), s) for s in pool) if t]


def _sections(facts, bank, headings, job: _Drafting,
              generate: bool) -> tuple[list[DraftSection], list[GeneratedNote]]:
    """Each section's paragraph (opener, lead-in, facts, conclusion), and the generated openers."""
    aphorisms = opener_candidates(bank, job.guard)
    generated_pool = _generated_pool(bank, job) if generate else []
    genre, rng, ledger = job.genre, job.rng, job.ledger
    connectives = Rotation(genre.get("section", "connectives"), rng)
    notes: list[GeneratedNote] = []
    sections = []
    for i, (sec, (heading, lines, origin)) in enumerate(zip(facts.sections, headings)):
        svalues = dict(job.values, theme=sec.theme, theme_work=theme_work(sec.theme))
        words = related_words(bank, sec.theme, genre.generic_words)
        ledger.new_paragraph()
        opener, kind = _choose_opener(aphorisms, generated_pool, svalues, words, job,
                                      allow_generated=len(notes) < MAX_GENERATED)
        if kind == "generated":
            notes.append(GeneratedNote(f"第{cn_numeral(i + 1)}节", opener))
        # A frame opener already names the theme; the lead-in need not repeat it.
        lead_ins = genre.get("section", "lead_in_plain" if kind == "frame" else "lead_in")
        conclusions = seeded(genre.get("section", "conclusions"), rng) if len(sec.facts) >= 2 else None
        paragraph = section_paragraph(svalues, sec.facts, opener, seeded(lead_ins, rng), connectives,
                                      conclusions, ledger)
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


def _choose_opener(aphorisms, generated, values: dict, words: list[str], job: _Drafting,
                   allow_generated: bool) -> tuple[str | None, str | None]:
    """The section's opening sentence and where it came from (aphorism / generated / frame).

    The most relevant bank aphorism the ledger admits, else a generated
    sentence, else a genre frame naming the theme.
    """
    ledger = job.ledger
    kinds = [("aphorism", aphorisms)] + ([("generated", generated)] if allow_generated else [])
    for kind, candidates in kinds:
        pick = ledger.choose(_by_relevance(candidates, words, job.rng), lambda c: (c[0], c[0]),
                             borrowed=lambda c: c[1])
        if pick is not None:
            ledger.take(pick[0])
            ledger.commit_sentence(pick[0], pick[1])
            return pick[0], kind
    frame = ledger.choose(seeded(job.genre.get("section", "openers"), job.rng),
                          lambda f: filled_pair(f, values))
    if frame is not None:
        text, literal = filled_pair(frame, values)
        ledger.take(literal)
        ledger.commit_sentence(text, None)
        return text, "frame"
    return None, None


def _sentence_of(template: str, values: dict) -> tuple[str, str] | None:
    pair = filled_pair(template, values)
    return (tidy(pair[0].rstrip("。") + "。"), pair[1]) if pair else None


def _add(job: _Drafting, options, build, out: list[str], required: bool = False, borrowed=None) -> None:
    """The first of ``options`` the ledger admits, built, taken and appended to ``out``."""
    pick = job.ledger.choose(options, build, required=required, borrowed=borrowed)
    if pick is None:
        return
    text, literal = build(pick)
    job.ledger.take(literal)
    job.ledger.commit_sentence(text, borrowed(pick) if borrowed else None)
    out.append(text)


def _outlook(outlook, job: _Drafting) -> list[str]:
    """The outlook paragraph: a look back at the period, then the goals (or the next year)."""
    first: list[str] = []
    _add(job, seeded(job.genre.optional("closing", "reflection"), job.rng),
         lambda t: _sentence_of(t, job.values), first)
    ovalues = dict(job.values, goals=goals_phrase(outlook.goals) if outlook.goals else None)
    if outlook.next_year and outlook.goals:
        frames = job.genre.get("closing", "outlook_with_year")
    elif outlook.goals:
        frames = job.genre.get("closing", "outlook_without_year")
    else:
        frames = job.genre.get("closing", "outlook_no_goals")
    # The goals are the writer's: a sentence too long for them still carries them.
    _add(job, seeded(frames, job.rng), lambda f: _sentence_of(f, ovalues), first, required=True)
    return first


def _closing(facts, bank, job: _Drafting) -> list[str]:
    """The outlook and a rhetorical last paragraph: a couplet, a sentence adapted from the bank,
    a sentence naming the organisation."""
    paragraphs = []
    outlook = facts.outlook
    job.ledger.new_paragraph()
    if outlook and (outlook.next_year or outlook.goals):
        first = _outlook(outlook, job)
        if first:
            paragraphs.append(tidy("".join(first)))
        job.ledger.new_paragraph()
        last: list[str] = []
    else:
        last = []
        _add(job, seeded(job.genre.optional("closing", "reflection"), job.rng),
             lambda t: _sentence_of(t, job.values), last)
    guard = job.guard
    couplets, adapted = closing_from_bank(bank, facts, guard, foreign_terms(bank, facts))
    _add(job, seeded(couplets, job.rng), lambda c: (guard.adapt(c), guard.adapt(c)), last, borrowed=lambda c: c)
    _add(job, seeded(adapted, job.rng), lambda a: (a[0], a[1]), last, borrowed=lambda a: a[2])
    _add(job, seeded(job.genre.get("closing", "fallback"), job.rng), lambda t: _sentence_of(t, job.values),
         last, required=True)
    if last:
        paragraphs.append(tidy("".join(last)))
    return paragraphs


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


@dataclass
class RenderResult:
    """What render_file produced."""

    draft: Draft
    text: str | None  # the rendered text when not written to a file
    path: Path | None


def render_file(facts_path: str | Path, out: str | Path | None = None, force: bool = False,
                templates: str | Path | None = None, bank: str | Path | None = None,
                seed: int | None = None, generate: bool = True) -> RenderResult:
    """Load the facts, build the draft, render it; write ``out`` (atomically) when given."""
    from writer.bank.store import load_bank
    from writer.io.files import atomic_write, check_output
    from writer.render.facts import load_facts
    from writer.render.templates import render_docx, render_text

    fmt = output_format(out)
    if out is not None:
        check_output(out, force)  # fail before any work: a missing folder or an existing file
    if templates is not None and not Path(templates).is_dir():
        raise MissingPathError("模板文件夹不存在", templates)
    facts = load_facts(facts_path)
    draft = build_draft(facts, load_bank(bank), seed=seed, generate=generate, templates=templates)
    if fmt == "docx":
        data: str | bytes = render_docx(draft, templates)
    else:
        data = render_text(draft, fmt, templates)
    if out is None:
        return RenderResult(draft, data if isinstance(data, str) else None, None)
    atomic_write(out, data, force=force)
    return RenderResult(draft, None, Path(out))
