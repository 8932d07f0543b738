"""The hand-written topic lexicon (writer/data/bank/topic-lexicon.yaml): topics, their words and themes.

`suggest` and `outline` use it to relate a user's topic (人才, 医保…) to bank
entries and to fill the bank's heading patterns with words of the right kind
(V verb, N noun, A other content word) and length. The YAML is parsed and
validated once (``writer.bank.lexicon_compile``), then read from the marshal
cache of ``writer.io.cache`` (no yaml import on a warm start), rebuilt whenever
the YAML file's content changes.
"""

from __future__ import annotations

import marshal
import re
from pathlib import Path

from writer.bank.lexicon_notation import FALLBACK_MARK
from writer.io import cache

LEXICON_FILE = Path(__file__).resolve().parents[1] / "data" / "bank" / "topic-lexicon.yaml"
# Bumped when the compiled form changes (part of the cache key).
_CACHE_FORMAT = 8

# Plain slotted classes, not dataclasses: `suggest` starts cold on every call and
# each dataclass costs a millisecond to create at import.

class _Value:
    """Equality and hashing by the value ``_key()`` returns (for words and phrases)."""

    __slots__ = ()

    def _key(self) -> tuple:
        raise NotImplementedError

    def __eq__(self, other) -> bool:
        return type(other) is type(self) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())


class Word(_Value):
    """One word: its text, kind (V/N/A) and length in characters."""

    __slots__ = ("text", "kind")

    def __init__(self, text: str, kind: str):
        self.text = text
        self.kind = kind

    @property
    def length(self) -> int:
        return len(self.text)

    @property
    def slot(self) -> str:
        return f"{{{self.kind}{len(self.text)}}}"

    def _key(self) -> tuple:
        return (self.text, self.kind)

    def __repr__(self) -> str:
        return f"Word({self.text!r}, {self.kind!r})"


class Phrase(_Value):
    """A run of words (a noun phrase, a predicate) written with spaces between words."""

    __slots__ = ("words", "verbs", "text")

    def __init__(self, words: tuple[Word, ...], verbs: tuple[str, ...] = ()):
        self.words = tuple(words)
        self.verbs = tuple(verbs)   # the verbs this phrase takes, when narrower than its head's
        self.text = "".join(w.text for w in self.words)

    @property
    def head(self) -> str:
        return self.words[-1].text

    def __len__(self) -> int:
        return len(self.text)

    def _key(self) -> tuple:
        return (self.words, self.verbs)

    def __repr__(self) -> str:
        return f"Phrase({self.text!r})"


class Theme:
    """A kind of section a summary on a topic has: its noun phrases and the facts it reports."""

    __slots__ = ("name", "nouns", "facts")

    def __init__(self, name: str, nouns: list[Phrase], facts: list[str]):
        self.name = name
        self.nouns = nouns
        self.facts = facts

    def __repr__(self) -> str:
        return f"Theme({self.name!r})"


class Topic:
    """A user's topic resolved against the lexicon (``known`` False: built from the fallback)."""

    __slots__ = ("name", "key", "known", "aliases", "related", "themes", "principles")

    def __init__(self, name: str, key: str, known: bool, aliases: list[str], related: list[str],
                 themes: list[Theme], principles: list[Phrase] | None = None):
        self.name = name          # what the user typed, trimmed
        self.key = key            # the lexicon entry, or the core word for the fallback
        self.known = known
        self.aliases = aliases
        self.related = related
        self.themes = themes
        self.principles = principles or []

    def __repr__(self) -> str:
        return f"Topic({self.name!r}, key={self.key!r}, known={self.known})"

    @property
    def phrase(self) -> str:
        """The topic as a title says it: 人才 → 人才工作."""
        return self.name if self.name.endswith("工作") else self.name + "工作"

    def words(self) -> list[str]:
        """Words whose presence marks a text as related to the topic, longest first."""
        seen: dict[str, None] = {}
        for w in [self.name, self.key, *self.aliases, *self.related, *(t.name for t in self.themes)]:
            if w and len(w) >= 2:
                seen.setdefault(w, None)
        return sorted(seen, key=lambda w: (-len(w), w))


class HeadInfo:
    """What a noun-phrase head (its last word) takes: its class, verbs and predicates."""

    __slots__ = ("cls", "verbs", "predicates", "short", "_takes")

    def __init__(self, cls: str, verbs: list[str], predicates: list[Phrase], short: list[Phrase]):
        self.cls = cls
        self.verbs = verbs
        self.predicates = predicates
        self.short = short
        self._takes: frozenset[str] | None = None

    def takes(self) -> frozenset[str]:
        """The verbs it takes: its own and the last word of each of its predicates (made once)."""
        if self._takes is None:
            self._takes = frozenset(self.verbs) | {p.words[-1].text for p in self.predicates}
        return self._takes

    def __repr__(self) -> str:
        return f"HeadInfo({self.cls!r})"


class _Packed(dict):
    """key → value, each unmarshalled from its packed bytes on first lookup (``_decode``): a request
    reads one topic and a few dozen heads of the lexicon, and unmarshalling all of it cost a cold
    `writer suggest` some 8M instructions."""

    def __init__(self, raw: dict):
        super().__init__()
        self.raw = raw

    def _decode(self, item):
        return item

    def __missing__(self, key):
        value = self[key] = self._decode(marshal.loads(self.raw[key]))  # KeyError for an unknown key
        return value

    def get(self, key, default=None):
        return self[key] if key in self.raw else default

    def __bool__(self) -> bool:
        return bool(self.raw)

    def __contains__(self, key) -> bool:
        return key in self.raw

    def __iter__(self):
        return iter(self.raw)

    def __len__(self) -> int:
        return len(self.raw)

    def keys(self):
        return self.raw.keys()

    def values(self):
        return [self[k] for k in self.raw]

    def items(self):
        return [(k, self[k]) for k in self.raw]


class _Heads(_Packed):
    """head → HeadInfo, built on first lookup from the compiled tuples."""

    def _decode(self, item):
        cls, verbs, preds, short = item
        return HeadInfo(cls, list(verbs), [_phrase(p, None) for p in preds], [_phrase(p, None) for p in short])


class Lexicon:
    """The whole lexicon, compiled."""

    def __init__(self, heads, adverbs: dict[str, list[str]], frames: dict[str, list[str]],
                 topics: dict[str, dict], fallback: dict, passages: dict[str, list[str]], path: str = "",
                 abbreviations: list[str] = (), local_slogans: dict | None = None,
                 topic_words: dict | None = None):
        self.heads = heads
        self.adverbs = adverbs        # adverb → verbs it goes with ("*": any)
        self.frames = frames
        self.topics = topics          # key → raw compiled entry (see compile_lexicon), decoded on first use
        # key → (aliases, related) of every topic, without decoding the entries' themes
        self.topic_words = topic_words if topic_words is not None else {
            key: (entry["aliases"], entry["related"]) for key, entry in topics.items()}
        self.fallback = fallback
        self.passages = passages      # opening_frames, closing_frames
        self.path = path
        self.abbreviations = list(abbreviations)   # one-character place names (琼, 鲁…)
        self.local_slogans = local_slogans or {"verbs": [], "followed_by": []}   # how 科教兴琼 is written
        self._alias_index: dict[str, str] = {}
        self._adverbs_for: dict[str, list[str]] = {}
        self._abbr_re = None
        # The content stamp of the YAML it was compiled from (set by load_lexicon): what caches
        # derived from the lexicon (writer.compose.vocab) are keyed by; None: derive afresh.
        self.stamp: tuple | None = None

    def local_slogan(self, text: str) -> bool:
        """True when ``text`` carries a place's one-character name in a slogan (科教兴琼, 人才强桂)."""
        if not self.abbreviations:
            return False
        if self._abbr_re is None:
            verbs = "".join(self.local_slogans["verbs"])
            after = "".join(f"{re.escape(w)}|" for w in self.local_slogans["followed_by"])
            self._abbr_re = re.compile(f"[{verbs}]([{''.join(self.abbreviations)}])(?={after}$|[，、])")
        return self._abbr_re.search(text) is not None

    def head(self, phrase: Phrase) -> HeadInfo | None:
        return self.heads.get(phrase.head)

    def adverbs_for(self, verb: str) -> list[str]:
        """Adverbs that can stand before ``verb`` (全力夯实, 持续优化), in lexicon order."""
        found = self._adverbs_for.get(verb)
        if found is None:   # looked up per verb once: heading generation asks for the same verbs often
            found = self._adverbs_for[verb] = [a for a, verbs in self.adverbs.items() if "*" in verbs or verb in verbs]
        return list(found)

    def topic(self, name: str) -> Topic:
        """Resolve a user's topic: by name, alias, or a known name inside it; else the fallback."""
        name = name.strip()
        core = name[:-2] if name.endswith("工作") and len(name) > 2 else name
        index = self._index()
        key = index.get(name) or index.get(core)
        if key is None:
            # A known name inside the user's words (县医保局 → 医保), longest first.
            for alias in sorted(index, key=lambda a: (-len(a), a)):
                if len(alias) >= 2 and alias in name:
                    key = index[alias]
                    break
        if key is not None:
            entry = self.topics[key]
            return Topic(name=name, key=key, known=True, aliases=list(entry["aliases"]),
                         related=list(entry["related"]), themes=_themes(entry["themes"], None),
                         principles=[_phrase(p, None) for p in entry["principles"]])
        fb = self.fallback
        return Topic(name=name, key=core, known=False,
                     aliases=[a.replace(FALLBACK_MARK, core) for a in fb["aliases"]],
                     related=[r.replace(FALLBACK_MARK, core) for r in fb["related"]],
                     themes=self.fallback_themes(core),
                     principles=[_phrase(p, core) for p in fb["principles"]])

    def fallback_themes(self, core: str) -> list[Theme]:
        """The generic section themes, written for the topic word ``core``."""
        return _themes(self.fallback["themes"], core)

    def theme(self, name: str, topic: Topic | None = None) -> Theme | None:
        """A theme by name: the topic's own first, then any topic's."""
        name = name.strip()
        if topic is not None:
            for t in topic.themes:
                if t.name == name:
                    return t
        for key in sorted(self.topics):
            raw = self.topics[key]["themes"].get(name)
            if raw is not None:
                return _theme(name, raw, None)
        return None

    def _index(self) -> dict[str, str]:
        if not self._alias_index:
            for key in sorted(self.topic_words):
                self._alias_index.setdefault(key, key)
            for key, (aliases, _) in sorted(self.topic_words.items()):
                for alias in aliases:
                    self._alias_index.setdefault(alias, key)
        return self._alias_index


def _themes(raw: dict, core: str | None) -> list[Theme]:
    return [_theme(name, body, core) for name, body in raw.items()]


def _sub(s: str, core: str | None) -> str:
    return s.replace(FALLBACK_MARK, core) if core is not None else s


def _phrase(compiled: list, core: str | None) -> Phrase:
    """A compiled phrase: [(word, kind)…] with, as last item, an optional ("@", [verbs])."""
    verbs: tuple[str, ...] = ()
    if compiled and compiled[-1][0] == "@":
        verbs = tuple(compiled[-1][1])
        compiled = compiled[:-1]
    return Phrase(tuple(Word(_sub(t, core), k) for t, k in compiled), verbs)


def _theme(name: str, body: dict, core: str | None) -> Theme:
    nouns = [_phrase(words, core) for words in body["nouns"]]
    return Theme(name=_sub(name, core), nouns=nouns, facts=[_sub(f, core) for f in body["facts"]])


def _pack(compiled: dict) -> dict:
    """The compiled lexicon as cached: each head's and each topic's entry marshalled apart (read on
    first use), and every topic's aliases and related words as they are (resolving a topic needs them)."""
    return {**compiled, "heads": {k: marshal.dumps(v) for k, v in compiled["heads"].items()},
            "topics": {k: marshal.dumps(v) for k, v in compiled["topics"].items()},
            "topic_words": {k: (v["aliases"], v["related"]) for k, v in compiled["topics"].items()}}


def _build(packed: dict, path: Path) -> Lexicon:
    return Lexicon(heads=_Heads(packed["heads"]), adverbs=packed["adverbs"], frames=packed["frames"],
                   topics=_Packed(packed["topics"]), passages=packed["passages"],
                   abbreviations=packed["abbreviations"], local_slogans=packed["local_slogans"],
                   fallback=packed["fallback"], path=str(path), topic_words=packed["topic_words"])


# path → the lexicon loaded from it in this process.
_LOADED: dict[str, Lexicon] = {}


def load_lexicon(path: str | Path | None = None, use_cache: bool = True) -> Lexicon:
    """The topic lexicon (the shipped one by default), from its marshal cache when fresh."""
    path = Path(path) if path is not None else LEXICON_FILE
    memo = _LOADED.get(str(path))
    if memo is not None and use_cache:
        return memo
    if not path.is_file():
        from writer.bank.errors import LexiconError   # on failure only (a cold start pays for every class)

        raise LexiconError("主题词表不存在", path)
    key = (_CACHE_FORMAT, str(path), cache.run_stamp(path))
    cache_path = cache.cache_file(path.parent, path.stem + ".marshal") if use_cache else None
    compiled = cache.load(cache_path, key)
    if compiled is None:  # no cache, a stale or a broken one
        from writer.bank.errors import LexiconError, LexiconYamlError
        from writer.bank.lexicon_compile import compile_lexicon
        from writer.io.yamlfile import load_yaml

        compiled = _pack(compile_lexicon(load_yaml(path, LexiconError, LexiconYamlError, what="主题词表"), path))
        cache.store(cache_path, key, compiled)
    lexicon = _build(compiled, path)
    lexicon.stamp = key
    _LOADED[str(path)] = lexicon
    return lexicon
