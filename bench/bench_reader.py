"""Reading and structuring the provincial corpus vs jieba segmenting the same text.

Issue 2 asks that structuring take at most a quarter of jieba.lcut's time on
the same text, measured in one run, and peak memory under 1 GB.

    python bench/bench_reader.py [CORPUS_DIR]
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from writer.corpus.reader import read_corpus

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "gov-reports-provincial"


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not root.is_dir():
        sys.exit(f"corpus not found: {root}")
    files = sorted(root.rglob("*.md"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    size = sum(len(t.encode("utf-8")) for t in texts)

    t0 = time.perf_counter()
    corpus = read_corpus([root])
    t_read = time.perf_counter() - t0
    rss_read = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    import jieba
    jieba.setLogLevel(60)
    jieba.initialize()
    t0 = time.perf_counter()
    tokens = 0
    for text in texts:
        tokens += len(jieba.lcut(text))
    t_jieba = time.perf_counter() - t0

    print(f"corpus: {len(files)} files, {size / 1e6:.1f} MB, {len(corpus.documents)} documents")
    print(f"read+structure: {t_read:.2f} s   jieba.lcut: {t_jieba:.2f} s ({tokens} tokens)")
    print(f"ratio read/jieba = {t_read / t_jieba:.3f}  (must be <= 0.25)")
    print(f"peak RSS after reading: {rss_read:.0f} MB (must be < 1024 MB)")


if __name__ == "__main__":
    main()
