"""Parallelism: when a phrase used twice is a frame, not a repetition.

Reports build series on one frame: 实实在在的投入、实实在在的产出、实实在在的增长;
坚定不移深化改革，坚定不移扩大开放; 机遇前所未有，挑战也前所未有; a run of
headings each starting 坚定不移. Two uses of a phrase are such a frame when

- both open their item (after a pause mark, the start of a sentence, or an
  enumerator such as 一是、（二）、3.), with the same short lead-in (以…，以…)
  or none, and what follows them differs; or both close their item and what
  precedes them differs;
- and the two items are siblings: in one sentence, or each the first item of
  its sentence (a series of sentences or headings).

The same item twice (一是守正创新。……三是守正创新。) is no frame: it is a
repetition. A heading's wording taken up by the text under it is no
repetition either (``heading_echo``), nor is a use that names the phrase
(quoted, counted, defined: ``is_mention``) before the series it announces.
"""

from __future__ import annotations


from writer.check.rulecache import own_pattern

CLAUSE_PAUSES = "，；：。！？!?;:\n"
ITEM_PAUSES = CLAUSE_PAUSES + "、,"
SENTENCE_ENDS = "。！？!?\n"
# Characters a reader does not see as words: markup, quotes, spaces.
TRANSPARENT = "*#>“”‘’「」 \t\u3000"
LEAD_IN = 4             # the longest lead-in before a frame (以, 就是要, 更加)
RUN_IN = 30             # the longest first sentence read as a run-in heading
RUN_IN_BODY = 60        # the least text after it
_SPEAKERS = ("我们", "我", "大家", "咱们")    # a sentence with a subject is no heading
REACH = 24              # how far back the start of an item is looked for
_ENUMERATOR = own_pattern(
    r"^(?:第?[一二三四五六七八九十]+是|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.．]|"
    r"第[一二三四五六七八九十]+|首先|其次|再次|最后)")
_NUMBERED = own_pattern(r"^(?:[一二三四五六七八九十0-9]+、|[（(][一二三四五六七八九十0-9]+[）)]、?)")
# The lookbehinds start each run at its first character only (linear; see check/regexcost.py).
_COUNTED = own_pattern(r"(?<![一二两三四五六七八九十百0-9])[一二两三四五六七八九十百0-9]+(?:个|大|项|条|种)$")
_HEADING_END = own_pattern(r"[。！？!?；;]\s*$")
_BOLD_LEAD = own_pattern(r"(?<!\s)\s*\*\*[^*\n]{1,80}\*\*")


def _visible(text: str) -> str:
    return "".join(ch for ch in text if ch not in TRANSPARENT)


def _item_start(text: str, start: int, pauses: str) -> int | None:
    """Offset just after the pause mark before ``start`` (or of the text's start), if near."""
    low = max(0, start - REACH)
    for i in range(start - 1, low - 1, -1):
        if text[i] in pauses:
            return i + 1
    return 0 if low == 0 else None


def _lead_in(text: str, start: int) -> str | None:
    """What stands between the start of the phrase's item and the phrase (enumerator
    and markup dropped), or None when the phrase does not open its item."""
    begin = _item_start(text, start, ITEM_PAUSES)
    if begin is None:
        return None
    lead = _visible(text[begin:start])
    lead = _ENUMERATOR.sub("", lead)
    return lead if len(lead) <= LEAD_IN else None


def _after(text: str, end: int, pauses: str) -> str:
    stop = end
    while stop < len(text) and text[stop] not in pauses:
        stop += 1
    return _visible(text[end:stop])


def _before(text: str, start: int, pauses: str = CLAUSE_PAUSES) -> str:
    begin = _item_start(text, start, pauses)
    return _ENUMERATOR.sub("", _visible(text[begin if begin is not None else max(0, start - REACH):start]))


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the phrase opens its sentence (after an enumerator, markup, a short lead-in)."""
    low = max(0, start - REACH)
    begin = next((i + 1 for i in range(start - 1, low - 1, -1) if text[i] in SENTENCE_ENDS),
                 0 if low == 0 else None)
    if begin is None:
        return False
    head = _NUMBERED.sub("", _visible(text[begin:start]))
    head = _ENUMERATOR.sub("", head)
    return len(head) <= LEAD_IN and not any(ch in ITEM_PAUSES for ch in head)


def _one_sentence(text: str, start: int, end: int) -> bool:
    return not any(ch in SENTENCE_ENDS for ch in text[start:end])


def _opens_alike(text: str, first: tuple, second: tuple) -> bool:
    lead1, lead2 = _lead_in(text, first[0]), _lead_in(text, second[0])
    if lead1 is None or lead2 is None:
        return False
    short, long_ = sorted((lead1, lead2), key=len)
    if short != long_ and not (short and long_.endswith(short)):
        return False        # 以…，以… or none at all; 守正创新是… and 我们坚持守正创新 are no frame
    pauses = _compared(text, first, second)
    return _after(text, first[1], pauses) != _after(text, second[1], pauses)


def _compared(text: str, first: tuple, second: tuple) -> str:
    """The pauses ending what is compared: within one clause the items of a list
    (真抓实干、真抓实干 is a repeat), across clauses the clauses (扎扎实实、踏踏实实抓产业，
    扎扎实实、踏踏实实扬优势 is a frame)."""
    one_clause = not any(ch in CLAUSE_PAUSES for ch in text[first[1]:second[0]])
    return ITEM_PAUSES if one_clause else CLAUSE_PAUSES


def _closes_alike(text: str, first: tuple, second: tuple) -> bool:
    if _after(text, first[1], ITEM_PAUSES) or _after(text, second[1], ITEM_PAUSES):
        return False
    pauses = _compared(text, first, second)
    return _before(text, first[0], pauses) != _before(text, second[0], pauses)


def _adjacent_items(text: str, first: tuple, second: tuple) -> bool:
    """Two neighbouring items of one sentence (one pause mark between them) that differ:
    实实在在的困难，办更多实实在在的事 (a deliberate echo)."""
    between = text[first[1]:second[0]]
    marks = [ch for ch in between if ch in ITEM_PAUSES]
    if len(marks) != 1 or marks[0] in SENTENCE_ENDS:
        return False
    item1 = _before(text, first[0], ITEM_PAUSES) + _after(text, first[1], ITEM_PAUSES)
    item2 = _before(text, second[0], ITEM_PAUSES) + _after(text, second[1], ITEM_PAUSES)
    return item1 != item2


def is_frame(text: str, first: tuple, second: tuple) -> bool:
    """Whether two uses (start, end) of one phrase in ``text`` frame a parallel series."""
    one_sentence = _one_sentence(text, first[1], second[0])
    siblings = one_sentence or (_opens_sentence(text, first[0]) and _opens_sentence(text, second[0]))
    if not siblings:
        return False
    return (_opens_alike(text, first, second) or _closes_alike(text, first, second)
            or (one_sentence and _adjacent_items(text, first, second)))


def is_mention(text: str, start: int, end: int) -> bool:
    """Whether a use names the phrase rather than uses it: quoted (“坚定不移”), counted
    (五个坚定不移), or the term a glossary line defines (先行先试政策：是指……)."""
    low = max(0, start - REACH)
    opening = text.rfind("“", low, start)
    if opening != -1 and text.find("”", opening, start) == -1:
        closing = text.find("”", end, end + REACH)
        if closing != -1 and text.find("“", end, closing) == -1:
            return True
    if _COUNTED.search(text, low, start):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    colon = text.find("：", end, end + REACH)
    return (colon != -1 and start - line_start <= REACH and "\n" not in text[end:colon]
            and text.startswith(("是指", "即", "指"), colon + 1))


def is_heading(paragraph_text: str) -> bool:
    """A heading-like paragraph: short, and not ended as a sentence."""
    body = paragraph_text.strip()
    if body.startswith("#"):
        return True
    return len(body) <= 60 and not _HEADING_END.search(body.rstrip("*"))


def _in_heading(draft, offset: int) -> bool | None:
    """Whether ``offset`` is in a heading: a heading-like paragraph, the bold lead of a
    paragraph (**（一）加快转型。**正文……) or its run-in heading, a short first
    sentence followed by more (坚持不懈推进治霾攻坚。持续……); None outside paragraphs."""
    paragraph = draft.paragraph_at(offset)
    if paragraph is None:
        return None
    if is_heading(paragraph.text):
        return True
    lead = _BOLD_LEAD.match(paragraph.text)
    if lead:
        return offset - paragraph.start < lead.end()
    sentences = paragraph.sentences
    if len(sentences) < 2 or offset >= sentences[0].end:
        return False
    # A run-in heading is a short predicate without a subject, ahead of a longer text.
    first = sentences[0].text
    return (len(first) <= RUN_IN and paragraph.end - sentences[0].end >= RUN_IN_BODY
            and not first.startswith(_SPEAKERS))


def heading_echo(draft, first: int, second: int) -> bool:
    """Whether one of two uses is in a heading: the text or subheading under a heading
    takes up its wording."""
    return bool(_in_heading(draft, first) or _in_heading(draft, second))
