"""The fast paths of the check engine give what the plain algorithms give.

Each fast path (sampled phrase scan, bulk window hashes, pruned copy search,
sentence split, Normalised, pairs shortcut, rewritten expressions, bulk
positions) is compared with a straightforward reference written here, on
arbitrary input. bench/bench_check.py compares whole findings with the
engine before the speed pass on the fixtures, the seed corpus and a 1 MB draft.
"""

from __future__ import annotations

import bisect
import gc
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from writer.check.context import CheckContext
from writer.check.engine import Checker, select_rules
from writer.check.rules import load_rules
from writer.check.copyindex import _FOLD, MASK, MAX_HITS, WINDOW, CorpusIndex, Normalised, fold
from writer.check.draft import Draft, PhraseScanner
from writer.check.kinds import expand_macros
from writer.check.textmap import LineMap, split_paragraphs
from writer.check.windows import codes_of, new_bitmap, probe, window_hash, window_hashes

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Few letters, so that phrases occur, overlap and share keys.
letters = st.sampled_from(list("甲乙丙丁甲乙") + ["。", "，", " ", "\n", "\u3000", "！", "”", "𠀀", "\ud800"])
small_text = st.lists(letters, max_size=160).map("".join)
phrase = st.lists(st.sampled_from(list("甲乙丙丁") + ["𠀀", "\ud800", " "]), min_size=1, max_size=7).map("".join)
# Up to 90 phrases: below and above the count where the scanner switches from str.find to sampled keys.
phrase_sets = st.frozensets(phrase, max_size=90)


def reference_occurrences(text, phrases):
    out = []
    for p in phrases:
        i = text.find(p)
        while i != -1:
            out.append((i, i + len(p), p))
            i = text.find(p, i + 1)
    return sorted(out)


@FAST
@given(small_text, phrase_sets)
def test_phrase_scanner_finds_every_occurrence(text, phrases):
    assert sorted(PhraseScanner(phrases).scan(text)) == reference_occurrences(text, phrases)


def test_phrase_scanner_uses_both_strategies():
    many = {a + b + c + d for a in "甲乙丙丁" for b in "甲乙丙丁" for c in "甲乙" for d in "丁乙"}
    scanner = PhraseScanner(many | {"甲", "乙丙"})
    assert scanner._table and not scanner._long_find      # sampled keys for the 4-character phrases
    text = "甲乙丙丁乙" * 40
    assert sorted(scanner.scan(text)) == reference_occurrences(text, many | {"甲", "乙丙"})


def reference_phrase_hits(draft, phrases):
    text = draft.text
    mine = sorted((s, -e) for s, e, p in reference_occurrences(text, phrases))
    out, last = [], -1
    for s, neg in mine:
        e = -neg
        if s < last:
            continue
        paragraph = draft.paragraph_at(s)
        if paragraph is None or e > paragraph.end:
            continue
        out.append((s, e, text[s:e]))
        last = e
    return out


@FAST
@given(small_text, phrase_sets, st.booleans())
def test_phrase_hits_are_leftmost_longest_inside_paragraphs(text, phrases, markdown):
    draft = Draft(text, "x", markdown)
    draft.prepare_phrases(PhraseScanner(phrases))
    assert draft.phrase_hits(frozenset(phrases)) == reference_phrase_hits(draft, phrases)


_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）)》]*|$")


def reference_sentences(text, base):
    out, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        s, e = pos, m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((base + s, base + e, text[s:e]))
        pos = m.end()
        if m.end() >= len(text):
            break
    return out


sentence_text = st.lists(st.sampled_from(list("甲乙。！？!?”’」』）)》 \t\u3000\x1c") + ["\n"]), max_size=80).map("".join)


@FAST
@given(sentence_text, st.booleans())
def test_sentences_match_the_reference_split(text, markdown):
    for paragraph in split_paragraphs(text, markdown):
        got = [(s.start, s.end, s.text) for s in paragraph.sentences]
        assert got == reference_sentences(paragraph.text, paragraph.start)


@FAST
@example("乙。 甲。", frozenset({" 甲"}), False)       # a phrase starting in the space between sentences
@given(sentence_text, st.frozensets(st.sampled_from(["甲乙", "乙甲", "甲", "。甲", "乙 甲", " 甲", "\u3000甲"]), max_size=5), st.booleans())
def test_hit_sentences_match_a_scan_of_every_sentence(text, phrases, markdown):
    draft = Draft(text, "x", markdown)
    draft.prepare_phrases(PhraseScanner(phrases))
    hits = draft.phrase_hits(frozenset(phrases))
    expected = []
    for paragraph in draft.paragraphs:
        for sentence in paragraph.sentences:
            inside = [h for h in hits if sentence.start <= h[0] < sentence.end and h[1] <= sentence.end]
            if inside:
                expected.append((paragraph.start, sentence.start, inside))
    got = [(p.start, s.start, h) for p, s, h in draft.hit_sentences(hits)]
    assert got == expected


_KEEP = re.compile(r"[^\s\x00-\x1f]+")


def reference_normalised(text, spans):
    folded = text.translate(_FOLD)
    parts, norm_starts, orig_starts, length, previous = [], [], [], 0, None
    for start, end in spans:
        if previous is not None and parts:
            parts.append(MASK)
            norm_starts.append(length)
            orig_starts.append(previous)
            length += 1
        for m in _KEEP.finditer(folded, start, end):
            parts.append(m.group())
            norm_starts.append(length)
            orig_starts.append(m.start())
            length += len(m.group())
        previous = end
    joined = "".join(parts)

    def offset(k):
        j = bisect.bisect_right(norm_starts, k) - 1
        return orig_starts[j] + (k - norm_starts[j])
    return joined, offset


norm_text = st.lists(st.sampled_from(list("甲乙，（）Ａｚ１ ,\t\n\u3000\x00\x07\x1c\x1f𠀀\ud800")), max_size=60).map("".join)


@FAST
@given(norm_text, st.lists(st.integers(0, 60), max_size=8))
def test_normalised_text_and_offsets_match_the_reference(text, cuts):
    points = sorted({min(c, len(text)) for c in cuts})
    spans = [(a, b) for a, b in zip(points[::2], points[1::2]) if b > a] or None
    expected, offset = reference_normalised(text, spans if spans is not None else [(0, len(text))])
    got = Normalised(text, spans)
    assert got.text == expected
    assert [got.offset(k) for k in range(len(expected))] == [offset(k) for k in range(len(expected))]


@FAST
@given(st.text(max_size=80))
def test_fold_matches_translating_with_the_dict(text):
    assert fold(text) == text.translate(_FOLD)


@FAST
@given(st.lists(st.integers(0, 0x10FFFF), min_size=1, max_size=60), st.integers(1, 8), st.integers(1, 5),
       st.integers(0, 3))
def test_window_hashes_match_one_window_at_a_time(points, width, step, first):
    from array import array
    codes = memoryview(array("I", points)).cast("B").cast("I")
    count = max(0, (len(points) - first - width) // step + 1)
    lanes, hashes = window_hashes(codes, first, step, count, width)
    assert list(hashes) == [window_hash(codes, first + k * step, width) for k in range(count)]
    bitmap, mask = new_bitmap(list(hashes)[::2], density=1)
    expected = [j for j, h in enumerate(hashes) if bitmap[(h & mask) >> 3] >> (h & 7) & 1]
    assert probe(lanes, hashes, bitmap, mask) == expected
    assert set(range(0, count, 2)) <= set(expected)


def _suffix(a, i, b, j, limit):
    k = 0
    while k < limit and a[i - k - 1] == b[j - k - 1]:
        k += 1
    return k


def _prefix(a, i, b, j, limit):
    k = 0
    while k < limit and a[i + k] == b[j + k]:
        k += 1
    return k


def reference_runs(index, norm, min_chars):
    """The copy search without its shortcuts: every sampled window, every place extended."""
    corpus, hashes, locs, n = index.text, index.hashes, index.locs, len(norm)
    codes = codes_of(norm)
    runs, floor = [], 0
    for i in range(0, n - WINDOW + 1, 3):
        if i < floor or MASK in norm[i:i + WINDOW]:
            continue
        h = window_hash(codes, i, WINDOW)
        lo, hi = bisect.bisect_left(hashes, h), bisect.bisect_right(hashes, h)
        if hi - lo > MAX_HITS:
            continue
        best = None
        for j in range(lo, hi):
            loc = locs[j]
            if corpus[loc:loc + WINDOW] != norm[i:i + WINDOW]:
                continue
            left = _suffix(norm, i, corpus, loc, min(i - floor, loc))
            right = _prefix(norm, i + WINDOW, corpus, loc + WINDOW, min(n - i - WINDOW, len(corpus) - loc - WINDOW))
            a, b = i - left, i + WINDOW + right
            if best is None or b - a > best[1] - best[0]:
                best = (a, b, loc - left)
        if best and best[1] - best[0] >= min_chars:
            a, b, g = best
            runs.append((a, b, index.doc_of(g), max(1, len(index.docs_holding(norm[a:b])))))
            floor = b
    return runs


# Passages the corpus and the drafts are cut from: shared ones, a stock formula
# (indexed at more than MAX_HITS places) and plain filler.
PASSAGES = ["全县新建改造背街小巷十二条铺设雨污分流管网八公里", "老旧小区面貌焕然一新群众满意度明显提高",
            "坚持以人民为中心的发展思想推动高质量发展", "引进急需紧缺人才五十人建立专家工作站三个",
            "甲乙丙丁戊己庚辛壬癸", "一二三四五六七八九十"]
FORMULA = "深入学习贯彻党的二十大精神全面落实各项决策部署"
# Held in part by several documents: places of one window reaching different lengths.
LONG = "各地推进城乡供水一体化建设农村自来水普及率稳步提高供水保障能力显著增强群众喝上放心水"


@pytest.fixture(scope="module")
def corpus_index():
    documents = []
    for k in range(12):
        body = "。".join(PASSAGES[(k + j) % len(PASSAGES)][: 12 + 3 * j] for j in range(5))
        documents.append((f"d{k}", f"文{k}", f"{body}。{FORMULA}。"))
    documents += [(f"f{k}", f"式{k}", f"{FORMULA}。" * 3) for k in range(30)]
    documents.append(("u", "独", "本年度我们新建改造背街小巷十二条铺设雨污分流管网八公里老旧小区面貌焕然一新群众满意度明显提高"))
    for k, size in enumerate((22, 30, 41, 26)):
        documents.append((f"p{k}", f"前{k}", "前言" * k + LONG[:size] + "。"))
        documents.append((f"s{k}", f"后{k}", "。" + LONG[-size:] + "结语" * k))
    return CorpusIndex.build(documents)


draft_pieces = st.lists(st.sampled_from(PASSAGES + [FORMULA, LONG, LONG[5:], LONG[:-7], "我们", "。", "新建", "\x00",
                                                   "本年度我们新建改造背街"]), max_size=14).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(draft_pieces, st.sampled_from([19, 20, 24, 30]))
def test_copy_search_matches_the_search_without_shortcuts(corpus_index, norm, min_chars):
    runs = [(r.start, r.end, r.doc, r.docs) for r in corpus_index.find_runs(norm, min_chars)]
    assert runs == reference_runs(corpus_index, norm, min_chars)
    # Counting documents may stop at enough_docs, never below it.
    capped = corpus_index.find_runs(norm, min_chars, enough_docs=2)
    assert [(r.start, r.end, r.doc) for r in capped] == [r[:3] for r in runs]
    assert all(c.docs == r[3] or (c.docs >= 2 and r[3] >= 2) for c, r in zip(capped, runs))


def test_copy_fixture_exercises_shortcuts(corpus_index):
    norm = "本年度我们新建改造背街小巷十二条铺设雨污分流管网八公里老旧小区面貌焕然一新群众满意度明显提高" + FORMULA
    runs = corpus_index.find_runs(norm, 20)
    assert runs and runs[0].docs == 1
    assert [(r.start, r.end, r.doc, r.docs) for r in runs] == reference_runs(corpus_index, norm, 20)
    # Places holding the same ending with more and more of LONG before it, in that
    # order and indexed at the same alignment: each later place reaches further back.
    # Every alignment of the draft.
    ends = CorpusIndex.build([(f"e{k}", f"尾{k}", LONG[cut:] + "。") for k, cut in enumerate((16, 12, 8, 4))])
    for lead in range(12):
        norm = "我们新建"[:lead % 5] + "。" * (lead // 5) + LONG
        runs = [(r.start, r.end, r.doc, r.docs) for r in ends.find_runs(norm, 20)]
        assert runs == reference_runs(ends, norm, 20)
        assert ends.docs[runs[0][2]][0] == "e3"
        # The same draft twice over (its windows' places known from the first time).
        norm = norm + "。" + norm[::-1] + "。" + norm
        assert [(r.start, r.end, r.doc, r.docs) for r in ends.find_runs(norm, 20)] == reference_runs(ends, norm, 20)
    # Four documents hold a beginning of LONG (22, 30, 41, 26 characters): the longest is named.
    runs = corpus_index.find_runs("我们" + LONG, 20)
    assert runs and runs[0].end - runs[0].start == 41 and corpus_index.docs[runs[0].doc][0] == "p2"
    assert [(r.start, r.end, r.doc, r.docs) for r in runs] == reference_runs(corpus_index, "我们" + LONG, 20)
    # A draft repeating its passages (its windows' places known from the first time).
    for norm in ((LONG + "。" + FORMULA) * 3, ("我们" + PASSAGES[0] + LONG[3:]) * 4, (PASSAGES[1] + "\x00") * 3):
        runs = [(r.start, r.end, r.doc, r.docs) for r in corpus_index.find_runs(norm, 20)]
        assert runs == reference_runs(corpus_index, norm, 20)


pairs_text = st.lists(st.sampled_from(list("“”‘’《》（）甲乙 \t") + ["\n", "\n# writer-disable quote\n", "\"", "'"]),
                      max_size=60).map("".join)


QUOTE_FAST = Checker(select_rules(load_rules(), only=["quote"]))
_slow_rules = load_rules()
_slow_rules.rules["quote"].checks[0]._marks_lines = None      # pair every paragraph's marks
QUOTE_SLOW = Checker(select_rules(_slow_rules, only=["quote"]))


@FAST
@given(pairs_text)
def test_pairs_shortcut_reports_what_pairing_every_line_reports(text):
    assert QUOTE_FAST.check_text(text) == QUOTE_SLOW.check_text(text)


# The expressions as written before the speed pass (a leading repeat or alternation
# made the engine try every position) and as shipped now.
REWRITTEN = [
    (r'\.{3,}|。{3,}|⋯+|…(?<!……)(?!…)', "punct", 0),
    (r'\?(?<=[%han%%punct%]\?)\?*|\?+(?=[%han%])', "punct", 7),
    (r'!(?<=[%han%%punct%]!)!*|!+(?=[%han%])', "punct", 8),
    # A number of at most three digits before 十百千 (session 10: four are a year, 2018十大).
    (r'(?<![0-9])[0-9]{1,3}(?:\.[0-9]+)?[十百千](?![米克瓦伏帕赫焦卡])', "number", 0),
    (r'[0-9]+(?:\.[0-9]+)?亿[0-9]+(?:\.[0-9]+)?万', "number", 1),
    (r'[０-９]+', "number", 4),
    (r'[ \t\u3000\u00a0]+(?=[%punct%])', "spacing", 2),
]
pattern_text = st.lists(st.sampled_from(list("..。。⋯……??!!十百千亿万米0123456789０１.中，、 \t\u3000")), max_size=40).map("".join)


RULES = load_rules()


@FAST
@given(pattern_text)
def test_rewritten_expressions_match_the_originals(text):
    rules = RULES
    for original, rule, item in REWRITTEN:
        before = re.compile(expand_macros(original), re.MULTILINE)
        now = rules.rules[rule].checks[0].items[item][0]
        assert [m.span() for m in now.finditer(text)] == [m.span() for m in before.finditer(text)], original


@FAST
@given(st.text(st.sampled_from("甲\n乙\r "), max_size=40), st.lists(st.integers(-3, 45), max_size=20))
def test_bulk_positions_match_one_at_a_time(text, offsets):
    lines = LineMap(text)
    got = lines.positions(offsets)
    assert list(zip(*got)) == [lines.position(o) for o in offsets]


def test_collector_is_restored_after_a_check():
    checker = Checker(select_rules(load_rules()), CheckContext())
    assert gc.isenabled()
    checker.check_text("全年完成投资,同比增长。")
    assert gc.isenabled()
    gc.disable()
    try:
        checker.check_text("全年完成投资,同比增长。")
        assert not gc.isenabled()
    finally:
        gc.enable()
