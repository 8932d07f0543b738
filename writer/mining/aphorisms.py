"""金句: short balanced sentences that open a section, a paragraph or a closing (思想决定行动，方向关乎全局。).

A candidate is the first sentence of a paragraph (or a paragraph that is one
sentence). It is kept when it is short, has two to four clauses that mirror
each other (equal lengths, or the same first character: 唯…，唯…，唯…), and
holds no digit, no count of years (五年成就), no source name and no narration
marker (今年以来, 我们…), and is
no work item: not every clause opens with a task verb (加强市场监管，规范市场秩序)
or reports progress (城市建设进一步加快，人居环境继续改善).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from writer.bank.records import Aphorism
from writer.corpus.document import Document
from writer.mining.passages import NameIndex
from writer.zh import has_digit

_SENTENCE = re.compile(r"(?<![^。！？])[^。！？]+[。！？]")
_CLAUSE_SPLIT = re.compile(r"[，；、,;]")
_CLAUSE_BREAK = re.compile(r"[，；,;]")
_QUOTE_OR_BRACKET = re.compile(r"[“”‘’《》（）()【】：:—]")
_DONE = re.compile(r"(?<![为除])了(?![解不])")  # the perfective 了 (为了, 了解 are other words)
# A count of years (五年成就, 七十年历史, 四十五载) is one report's term or one anniversary, not a maxim.
# (Tried only where a run of numerals starts, so a long run is scanned once.)
_YEARS = re.compile(r"(?<![二三四五六七八九十百千两])[二三四五六七八九十百千两]+(?:周年|年|载)")
MAX_CHARS = 40


@lru_cache(maxsize=1)
def _narration() -> tuple[re.Pattern, tuple[str, ...]]:
    """Sentences starting like this narrate (今年…, 一年来…), and words that point at a source (我市):
    neither is a maxim (data/mining/aphorisms.yaml)."""
    from writer.io.datafiles import load_word_lists

    lists = load_word_lists("mining/aphorisms.yaml", _LISTS)
    openers = "|".join(map(re.escape, lists["narration_openers"]))
    # 一年来…; 一是…, 四要…: the items of an enumeration
    return re.compile(f"^(?:{openers}|[一二三四五六七八九十]+年来|[一二三四五六七八九十]+[是要])"), lists["pronouns"]


_LISTS = ("narration_openers", "pronouns", "task_openers", "result_adverbs", "judgement_words")
# A maxim's clauses are short (实干铸就伟业，奋斗开创未来); clauses of this many characters or more, one of
# them a task or a result and no judgement word in the sentence, are a work item or a report of one.
LONG_CLAUSE = 8


@lru_cache(maxsize=1)
def _judgement_words() -> tuple[str, ...]:
    """Words that make a sentence a judgement (是, 才能, 惟有…; data/mining/aphorisms.yaml)."""
    from writer.io.datafiles import load_word_lists

    return tuple(load_word_lists("mining/aphorisms.yaml", _LISTS)["judgement_words"])


@lru_cache(maxsize=1)
def task_verbs() -> frozenset[str]:
    """The verbs a work item opens with (加强, 推进, 确保…; data/mining/aphorisms.yaml ``task_openers``)."""
    from writer.io.datafiles import load_word_lists

    return frozenset(load_word_lists("mining/aphorisms.yaml", _LISTS)["task_openers"])


@lru_cache(maxsize=1)
def _work_clause() -> re.Pattern:
    """A clause opening with a task verb, or ending in a progress adverb and a verb (data/mining/aphorisms.yaml).

    One stray character may stand before the verb: a paragraph whose first word lost its
    head when the reader split a run-in heading (切实坚持… read as 切坚持…) is still a task;
    a negation before it (不坚持…) is not.
    """
    from writer.io.datafiles import load_word_lists

    lists = load_word_lists("mining/aphorisms.yaml", _LISTS)
    tasks = "|".join(map(re.escape, sorted(lists["task_openers"], key=len, reverse=True)))
    results = "|".join(map(re.escape, sorted(lists["result_adverbs"], key=len, reverse=True)))
    return re.compile(f"^[^不没未无非莫勿别]?(?:{tasks})|(?:{results})[\u4e00-\u9fff]{{2}}$")


# jieba tags of a clause's first word that make it a task (a verb, an adverb, a preposition:
# 加快…, 进一步…, 以改革…), not a statement about a subject (改革释放红利).
_TASK_TAGS = frozenset(("v", "vd", "ad", "d", "p", "c"))


def is_work_item(sentence: str) -> bool:
    """Every clause is a task (加强市场监管: a listed task verb, or a first word jieba tags as a
    verb or adverb) or a reported result (人居环境继续改善); of three clauses or more, the first
    and half of them are (加强领导，精心组织，深入动员，突出实效: a list of tasks with an idiom in it);
    or the clauses are long, one is a listed task or result and none judges (LONG_CLAUSE); or the
    sentence opens with a listed task verb and nothing judges it, neither a judgement word nor a
    clause of its own subject (坚持艰苦奋斗，勤俭办一切事业: a task and how to do it; 保障和改善民生，
    政府责无旁贷 says who owes the task)."""
    work = _work_clause()
    clauses = [c for c in re.split(r"[，；,;！!]", sentence.rstrip("。！？!")) if c]
    judged = any(word in sentence for word in _judgement_words())
    if (clauses and not judged and clauses[0].startswith(tuple(task_verbs()))
            and not any(map(_subject_led, clauses[1:]))):
        return True
    if clauses and min(map(len, clauses)) >= LONG_CLAUSE and any(work.search(c) for c in clauses) and not judged:
        return True  # 大力开展生态建设，城市环境极大改善: long clauses, a task, no judgement
    tasks = [bool(work.search(c) or _verb_led(c)) for c in clauses]
    if len(tasks) >= 3 and tasks[0]:
        return 2 * sum(tasks) >= len(tasks)
    return bool(tasks) and all(tasks)


def _subject_led(clause: str) -> bool:
    """A noun and then no verb: a subject and what is said of it (政府/责无旁贷, 根基/在/实体经济),
    not a task's object and its verb (高质量/发展)."""
    from writer.mining.segment import tag

    words = tag(clause[:8])
    return len(words) >= 2 and words[0][1] == "n" and not words[1][1].startswith("v")


def _verb_led(clause: str) -> bool:
    """A two-character verb or adverb and then a noun: a task and its object (制定/相关/政策,
    构建/长效/机制); 开放/带来进步 and 政以/才治 are a subject and its verb, 带/着 literary."""
    from writer.mining.segment import tag

    words = tag(clause[:8])  # the first two words are all that count
    if len(words) < 2:
        return False
    (first, first_tag), (_, second_tag) = words[0], words[1]
    if first_tag == "p":
        return True  # 以改革激发…, 以提高素质为目标: a task's means
    if len(first) != 2 or first_tag not in _TASK_TAGS:
        return False
    if first_tag in ("ad", "d", "vd"):
        return second_tag.startswith("v")  # 稳步/提高, 积极/做好: the manner of a task
    return second_tag.startswith("n") or second_tag in ("vn", "an", "a", "b", "z", "l", "m")


def first_sentence(paragraph: str) -> str | None:
    """The first sentence of a paragraph, ending with 。！？ (None when it has none)."""
    m = _SENTENCE.match(paragraph.strip())
    return m.group(0).strip() if m else None


def is_balanced(sentence: str) -> bool:
    """Two to four mirrored clauses: equal lengths (±1), halves mirrored around ；, or a shared first character."""
    body = sentence.rstrip("。！？")
    if ";" in body or "；" in body:
        halves = re.split(r"[；;]", body)
        if len(halves) == 2 and abs(len(halves[0]) - len(halves[1])) <= 1 and all(len(h) >= 4 for h in halves):
            return True
    clauses = [c for c in _CLAUSE_SPLIT.split(body) if c]
    if not 2 <= len(clauses) <= 4:
        return False
    lengths = [len(c) for c in clauses]
    if min(lengths) < 3 or max(lengths) > 12:
        return False
    if max(lengths) - min(lengths) <= 1:
        return True
    firsts = {c[0] for c in clauses}
    return len(firsts) == 1 and len(clauses) >= 3


def is_aphorism(sentence: str, names: set[str] | frozenset[str]) -> bool:
    """Whether a sentence reads as a 金句 and is safe to offer to any writer."""
    if len(sentence) > MAX_CHARS or len(sentence) < 8:
        return False
    if has_digit(sentence) or _QUOTE_OR_BRACKET.search(sentence) or _YEARS.search(sentence):
        return False
    narration, pronouns = _narration()
    if narration.match(sentence) or any(p in sentence for p in pronouns):
        return False
    if any(name in sentence for name in names):
        return False
    if "、" in sentence and not _CLAUSE_BREAK.search(sentence):
        parts = sentence.rstrip("。！？!").split("、")
        if len(parts) != 2 or len(parts[0]) != len(parts[1]):
            return False  # an enumeration (生态经济、循环经济; 高度重视街道、居委会建设), not a couplet
    if _DONE.search(sentence):
        return False  # 制订了一批专项规划: a report of what was done
    return is_balanced(sentence) and not is_work_item(sentence)


def candidates(lead: list[str], sections: list, closing: list[str]) -> list[tuple[str, str | None]]:
    """(sentence, heading) pairs worth testing: first sentences of every paragraph, with the section heading."""
    out: list[tuple[str, str | None]] = []

    def add(paragraphs: list[str], heading: str | None) -> None:
        for p in paragraphs:
            s = first_sentence(p)
            if s:
                out.append((s, heading))

    add(lead, None)

    def walk(items: list) -> None:
        for sec in items:
            firsts = [first_sentence(p) for p in sec.paragraphs]
            balanced = [f for f in firsts if f and is_balanced(f)]
            # Several paragraphs opening with parallel sentences are run-in headings
            # (坚持实事求是，推进便民利企。…), not maxims.
            if len(balanced) < 2:
                add(sec.paragraphs, sec.heading)
            walk(sec.subsections)
    walk(sections)
    add(closing, None)
    return out


@dataclass(frozen=True)
class AphorismTopics:
    """data/mining/aphorism_topics.yaml: how many topic words a maxim may hold."""

    max_topic_words: int
    max_model_words: int    # … and how many words of the whole topic model (topics and their related words)


_DEFINITION = re.compile(r"^[\u4e00-\u9fff]{1,2}是")  # 人才是第一资源: a clause defining its subject


def is_topical(sentence: str, topic_words: set[str] | frozenset[str],
               model_words: frozenset[str] = frozenset()) -> bool:
    """More topic words (or words of the whole topic model, ``model_words``) than a maxim holds
    (data/mining/aphorism_topics.yaml): a work item or a report of one (大力推进文化体制改革，
    繁荣社会主义文化艺术), unless every clause defines its subject."""
    from writer.io.datafiles import load_data
    from writer.mining.segment import cut

    clauses = [c for c in re.split(r"[，；,;！!]", sentence.rstrip("。！？!")) if c]
    if all(_DEFINITION.match(c) for c in clauses):
        return False
    limits = load_data("mining/aphorism_topics.yaml", AphorismTopics)
    words = set(cut(sentence))
    return len(words & topic_words) > limits.max_topic_words or len(words & model_words) > limits.max_model_words


# ---------------------------------------------------------------- the step: the bank's aphorisms

def mine_aphorisms(documents: list[Document], analyses: list, index: NameIndex,
                   topic_words: set[str] | frozenset[str] = frozenset(),
                   model_words: frozenset[str] = frozenset()) -> list[Aphorism]:
    """Pass 1 kept the balanced sentences (``analyses``); drop repeats, any holding a name found
    anywhere, and on a large corpus those heavy with its topic words (``topic_words``, ``model_words``:
    see ``is_topical``; empty: none)."""
    aphorisms: list[Aphorism] = []
    seen: set[str] = set()
    for doc, an in zip(documents, analyses):
        for sentence, heading in an.aphorisms:
            if sentence in seen or index.find(sentence):
                continue
            if topic_words and is_topical(sentence, topic_words, model_words):
                continue
            seen.add(sentence)
            aphorisms.append(Aphorism(text=sentence, doc_id=doc.id, source=doc.title, year=doc.year,
                                      heading=heading))
    return aphorisms
