"""The hand-written topic lexicon (writer/data/topic-lexicon.yaml): topics, their words and themes.

`suggest` and `outline` use it to relate a user's topic (人才, 医保…) to bank
entries and to fill the bank's heading patterns with words of the right kind
(V verb, N noun, A other content word) and length. The YAML is parsed and
validated once, then read from a marshal cache (no yaml import on a warm
start), rebuilt whenever the YAML file changes.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from writer.errors import InputError
from writer.io import cache as cachefile
from writer.io.yamlfile import load_yaml, locate

LEXICON_FILE = Path(__file__).resolve().parents[1] / "data" / "topic-lexicon.yaml"
KINDS = ("V", "N", "A")
# Bumped when the compiled form changes, so stale caches are ignored.
_CACHE_FORMAT = 6
_FALLBACK_MARK = "{t}"
PRINCIPLE_VERBS = ("坚持", "突出")
PASSAGE_SLOTS = ("org", "period", "topic", "year", "next_year")


class LexiconError(InputError):
    """The topic lexicon cannot be used."""


class LexiconYamlError(LexiconError):
    """The topic lexicon is not valid YAML."""


class LexiconSchemaError(LexiconError):
    """The topic lexicon is valid YAML but does not hold what it should."""


# Plain slotted classes, not dataclasses: `suggest` starts cold on every call and
# each dataclass costs a millisecond to create at import.

class Word:
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

    def __eq__(self, other) -> bool:
        return isinstance(other, Word) and (self.text, self.kind) == (other.text, other.kind)

    def __hash__(self) -> int:
        return hash((self.text, self.kind))

    def __repr__(self) -> str:
        return f"Word({self.text!r}, {self.kind!r})"


class Phrase:
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

    def __eq__(self, other) -> bool:
        return isinstance(other, Phrase) and (self.words, self.verbs) == (other.words, other.verbs)

    def __hash__(self) -> int:
        return hash((self.words, self.verbs))

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

    __slots__ = ("cls", "verbs", "predicates", "short")

    def __init__(self, cls: str, verbs: list[str], predicates: list[Phrase], short: list[Phrase]):
        self.cls = cls
        self.verbs = verbs
        self.predicates = predicates
        self.short = short

    def __repr__(self) -> str:
        return f"HeadInfo({self.cls!r})"


class _Heads(dict):
    """head → HeadInfo, built on first lookup from the compiled tuples."""

    def __init__(self, raw: dict):
        super().__init__()
        self.raw = raw

    def __missing__(self, key):
        item = self.raw[key]  # KeyError for an unknown head, as a dict would
        cls, verbs, preds, short = item
        info = HeadInfo(cls, list(verbs), [_phrase(p, None) for p in preds],
                        [_phrase(p, None) for p in short])
        self[key] = info
        return info

    def get(self, key, default=None):
        return self[key] if key in self.raw else default

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


class Lexicon:
    """The whole lexicon, compiled."""

    def __init__(self, heads, adverbs: dict[str, list[str]], frames: dict[str, list[str]],
                 topics: dict[str, dict], fallback: dict, passages: dict[str, list[str]], path: str = "",
                 abbreviations: list[str] = ()):
        self.heads = heads
        self.adverbs = adverbs        # adverb → verbs it goes with ("*": any)
        self.frames = frames
        self.topics = topics          # key → raw compiled entry (see compile_lexicon)
        self.fallback = fallback
        self.passages = passages      # opening_frames, closing_frames
        self.path = path
        self.abbreviations = list(abbreviations)   # one-character place names (琼, 鲁…)
        self._alias_index: dict[str, str] = {}
        self._abbr_re = None

    def local_slogan(self, text: str) -> bool:
        """True when ``text`` carries a place's one-character name in a slogan (科教兴琼, 人才强桂)."""
        if not self.abbreviations:
            return False
        if self._abbr_re is None:
            self._abbr_re = re.compile("[兴强富美活惠稳治]([" + "".join(self.abbreviations) + "])"
                                       "(?=战略|工程|行动|计划|$|[，、和与的])")
        return self._abbr_re.search(text) is not None

    def head(self, phrase: Phrase) -> HeadInfo | None:
        return self.heads.get(phrase.head)

    def adverbs_for(self, verb: str) -> list[str]:
        """Adverbs that can stand before ``verb`` (全力夯实, 持续优化), in lexicon order."""
        return [a for a, verbs in self.adverbs.items() if "*" in verbs or verb in verbs]

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
                     aliases=[a.replace(_FALLBACK_MARK, core) for a in fb["aliases"]],
                     related=[r.replace(_FALLBACK_MARK, core) for r in fb["related"]],
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
            for key, entry in sorted(self.topics.items()):
                self._alias_index.setdefault(key, key)
            for key, entry in sorted(self.topics.items()):
                for alias in entry["aliases"]:
                    self._alias_index.setdefault(alias, key)
        return self._alias_index


def _themes(raw: dict, core: str | None) -> list[Theme]:
    return [_theme(name, body, core) for name, body in raw.items()]


def _sub(s: str, core: str | None) -> str:
    return s.replace(_FALLBACK_MARK, core) if core is not None else s


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


def parse_phrase(text: str, default_kind: str | None) -> list:
    """``人才 发展/N 环境`` → [(word, kind)]; a last token ``@培育|用好`` narrows the verbs
    the phrase takes (kept as a final ("@", [verbs]) item). Raises ValueError naming the problem."""
    out: list = []
    verbs = None
    tokens = text.split()
    if tokens and tokens[-1].startswith("@"):
        verbs = [v for v in tokens.pop()[1:].split("|") if v]
        if not verbs:
            raise ValueError("“@”后应列出动词，如 @培育|用好")
    for token in tokens:
        word, _, kind = token.partition("/")
        kind = kind or default_kind
        if kind not in KINDS:
            raise ValueError(f"“{token}”缺少或写错词类（/N /V /A）")
        if not word:
            raise ValueError(f"“{token}”是空词")
        out.append((word, kind))
    if not out:
        raise ValueError("空词组")
    if verbs:
        out.append(("@", verbs))
    return out


# ---------------------------------------------------------------- loading

def _schema(path: Path, keys: list, message: str) -> LexiconSchemaError:
    line, col = locate(path, keys)
    return LexiconSchemaError(message, path, line, col, ".".join(str(k) for k in keys) or None)


def _str_list(path: Path, keys: list, value) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _schema(path, keys, "应为非空文字的列表")
    return [v.strip() for v in value]


def _phrases(path: Path, keys: list, value, default_kind: str | None) -> list[list[tuple[str, str]]]:
    out = []
    for i, text in enumerate(_str_list(path, keys, value)):
        try:
            out.append(parse_phrase(text, default_kind))
        except ValueError as exc:
            raise _schema(path, keys + [i], str(exc)) from None
    return out


def _mapping(path: Path, keys: list, value) -> dict:
    if not isinstance(value, dict):
        raise _schema(path, keys, "应为键值表")
    return value


def compile_lexicon(data, path: Path) -> dict:
    """Validate the parsed YAML and turn it into plain, marshal-able data."""
    data = _mapping(path, [], data)
    for key in data:
        if key not in ("classes", "adverbs", "heads", "frames", "topics", "fallback", "passages",
                       "place_abbreviations"):
            raise _schema(path, [key], "未知的顶层键；可用：classes、adverbs、heads、frames、topics、"
                                       "fallback、passages、place_abbreviations")
    classes = {}
    for name, body in _mapping(path, ["classes"], data.get("classes")).items():
        body = _mapping(path, ["classes", name], body)
        for k in body:
            if k not in ("verbs", "predicates", "short"):
                raise _schema(path, ["classes", name, k], "未知的键；可用：verbs、predicates、short")
        classes[name] = {
            "verbs": _str_list(path, ["classes", name, "verbs"], body.get("verbs")),
            "predicates": _phrases(path, ["classes", name, "predicates"], body.get("predicates"), None),
            "short": _phrases(path, ["classes", name, "short"], body.get("short"), None),
        }
        if not classes[name]["verbs"]:
            raise _schema(path, ["classes", name, "verbs"], "至少要有一个动词")
    adverbs = {str(k): _str_list(path, ["adverbs", k], v)
               for k, v in _mapping(path, ["adverbs"], data.get("adverbs")).items()}
    heads = {}
    for head, body in _mapping(path, ["heads"], data.get("heads")).items():
        verbs = preds = None
        if isinstance(body, str):
            cls = body
        else:
            body = _mapping(path, ["heads", head], body)
            for k in body:
                if k not in ("class", "verbs", "predicates"):
                    raise _schema(path, ["heads", head, k], "未知的键；可用：class、verbs、predicates")
            cls = body.get("class")
            verbs = _str_list(path, ["heads", head, "verbs"], body.get("verbs")) or None
            preds = _phrases(path, ["heads", head, "predicates"], body.get("predicates"), None) or None
        if cls not in classes:
            raise _schema(path, ["heads", head], f"类“{cls}”不在 classes 中")
        c = classes[cls]
        heads[str(head)] = (cls, verbs or c["verbs"], preds or c["predicates"], c["short"])
    frames = {str(k): _str_list(path, ["frames", k], v)
              for k, v in _mapping(path, ["frames"], data.get("frames")).items()}

    def theme_block(keys: list, raw) -> dict:
        out = {}
        for name, body in _mapping(path, keys, raw).items():
            body = _mapping(path, keys + [name], body)
            for k in body:
                if k not in ("nouns", "facts"):
                    raise _schema(path, keys + [name, k], "未知的键；可用：nouns、facts")
            nouns = _phrases(path, keys + [name, "nouns"], body.get("nouns"), "N")
            for i, words in enumerate(nouns):
                head = [w for w in words if w[0] != "@"][-1][0]
                if _FALLBACK_MARK not in head and head not in heads:
                    raise _schema(path, keys + [name, "nouns", i], f"中心词“{head}”不在 heads 中")
            facts = _str_list(path, keys + [name, "facts"], body.get("facts"))
            if not nouns or not facts:
                raise _schema(path, keys + [name], "nouns 和 facts 都不能为空")
            out[str(name)] = {"nouns": nouns, "facts": facts}
        return out

    def principles(keys: list, raw) -> list:
        # A principle (人才优先) follows 坚持/突出 unless it lists its own verbs.
        out = _phrases(path, keys, raw, "N")
        return [words if words[-1][0] == "@" else words + [("@", list(PRINCIPLE_VERBS))]
                for words in out]

    topics = {}
    for key, body in _mapping(path, ["topics"], data.get("topics")).items():
        body = _mapping(path, ["topics", key], body)
        for k in body:
            if k not in ("aliases", "related", "themes", "principles"):
                raise _schema(path, ["topics", key, k], "未知的键；可用：aliases、related、themes、principles")
        topics[str(key)] = {
            "aliases": _str_list(path, ["topics", key, "aliases"], body.get("aliases")),
            "related": _str_list(path, ["topics", key, "related"], body.get("related")),
            "themes": theme_block(["topics", key, "themes"], body.get("themes")),
            "principles": principles(["topics", key, "principles"], body.get("principles")),
        }
        if len(topics[str(key)]["themes"]) < 2:
            raise _schema(path, ["topics", key, "themes"], "至少要有 2 个分节主题")
    fb = _mapping(path, ["fallback"], data.get("fallback"))
    fallback = {
        "aliases": _str_list(path, ["fallback", "aliases"], fb.get("aliases")),
        "related": _str_list(path, ["fallback", "related"], fb.get("related")),
        "themes": theme_block(["fallback", "themes"], fb.get("themes")),
        "principles": principles(["fallback", "principles"], fb.get("principles")),
    }
    passages = {}
    raw = _mapping(path, ["passages"], data.get("passages"))
    for key in ("opening_frames", "closing_frames"):
        frames_ = _str_list(path, ["passages", key], raw.get(key))
        if not frames_:
            raise _schema(path, ["passages", key], "至少要有一个句式")
        for i, text in enumerate(frames_):
            bad = [m for m in re.findall(r"\{([^}]*)\}", text) if m not in PASSAGE_SLOTS]
            if bad:
                raise _schema(path, ["passages", key, i], f"不认识的槽“{{{bad[0]}}}”；可用：" +
                              "、".join("{" + s + "}" for s in PASSAGE_SLOTS))
        passages[key] = frames_
    for key in raw:
        if key not in passages:
            raise _schema(path, ["passages", key], "未知的键；可用：opening_frames、closing_frames")
    abbreviations = _str_list(path, ["place_abbreviations"], data.get("place_abbreviations"))
    for i, a in enumerate(abbreviations):
        if len(a) != 1:
            raise _schema(path, ["place_abbreviations", i], "简称应为单字")
    return {"heads": heads, "adverbs": adverbs, "frames": frames, "topics": topics,
            "fallback": fallback, "passages": passages, "abbreviations": abbreviations}


def _read_yaml(path: Path):
    return load_yaml(path, LexiconError, LexiconYamlError, what="主题词表")


def _cache_path(path: Path) -> Path | None:
    # The package's own data folder when writable (cheap to check), else the user's cache.
    local = path.parent / ".cache"
    if local.is_dir() and os.access(local, os.W_OK):
        return local / (path.stem + ".marshal")
    try:
        from writer.io.paths import cache_dir
        return cache_dir(path.parent) / (path.stem + ".marshal")
    except OSError:
        return None


def _build(compiled: dict, path: Path) -> Lexicon:
    return Lexicon(heads=_Heads(compiled["heads"]), adverbs=compiled["adverbs"], frames=compiled["frames"],
                   topics=compiled["topics"], passages=compiled["passages"],
                   abbreviations=compiled["abbreviations"],
                   fallback=compiled["fallback"], path=str(path))


_LOADED: dict[str, Lexicon] = {}


def load_lexicon(path: str | Path | None = None, use_cache: bool = True) -> Lexicon:
    """The topic lexicon (the shipped one by default), from its marshal cache when fresh."""
    path = Path(path) if path is not None else LEXICON_FILE
    memo = _LOADED.get(str(path))
    if memo is not None and use_cache:
        return memo
    try:
        st = path.stat()
    except OSError:
        raise LexiconError("主题词表不存在", path) from None
    key = (_CACHE_FORMAT, str(path), st.st_mtime_ns, st.st_size)
    cache = _cache_path(path) if use_cache else None
    compiled = cachefile.load(cache, key)
    if compiled is None:  # no cache, a stale or a broken one
        compiled = compile_lexicon(_read_yaml(path), path)
        cachefile.store(cache, key, compiled)
    lexicon = _build(compiled, path)
    _LOADED[str(path)] = lexicon
    return lexicon
