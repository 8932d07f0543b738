"""A draft 工作综述 from the writer's facts: the draft model, and its rendering through Jinja2.

``build_draft`` decides every sentence (title, lead, headings, section
paragraphs, closing) from the facts, the bank and the genre lists, with one
seeded random generator, so the same facts and seed give the same draft.
``render_text`` / ``render_docx`` pass the draft to the templates in
``templates/`` (or a ``--templates`` folder that overrides any of them).
Fact strings are template *data*: they are never compiled as templates, so a
fact ``{{ 7*7 }}`` prints as written.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from writer.errors import InputError, MissingPathError, UsageError, WriterError
from writer.render.weave import (MASK, Genre, PhraseLedger, Rotation, TextGuard, adapt_passage, cn_numeral, fill,
                          filled_pair, goals_phrase, lead_paragraph, load_genre, load_review_lists,
                          section_paragraph, seeded, split_sentences, theme_work, tidy)

FORMATS = {".md": "md", ".markdown": "md", ".txt": "txt", ".docx": "docx"}
TEMPLATE_NAMES = {"md": "summary.md.j2", "txt": "summary.txt.j2", "docx": "summary.docx.j2"}
# Generated sentences used per draft at most: the bank's own sentences read better.
MAX_GENERATED = 2


class TemplateError(InputError):
    """A template cannot be loaded or rendered."""


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


# ---------------------------------------------------------------- pieces

def build_title(facts) -> str:
    """The facts' title, else outline's title for org, topic and period."""
    if facts.title:
        return facts.title
    try:
        from writer.compose.titles import build_title as outline_title
    except ImportError:
        outline_title = None
    if outline_title is not None:
        try:
            return outline_title(facts.org, facts.topic, facts.period)
        except WriterError:
            pass  # outline's word lists unusable: the plain title below still serves
    # 2024年某县人社工作综述
    return f"{facts.period}{facts.place or facts.org}{theme_work(facts.topic)}综述"


def related_words(bank, theme: str, generic: list[str] = ()) -> list[str]:
    """Words that mark a sentence as being about ``theme``: the theme itself and its
    distinctive two-character words (行风 of 行风建设; generic words like 建设 left out).

    The bank's related-word lists are co-occurrence statistics, too loose to
    say what a sentence is about.
    """
    core = theme[:-2] if theme.endswith("工作") and len(theme) > 3 else theme
    vocab = _safe(lambda: bank.vocab, {})
    windows = [core[i:i + 2] for i in range(len(core) - 1)]
    pieces = [w for w in windows if w in vocab] if vocab else windows[::2]
    return list(dict.fromkeys([core] + [w for w in pieces if w not in generic]))


def _safe(get, default):
    """A bank attribute, or ``default`` when the bank lacks it (a minimal fixture bank)."""
    try:
        return get()
    except (AttributeError, KeyError):
        return default


def relevance(text: str, words: list[str]) -> int:
    return sum(1 for w in words if w in text)


def section_headings(facts, bank, seed: int, guard: TextGuard, genre: Genre,
                     rng: random.Random, ledger: PhraseLedger
                     ) -> tuple[list[tuple[str, list[str], str]], list[str]]:
    """(heading, lines, origin) per section, and the generated headings for the notes.

    Sections without a heading get one parallel set from the bank's patterns
    (writer.compose.headings); when no pattern fits, a set of genre frames
    (主题 + 四字评价) so the headings still read as one set. No set phrase
    occurs twice among the headings, nor in one the writer gave.
    """
    missing = [i for i, s in enumerate(facts.sections) if not s.heading]
    generated: dict[int, tuple[str, list[str]]] = {}
    origin = "generated"

    def phrases_fit(texts: list[str]) -> bool:
        found = [p for t in texts for p in ledger.phrases(t)]
        return len(found) == len(set(found)) and all(ledger.cost(t)[0] == 0 for t in texts)

    if missing:
        themes = [facts.sections[i].theme for i in missing]
        try:
            from writer.compose.headings import heading_set
        except ImportError:
            heading_set = None
        # The asked-for style first; a bank pattern of another style reads better than a frame.
        styles = [facts.style.heading] + [s for s in ("single", "pair", "triple")
                                          if s != facts.style.heading]
        for style in styles if heading_set else []:
            for attempt in range(3):
                try:
                    heads = heading_set(bank, facts.topic, themes, style=style, seed=seed + attempt)
                except WriterError:
                    break  # no pattern of this style fits these themes
                texts = [_heading_text(h) for h in heads]
                if len(heads) == len(missing) and all(guard.adapt(t[0]) == t[0] for t in texts) \
                        and phrases_fit([t[0] for t in texts]):
                    generated = dict(zip(missing, texts))
                    break
            if generated:
                break
        if generated:
            for text, _ in generated.values():
                ledger.take(text)
        else:
            origin = "frame"
            frames = seeded(genre.get("section", "heading_frames"), rng)
            for i in missing:
                theme = facts.sections[i].theme
                frame = ledger.choose(frames, lambda f, t=theme: filled_pair(f, {"theme": t}), required=True)
                pair = filled_pair(frame, {"theme": theme}) if frame else None
                text = pair[0] if pair else theme
                ledger.take(pair[1] if pair else "")
                generated[i] = (text, [text])
    out = []
    for i, sec in enumerate(facts.sections):
        if sec.heading:
            out.append((sec.heading, [sec.heading], "given"))
        else:
            text, lines = generated[i]
            out.append((text, lines, origin))
    notes = [generated[i][0] for i in sorted(generated)]
    return out, notes


def _heading_text(heading) -> tuple[str, list[str]]:
    lines = [l for l in (getattr(heading, "lines", None) or [heading.text]) if l]
    # Lines of a two- or three-part heading stand apart by an ideographic space.
    return "\u3000".join(lines), lines


# Slots of a bank template that tie a sentence to the user's organisation and topic.
_SUBJECT_SLOTS = ("{org}", "{org_short}", "{topic}", "{year}", "{next_year}")
# Where such a slot reads right once filled: the organisation as the subject of a
# clause (…，{org}将…), the topic as an object (推动{topic}…). Miners also put {org}
# where a source said 政府 (法治{org}建设), which no user organisation fits.
_SLOT_CONTEXT = re.compile(
    r"(?:(?<![^，；：])\{org(?:_short)?\}(?=将|要|必将|始终|继续|坚持|一定))"
    r"|(?:(?<=推动|开创|谱写|推进|做好|抓好|促进|助力|书写|奋进)\{topic\})"
    r"|\{(?:year|next_year|place)\}")


def foreign_terms(bank, facts) -> list[str]:
    """Topic terms of a single source document (统战工作, 教育整顿) that the facts do not use:
    a borrowed sentence holding one is about someone else's work."""
    if len(_safe(lambda: bank.documents(), [])) < 3:
        return []
    own = facts.source_text + facts.topic
    return sorted(s.text for s in _safe(lambda: bank.slogans, [])
                  if s.kind == "term" and s.docs <= 1 and s.text not in own)


def closing_from_bank(bank, facts, guard: TextGuard, foreign: list[str]
                      ) -> tuple[list[str], list[tuple[str, str, str]]]:
    """Rhetorical couplets (乘风破浪潮头立，扬帆起航正当时。) and sentences adapted to the facts'
    organisation or topic, from the bank's closings, sorted. Adapted sentences come as
    (text, literal, template sentence): the literal has the filled slots masked.

    Only whole sentences are borrowed: one with a slot the facts cannot fill
    ({num}, {person}…), a source's number or name, or another topic's term is
    left out. {period} is never filled, since sources use it for “十四五” as
    often as for a year.
    """
    values = {
        "org": facts.org, "org_short": facts.org_short or facts.org, "place": facts.place,
        "year": str(facts.year) if facts.year else None,
        "next_year": str(facts.outlook.next_year) if facts.outlook and facts.outlook.next_year else None,
        "topic": facts.topic,
    }
    masked = {k: (MASK if v is not None else None) for k, v in values.items()}
    couplets: set[str] = set()
    adapted: set[tuple[str, str, str]] = set()
    for passage in _safe(lambda: bank.closings, []):
        template = passage.template or passage.text
        for raw in split_sentences(template):
            if any(term in raw for term in foreign) or guard.adapt(raw) is None:
                continue
            sentence = guard.adapt(raw)
            parts = [p for p in re.split(r"[，；]", sentence.rstrip("。！")) if p]
            if "{" not in sentence and len(parts) == 2 and len(sentence) <= 24 \
                    and abs(len(parts[0]) - len(parts[1])) <= 1:
                couplets.add(raw)
            elif any(slot in sentence for slot in _SUBJECT_SLOTS) and \
                    len(_SLOT_CONTEXT.findall(sentence)) == len(re.findall(r"\{\w+\}", sentence)):
                filled = adapt_passage(sentence, values, guard)
                literal = adapt_passage(sentence, masked, guard)
                if filled and "{" not in filled and len(filled) >= 12 and literal:
                    adapted.add((filled, literal, raw))
    return sorted(couplets), sorted(adapted)


def _opener_candidates(bank, guard: TextGuard) -> list[tuple[str, str, str | None]]:
    """(text, raw text, heading) of the bank's aphorisms fit for a draft."""
    out = []
    for aph in _safe(lambda: bank.aphorisms, []):
        text = guard.adapt(aph.text)
        if text and text.endswith(("。", "！", "？")):
            out.append((text, aph.text, aph.heading))
    return out


# ---------------------------------------------------------------- the draft

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

    headings, heading_notes = section_headings(facts, bank, seed, guard, genre, rng, ledger)
    lead = [lead_paragraph(genre, values, facts.overview, rng, ledger)]

    aphorisms = _opener_candidates(bank, guard)
    generated_pool: list[str] = []
    if generate:
        from writer.render.markov import load_pool
        pool, contexts = load_pool(bank)
        ledger.add_contexts(contexts)
        generated_pool = [(t, s, None) for t, s in ((guard.adapt(s), s) for s in pool) if t]

    connectives = Rotation(genre.get("section", "connectives"), rng)
    notes: list[GeneratedNote] = []
    sections = []
    for i, (sec, (heading, lines, origin)) in enumerate(zip(facts.sections, headings)):
        svalues = dict(values, theme=sec.theme, theme_work=theme_work(sec.theme))
        words = related_words(bank, sec.theme, genre.generic_words)
        ledger.new_paragraph()
        opener, kind = _choose_opener(aphorisms, generated_pool, genre, svalues, words, rng, ledger,
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

    closing = _closing(facts, bank, genre, guard, values, rng, ledger)
    return Draft(title=title, lead=lead, sections=sections, closing=closing, org=facts.org,
                 topic=facts.topic, period=facts.period, generated=notes,
                 generated_headings=heading_notes)


def _choose_opener(aphorisms, generated, genre: Genre, values: dict, words: list[str],
                   rng: random.Random, ledger: PhraseLedger,
                   allow_generated: bool) -> tuple[str | None, str | None]:
    """The section's opening sentence and where it came from (aphorism / generated / frame).

    The most relevant bank aphorism the ledger admits, else a generated
    sentence, else a genre frame naming the theme.
    """
    def by_relevance(items):
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

    def take(text, literal, borrowed=None):
        ledger.take(literal)
        ledger.commit_sentence(text, borrowed)

    pick = ledger.choose(by_relevance(aphorisms), lambda a: (a[0], a[0]), borrowed=lambda a: a[1])
    if pick is not None:
        take(pick[0], pick[0], pick[1])
        return pick[0], "aphorism"
    if allow_generated:
        pick = ledger.choose(by_relevance(generated), lambda g: (g[0], g[0]), borrowed=lambda g: g[1])
        if pick is not None:
            take(pick[0], pick[0], pick[1])
            return pick[0], "generated"
    frame = ledger.choose(seeded(genre.get("section", "openers"), rng),
                          lambda f: filled_pair(f, values))
    if frame is not None:
        text, literal = filled_pair(frame, values)
        take(text, literal)
        return text, "frame"
    return None, None


def _closing(facts, bank, genre: Genre, guard: TextGuard, values: dict,
             rng: random.Random, ledger: PhraseLedger) -> list[str]:
    """The outlook (a look back at the period, then the goals) and a rhetorical last paragraph:
    a couplet, a sentence adapted from the bank, a sentence naming the organisation."""
    paragraphs = []
    outlook = facts.outlook
    reflections = seeded(genre.optional("closing", "reflection"), rng)

    def sentence_of(template, vals=values):
        pair = filled_pair(template, vals)
        return (tidy(pair[0].rstrip("。") + "。"), pair[1]) if pair else None

    def add(options, build, out, required=False, borrowed=None):
        pick = ledger.choose(options, build, required=required, borrowed=borrowed)
        if pick is None:
            return
        text, literal = build(pick)
        ledger.take(literal)
        ledger.commit_sentence(text, borrowed(pick) if borrowed else None)
        out.append(text)

    first: list[str] = []
    ledger.new_paragraph()
    if outlook and (outlook.next_year or outlook.goals):
        add(reflections, sentence_of, first)
        ovalues = dict(values, goals=goals_phrase(outlook.goals) if outlook.goals else None)
        if outlook.next_year and outlook.goals:
            frames = genre.get("closing", "outlook_with_year")
        elif outlook.goals:
            frames = genre.get("closing", "outlook_without_year")
        else:
            frames = genre.get("closing", "outlook_no_goals")
        # The goals are the writer's: a sentence too long for them still carries them.
        add(seeded(frames, rng), lambda f: sentence_of(f, ovalues), first, required=True)
        if first:
            paragraphs.append(tidy("".join(first)))
        ledger.new_paragraph()
        last: list[str] = []
    else:
        last = []
        add(reflections, sentence_of, last)
    couplets, adapted = closing_from_bank(bank, facts, guard, foreign_terms(bank, facts))
    add(seeded(couplets, rng), lambda c: (guard.adapt(c), guard.adapt(c)), last, borrowed=lambda c: c)
    add(seeded(adapted, rng), lambda a: (a[0], a[1]), last, borrowed=lambda a: a[2])
    add(seeded(genre.get("closing", "fallback"), rng), sentence_of, last, required=True)
    if last:
        paragraphs.append(tidy("".join(last)))
    return paragraphs


# ---------------------------------------------------------------- templates

def template_environment(templates: str | Path | None = None):
    """Jinja2 environment: ``templates`` first, then the shipped templates; StrictUndefined."""
    import jinja2

    from writer.io.paths import templates_dir

    loaders = []
    if templates is not None:
        folder = Path(templates)
        if not folder.is_dir():
            raise MissingPathError("模板文件夹不存在", folder)
        loaders.append(jinja2.FileSystemLoader(str(folder)))
    loaders.append(jinja2.FileSystemLoader(str(templates_dir())))
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
                             autoescape=False, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    return env


def _template_line(exc: BaseException) -> tuple[str | None, int | None]:
    """The template file and line a rendering error happened at (from the traceback)."""
    tb = exc.__traceback__
    found = (None, None)
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def render_template(draft: Draft, fmt: str, templates: str | Path | None = None) -> str:
    """The draft through the template of ``fmt`` (md, txt, docx)."""
    import jinja2

    env = template_environment(templates)
    name = TEMPLATE_NAMES[fmt]
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"找不到模板 {exc.name}", templates or name) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"模板语法错误（{exc.message}）", exc.filename or name, exc.lineno) from None
    try:
        text = template.render(**draft.context())
    except jinja2.UndefinedError as exc:
        path, line = _template_line(exc)
        raise TemplateError(f"模板用到了未定义的变量（{exc.message}）", path or name, line) from None
    except jinja2.TemplateError as exc:
        path, line = _template_line(exc)
        raise TemplateError(f"模板出错（{exc}）", path or name, line) from None
    except RecursionError:
        raise TemplateError("模板循环继承（extends 了自己）", name) from None
    return normalize_layout(text)


def normalize_layout(text: str) -> str:
    """Trailing spaces off, at most one blank line in a row, one final newline."""
    lines = [line.rstrip() for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return text + "\n"


def render_text(draft: Draft, fmt: str = "md", templates: str | Path | None = None) -> str:
    """The draft as Markdown (``md``) or plain text (``txt``)."""
    return render_template(draft, fmt, templates)


def render_docx(draft: Draft, templates: str | Path | None = None) -> bytes:
    """The draft as a GB/T 9704 .docx (the docx template gives its paragraphs and their roles)."""
    from writer.render.docx import blocks_from_markup, write_docx

    return write_docx(blocks_from_markup(render_template(draft, "docx", templates)))


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
    from writer.render.facts import load_facts
    from writer.io.files import atomic_write, check_output

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
