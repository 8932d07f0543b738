"""The bank's Markov model, the pool of sentences drawn from it, and the quotes common to its sources.

The model (writer.render.chain) is built once per bank (jieba and markovify
are imported only then) and cached through writer.io.cache as plain data,
keyed by the content of the bank files it depends on; so is the pool of
sentences drawn from it, from which each draft picks with its own seed.
Loading the pool needs neither jieba nor markovify.
"""

from __future__ import annotations

import random
import re

from writer.zh import has_digit

MODEL_VERSION = 9
STATE_SIZE = 2
# Enough sentences for variety; more only makes the cache slower to load.
MAX_TRAINING_SENTENCES = 6000
# Walks drawn once per bank for the pool of generated sentences.
POOL_WALKS = 20000
# What the model depends on: the corpus, the names, the user's curation.
_MODEL_FILES = ("documents.jsonl", "names.yaml", "custom.yaml")


def _key(bank, *extra) -> tuple:
    from pathlib import Path

    from writer.io.cache import run_stamp

    stamps = tuple(run_stamp(Path(bank.path) / name) for name in _MODEL_FILES)
    return (MODEL_VERSION, STATE_SIZE, MAX_TRAINING_SENTENCES, stamps, *extra)


def _cached(bank, name: str, key: tuple, build):
    """The plain data cached under ``name`` for ``key``, built and stored on a miss."""
    from writer.io import cache

    path = cache.cache_file(bank.path, f"render-{name}.marshal")
    data = cache.load(path, key)
    if data is None:
        data = build()
        cache.store(path, key, data)
    return data


def common_quotes(documents, min_docs: int = 2) -> set[str]:
    """Phrases quoted (“…”) in at least ``min_docs`` documents: the genre's, not one source's."""
    seen: dict[str, set] = {}
    for doc in documents:
        for paragraph in doc.paragraphs():
            for quoted in re.findall(r"“([^“”]{1,12})”", paragraph):
                seen.setdefault(quoted, set()).add(doc.id)
    return {q for q, docs in seen.items() if len(docs) >= min_docs}


def training_sentences(documents, names) -> list[tuple[int, str]]:
    """(paragraph number, sentence) of the corpus sentences the chain learns from, evenly spaced."""
    from writer.render.chain import split_corpus_sentences, usable_training_sentence

    kept: list[tuple[int, str]] = []
    number = 0
    for doc in documents:
        for paragraph in doc.paragraphs():
            number += 1
            kept.extend((number, s) for s in split_corpus_sentences(paragraph)
                        if usable_training_sentence(s, names))
    if len(kept) > MAX_TRAINING_SENTENCES:
        # Evenly spaced, so every part of the corpus is represented, deterministically.
        step = len(kept) / MAX_TRAINING_SENTENCES
        kept = [kept[int(i * step)] for i in range(MAX_TRAINING_SENTENCES)]
    return kept


def build_model(documents, names):
    """Train the chain on the corpus (imports jieba).

    Returns the model (None when no sentence is usable) and, for each
    training sentence, the number of the paragraph it comes from.
    """
    from writer.render.chain import jieba_words, train

    kept = training_sentences(documents, names)
    if not kept:
        return None, []
    return train([jieba_words(s) for _, s in kept], names, STATE_SIZE), [i for i, _ in kept]


def load_model(bank):
    """The bank's model (a ``writer.render.chain.SentenceModel``) from the cache, built (with
    jieba) and cached on first use. None when the corpus has no usable sentence."""
    from writer.render.chain import SentenceModel, chain_from_plain, chain_to_plain, clauses_of

    def build():
        text, paragraphs = build_model(bank.documents(), sorted(bank.source_names()))
        return (chain_to_plain(text) if text is not None else None, tuple(paragraphs))

    plain, paragraphs = _cached(bank, "markov", _key(bank), build)
    if plain is None:
        return None
    text = chain_from_plain(plain)
    clauses: dict[str, set] = {}
    for words, paragraph in zip(text.parsed_sentences, paragraphs):
        for c in clauses_of("".join(words)):
            clauses.setdefault(c, set()).add(paragraph)
    return SentenceModel(text, clauses)


def load_pool(bank) -> tuple[list[str], dict]:
    """The bank's pool of generated sentences and, for the copy rule, where their ends occur in
    the corpus (``writer.render.review.corpus_contexts``), drawn once and cached together.

    Drawing thousands of walks takes longer than a render should, and the pool
    does not depend on the draft: each draft picks from it with its own seed.
    """
    from writer.check.budget import review_stamp
    from writer.render.review import contexts_from_plain, contexts_to_plain

    def build():
        model = load_model(bank)
        pool = model.candidates(random.Random("writer-markov-pool"), walks=POOL_WALKS) if model else []
        # Never a number (numbers come from the facts) nor a source's name.
        names = bank.source_names()
        pool = [s for s in pool if not has_digit(s) and not any(n in s for n in names)]
        kept, contexts = vet_pool(bank, pool)
        return tuple(kept), contexts_to_plain(contexts)

    # The copy rule vets the pool: its limit is part of the key.
    sentences, contexts = _cached(bank, "sentences", _key(bank, review_stamp(bank.path)), build)
    return list(sentences), contexts_from_plain(contexts)


def vet_pool(bank, pool: list[str]) -> tuple[list[str], dict]:
    """``pool`` without sentences `writer check`'s copy rule would report (markovify's
    novelty test counts words, and a 20-character run can pass it), and the contexts
    of the rest."""
    from writer.check.budget import copy_source, review_budget
    from writer.render.review import corpus_contexts

    chars = review_budget(bank.path).copy_chars
    source = copy_source(bank.path, chars) if chars else None
    if source is None:
        return pool, {}
    kept = [s for s in pool if not source.copies(s)]
    return kept, corpus_contexts(source.text, kept, chars, source.separator)


def load_common_quotes(bank) -> set[str]:
    """Quotes common to several source documents (cached; no jieba, no chain)."""
    return set(_cached(bank, "quotes", _key(bank), lambda: tuple(sorted(common_quotes(bank.documents())))))
