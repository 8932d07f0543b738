"""Openings and closings: bank templates filled with the user's values, and paragraphs
assembled from the bank's couplets (and review sentences) and the lexicon's frames.

Nothing borrowed carries a source's name, number or quotation: every slot the
user has not given is a visible blank (【单位】…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from writer.bank.lexicon import load_lexicon
from writer.compose.names import name_guard
from writer.compose.vocab import vocab
from writer.zh import CN_DIGITS, fill_slots, has_digit, is_couplet, split_sentences

# What a blank the writer must fill looks like, per template slot.
BLANKS = {"org": "【单位】", "org_short": "【单位简称】", "place": "【地方】", "person": "【姓名】",
          "year": "【年份】", "last_year": "【上一年】", "next_year": "【下一年】",
          "period": "【时期】", "num": "【数字】"}
# A passage template's slots are lower-case names; other braces are left as they stand.
_SLOT_NAME = re.compile(r"[a-z_]+")
_PASSAGE_SLOT = re.compile(r"\{([a-z_]+)\}")
SLOGAN_DENSITY = 4  # as writer check's slogan-density rule: set phrases in one sentence
_QUOTES = "“”‘’\"《》"
_ENDS = "。！？!?"
_SPAN = re.compile(f"(?<![{CN_DIGITS[1:]}十两])([{CN_DIGITS[1:]}十两]+)年(?!代|级)")


def fill_template(template: str, values: dict[str, str | None]) -> str:
    """A passage template with its slots filled from ``values``, visible blanks for the rest."""
    def value_of(name: str) -> str:
        if not _SLOT_NAME.fullmatch(name):
            return "{" + name + "}"
        return values.get(name) or BLANKS.get(name, "【" + name + "】")
    text = fill_slots(template, value_of)[0]
    period = (values.get("period") or "").strip()
    # A frame's "{period}以来" must not say 五年来以来, nor 2024年以来 for a review of a year
    # (or 2021年至2025年以来); it stays for a plan period (“十三五”以来).
    if period and period.endswith(("来", "年", "年度")):
        text = text.replace(period + "以来", period)
    return text


def fill_frame(frame: str, values: dict[str, str | None], topic_phrase: str) -> str:
    """A lexicon passage frame filled: {topic} is the topic as a title says it (人才工作)."""
    return fill_template(frame, dict(values, topic=topic_phrase))


def passage_values(topic, org: str | None = None, org_short: str | None = None,
                   year: int | None = None, period: str | None = None) -> dict[str, str | None]:
    """Slot values for opening/closing templates; None leaves a visible blank."""
    return {"org": org, "org_short": org_short or org, "place": None, "person": None,
            "year": f"{year}年" if year else None, "last_year": f"{year - 1}年" if year else None,
            "next_year": f"{year + 1}年" if year else None, "period": period,
            "topic": topic.key, "num": None}


def passage_usable(text: str, names) -> bool:
    """A filled passage names nobody of the sources and carries no number of theirs."""
    if has_digit(text) or "【姓名】" in text:
        return False
    return not name_guard(names).found(text)


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph, each with its end mark."""
    return split_sentences(text, _ENDS, "")


@dataclass
class Piece:
    """A sentence of a bank passage usable in any summary: a couplet, or a review-and-outlook."""

    text: str      # template text (slots {year}/{next_year}/{last_year} only)
    role: str      # "couplet" or "review"
    source: str | None
    year: int | None


def _imperative(sentence: str, verbs: frozenset) -> bool:
    """A policy line (推进依法行政，加强廉洁自律。): a half opens with a verb of the lexicon."""
    halves = re.split(r"[，；]", sentence.rstrip(_ENDS))
    return any(h[:2] in verbs for h in halves if h)


class _PieceFilter:
    """What a bank sentence must not carry to be handed to any writer."""

    def __init__(self, bank):
        self.names = name_guard(bank.source_names())
        # The bank's aphorisms are the balanced sentences its miner found; those in a lead or
        # closing (no section heading) are the genre's couplets.
        self.aphorisms = {a.text for a in bank.aphorisms if not a.heading}
        # A sentence stacking four set phrases (辛勤耕耘、硕果累累…满怀信心、步履坚定) is what
        # `writer check` reports as slogan-density: never hand one to the writer.
        self.slogans = [s.text for s in bank.slogans if s.kind == "slogan"]
        self.verbs = vocab(load_lexicon()).verbs

    def role(self, sent: str, kind: str) -> str | None:
        """"review", "couplet" or None (not usable) for one sentence of an opening or closing."""
        if has_digit(sent) or any(q in sent for q in _QUOTES) or self.names.found(sent):
            return None
        if sum(1 for t in self.slogans if t in sent) >= SLOGAN_DENSITY:
            return None
        slots = set(_PASSAGE_SLOT.findall(sent))
        if kind == "closing" and "回顾" in sent and "展望" in sent and slots <= {"year", "next_year", "last_year"}:
            return "review"
        if (not slots and len(sent) <= 40 and (is_couplet(sent) or sent in self.aphorisms)
                and not _imperative(sent, self.verbs)):
            return "couplet"
        return None


def passage_pieces(bank, kind: str) -> list[Piece]:
    """Couplets (and, for closings, 回顾…展望… sentences) of the bank's openings or closings
    that carry no name, number, quotation or other slot of their source."""
    records = bank.closings if kind == "closing" else bank.openings
    usable = _PieceFilter(bank)
    out: list[Piece] = []
    seen: set[str] = set()
    for p in records:
        sents = sentences(p.template or p.text)
        # An opening's couplet comes first; a closing's may be anywhere.
        for sent in (sents[:1] if kind == "opening" else sents):
            if sent in seen:
                continue
            role = usable.role(sent, kind)
            if role is not None:
                out.append(Piece(sent, role, p.source, p.year))
                seen.add(sent)
    return out


def span_fits(text: str, period: str | None) -> bool:
    """Whether a sentence's span of years (春华秋实又五年, 新的一年) suits the period reviewed.

    A five-year couplet in a one-year summary is the mistake a reviewer spots first.
    """
    spans = set(_SPAN.findall(text))
    if not spans:
        return True
    if not period:
        return False
    if re.fullmatch(r"\d{4}年(?:度)?", period.strip()):
        return spans <= {"一"}
    return all(f"{n}年" in period for n in spans)


@dataclass
class Passage:
    """An assembled paragraph: its text, the sources of its pieces, how it was built, the pieces' roles."""

    text: str
    source: str | None
    pattern: str
    parts: tuple[str, ...]


def assembled_passages(bank, lex, topic, kind: str, values: dict) -> list[Passage]:
    """Paragraphs built from the bank's couplets (and review sentences) and the lexicon's frames."""
    period = values.get("period") or values.get("year")
    pieces = [p for p in passage_pieces(bank, kind) if span_fits(p.text, period)]
    couplets = [p for p in pieces if p.role == "couplet"]
    reviews = [p for p in pieces if p.role == "review"]
    frames = lex.passages["closing_frames" if kind == "closing" else "opening_frames"]
    out: list[Passage] = []
    for fi, frame in enumerate(frames):
        body = fill_frame(frame, values, topic.phrase)
        for c in couplets + [None]:
            for r in ([None] + reviews if kind == "closing" else [None]):
                used = [x for x in (c, r) if x is not None]
                text = fill_template("".join(x.text for x in used), values) + body
                src = "》《".join(dict.fromkeys(x.source for x in used if x.source)) or None
                pattern = "＋".join([f"“{x.text}”" for x in used] + [f"句式{fi + 1}"])
                out.append(Passage(text, src, pattern, tuple(x.role for x in used)))
    return out
