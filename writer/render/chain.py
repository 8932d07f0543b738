"""The Markov chain over jieba tokens of the bank's corpus, and the sentences it generates.

``ChineseText`` adapts markovify to Chinese through its public override points:
sentences end at 。！？, words come from jieba, words join without spaces.
markovify's default input filter runs unidecode and rejects any sentence with
a quote or bracket, which would drop every sentence holding “”; ours checks
instead that Chinese quotes and brackets are balanced, so quoted set phrases
(“十四五”, “放管服”) survive.

This module imports markovify: only what builds or walks the chain imports it
(writer.render.markov does so inside its functions), so a warm render, which
reads the cached sentence pool, pays nothing for it.

A generated sentence is kept only if every clause (between ，；：) is a clause
of the corpus, so it stays grammatical, and the sentence as a whole passes
markovify's novelty test (no long verbatim run of the corpus), so it is new.
"""

from __future__ import annotations

import bisect
import random
import re
from dataclasses import dataclass

import markovify
from markovify.chain import BEGIN, END

from writer.render.words import render_words
from writer.zh import balanced, split_sentences

MIN_CHARS, MAX_CHARS = 8, 200
_CLAUSE_SPLIT = re.compile(r"[，；：]")
_TERMINALS = "。！？"
_SPACES = re.compile(r"\s+")


def clauses_of(sentence: str) -> list[str]:
    """The clauses of a sentence, without the final punctuation."""
    body = sentence.rstrip("”’」』）").rstrip(_TERMINALS)
    return [c for c in _CLAUSE_SPLIT.split(body) if c]


def split_corpus_sentences(text: str) -> list[str]:
    """Sentences of a text (。！？, closing quote kept), whitespace removed."""
    out = []
    for paragraph in text.split("\n"):
        out.extend(split_sentences(_SPACES.sub("", paragraph)))
    return out


def usable_training_sentence(sentence: str, names=()) -> bool:
    """A complete, balanced sentence of sensible length without source names.

    Sentences with digits stay: their other clauses are good material, and
    no generated sentence with a digit is ever used.
    """
    sentence = sentence.strip()
    if not (MIN_CHARS <= len(sentence) <= MAX_CHARS) or sentence[-1] not in _TERMINALS + "”’":
        return False
    if not balanced(sentence):
        return False
    return not any(name in sentence for name in names)


def jieba_words(sentence: str) -> list[str]:
    """jieba's words of a sentence (imports jieba: only when a model is built)."""
    import jieba
    jieba.setLogLevel(60)
    return [w for w in jieba.lcut(sentence) if w.strip()]


class ChineseText(markovify.Text):
    """markovify.Text for Chinese: 。！？ sentences, jieba words, no spaces, quotes kept."""

    def __init__(self, input_text, *args, reject_names=(), **kwargs):
        self.reject_names = tuple(reject_names)
        super().__init__(input_text, *args, **kwargs)

    def sentence_split(self, text):
        return split_corpus_sentences(text)

    def sentence_join(self, sentences):
        # A newline keeps the novelty test from matching across sentences.
        return "\n".join(sentences)

    def word_split(self, sentence):
        return jieba_words(sentence)

    def word_join(self, words):
        return "".join(words)

    def test_sentence_input(self, sentence):
        """Replaces markovify's check, which unidecodes “” to " and then rejects the
        sentence: Chinese quotes are normal in this genre, only unbalanced ones are not."""
        return usable_training_sentence(sentence, self.reject_names)


def train(parsed: list[list[str]], names, state_size: int) -> ChineseText:
    """The compiled chain of the parsed training sentences."""
    text = ChineseText(None, parsed_sentences=parsed, state_size=state_size, reject_names=names)
    text.compile(inplace=True)
    return text


def chain_to_plain(text: ChineseText) -> tuple:
    """The chain as plain data: (state size, its states' choices, the parsed training sentences)."""
    return (text.state_size, tuple(text.chain.model.items()),
            tuple(tuple(words) for words in text.parsed_sentences))


def chain_from_plain(data: tuple) -> ChineseText:
    state_size, model, parsed = data
    chain = markovify.Chain.from_json([(state, [list(c) for c in choices]) for state, choices in model])
    return ChineseText(None, state_size=state_size, chain=chain, parsed_sentences=[list(w) for w in parsed])


@dataclass
class SentenceModel:
    """A loaded model: the chain, and each corpus clause with the paragraphs it occurs in."""

    text: ChineseText
    clauses: dict

    def walk(self, rng: random.Random, limit: int = 60) -> list[str]:
        """One run of the chain drawn with ``rng`` (markovify's own walk uses the global random)."""
        chain = self.text.chain
        state = (BEGIN,) * chain.state_size
        words: list[str] = []
        while len(words) < limit:
            choices, cumdist = chain.model[state]
            word = choices[bisect.bisect(cumdist, rng.random() * cumdist[-1])]
            if word == END:
                return words
            words.append(word)
            state = state[1:] + (word,)
        return []

    def _coheres(self, parts: list[str], parallel: bool) -> bool:
        """Whether the clauses of a walk make a sentence: all from one corpus paragraph, none
        leaning on a context it lacks, parallel (couplet-like) when asked."""
        if len(parts) < 2 or len(set(parts)) < len(parts):
            return False
        if not all(p in self.clauses for p in parts):
            return False
        # Clauses of one paragraph share its subject, so they cohere.
        if not set.intersection(*(self.clauses[p] for p in parts)):
            return False
        lengths = [len(p) for p in parts]
        if parallel and (len(parts) > 4 or max(lengths) - min(lengths) > 1 or min(lengths) < 4):
            return False
        context = render_words("context_starts")
        dependent = context + render_words("dependent_starts")
        return not (parts[0].startswith(context) or any(p.startswith(dependent) for p in parts[1:]))

    def candidates(self, rng: random.Random, walks: int = 600,
                   min_chars: int = 10, max_chars: int = 50, parallel: bool = False) -> list[str]:
        """Distinct novel sentences whose clauses all come from one corpus paragraph, in drawing order.

        With ``parallel``, only sentences of two to four clauses of (nearly) equal
        length (couplets like 坚持溯源治本，推进便民利企。).
        """
        seen: set[str] = set()
        out: list[str] = []
        for _ in range(walks):
            words = self.walk(rng)
            if not words:
                continue
            sentence = "".join(words)
            if sentence in seen or not (min_chars <= len(sentence) <= max_chars):
                continue
            seen.add(sentence)
            if sentence[-1] not in _TERMINALS or not self._coheres(clauses_of(sentence), parallel):
                continue
            if not self.text.test_sentence_output(words, markovify.text.DEFAULT_MAX_OVERLAP_RATIO,
                                                  markovify.text.DEFAULT_MAX_OVERLAP_TOTAL):
                continue
            out.append(sentence)
        return out
