"""jieba's segmentation of one run of Chinese characters without the HMM, computed in one loop.

jieba cuts a block by building a DAG of dictionary words (a dict of lists),
then scoring every edge with ``log(freq) - log(total)`` in a generator inside
``max``, then walking the best route. This does the same arithmetic in one
backward loop over the block, with each fragment's score looked up once and
kept: about twice as fast, and the same words, because every float is
computed by the same operations in the same order and ties go to the longer
word as ``max`` over ``(score, end)`` tuples does (tested against jieba on
the seed and on generated text).
"""

from __future__ import annotations

from math import log
from sys import intern

# jieba glues runs of single ASCII letters and digits back together (its re_eng).
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
# Dead ends remembered (about 40 bytes each, the characters interned): a few hundred thousand on the
# 84 MB corpora; past the cap they are looked up in the dictionary again, with the same words.
MAX_DEAD_ENDS = 1_000_000


class BlockCutter:
    """``cut(block)`` → the words ``jieba.dt._Tokenizer__cut_DAG_NO_HMM(block)`` yields
    (``with_hmm``: those of ``__cut_DAG``).

    Built on the dictionary as it stands (after writer's own words are added);
    ``trie`` caches, character by character, each fragment met → (log-probability,
    None for a prefix that is not a word; its children), so its nodes are at most
    the dictionary's entries, and up to MAX_DEAD_ENDS fragments that begin no word.
    """

    def __init__(self, freq: dict[str, int], total: int):
        self.freq = freq
        self.logtotal = log(total)
        self.trie: dict = {}
        self.room = MAX_DEAD_ENDS

    def forget(self) -> None:
        """Drop the cached fragments (pass 1 is over: later stages cut a few short texts, and the
        trie of a large corpus, tens of megabytes, would sit under pass 2's tables)."""
        self.trie = {}
        self.room = MAX_DEAD_ENDS

    def __call__(self, block: str) -> list[str]:
        return self._words(block, self._route(block))

    def with_hmm(self, block: str, guess) -> list[str]:
        """What jieba's ``__cut_DAG`` yields: runs of single characters that are not a
        dictionary word go to ``guess`` (jieba's ``finalseg.cut``, the HMM)."""
        end = self._route(block)
        freq = self.freq
        out: list[str] = []
        x, n, buf = 0, len(block), ""
        while x < n:
            y = end[x]
            if y - x == 1:
                buf += block[x]
            else:
                if buf:
                    self._flush(buf, freq, guess, out)
                    buf = ""
                out.append(block[x:y])
            x = y
        if buf:
            self._flush(buf, freq, guess, out)
        return out

    @staticmethod
    def _flush(buf: str, freq: dict[str, int], guess, out: list[str]) -> None:
        if len(buf) == 1:
            out.append(buf)
        elif not freq.get(buf):
            out.extend(guess(buf))
        else:
            out.extend(buf)

    def _route(self, block: str) -> list[int]:
        """end[k]: where the best word starting at k ends (exclusive), by jieba's scores.

        Words starting at k are walked down ``self.trie`` one character at a time
        (each node: the fragment's log-probability or None, and its children);
        a fragment that begins no dictionary word is remembered as a dead end
        (False) while ``self.room`` lasts, so most walks end on a dictionary
        lookup of one character instead of a slice and two lookups.
        """
        freq, logtotal, root = self.freq, self.logtotal, self.trie
        miss = 0.0 - logtotal  # a character that is not a word: log(1) - log(total)
        n = len(block)
        chars = list(block)
        score = [0.0] * (n + 1)
        end = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            best, stop = miss + score[k + 1], -1
            node, i = root, k
            while True:
                ch = chars[i]
                child = node.get(ch)
                if child is None:
                    f = freq.get(block[k:i + 1])
                    if f is None:  # no dictionary word starts with this fragment
                        if self.room:
                            node[intern(ch)] = False
                            self.room -= 1
                        break
                    child = node[intern(ch)] = ((log(f) - logtotal) if f else None, {})
                elif child is False:
                    break
                i += 1
                lp = child[0]
                if lp is not None:
                    v = lp + score[i]
                    if stop < 0 or v >= best:  # >=: on a tie the longer word, as max() over tuples
                        best, stop = v, i
                if i >= n:
                    break
                node = child[1]
            score[k] = best
            end[k] = stop if stop >= 0 else k + 1
        return end

    @staticmethod
    def _words(block: str, end: list[int]) -> list[str]:
        out: list[str] = []
        x, n, buf = 0, len(block), ""
        while x < n:
            y = end[x]
            if y == x + 1 and block[x] in _ALNUM:
                buf += block[x]
            else:
                if buf:
                    out.append(buf)
                    buf = ""
                out.append(block[x:y])
            x = y
        if buf:
            out.append(buf)
        return out
