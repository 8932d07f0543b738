"""The ``copy`` check kind: a run of characters identical to a passage of the bank's corpus."""

from __future__ import annotations

from functools import lru_cache

from writer.check.copyindex import Normalised
from writer.check.kinds.base import Check, CheckParams, fmt, param
from writer.check.rulecache import own_pattern
from writer.check.schema import record

COPY_FIELDS = ("chars", "title", "id", "docs")


@record(kw_only=True, repr=False, eq=False)
class CopyParams(CheckParams):
    # 19: below it the sampled index cannot promise to find a run (writer.check.copyindex).
    min_chars: int = param(20, tunable=True, minimum=19)
    # A run held by this many documents is a stock formula, not a copy.
    common_docs: int = param(2, tunable=True, minimum=2)
    exempt: list[str] | None = param(None, check="sources")
    # Common wording, judged against the shipped reference (1,600 government work reports,
    # writer.bank.reference): a clause of a run found in this many of its reports is stock
    # phrasing (深入推进扫黑除恶专项斗争), and a run with fewer than ``min_chars`` characters
    # outside such clauses is no copy. 0: not asked. The reference is read only when a run is found.
    reference_reports: int = param(0, tunable=True, minimum=0)
    message: str = param("连续 {chars} 字与《{title}》相同", check="template", fields=COPY_FIELDS)
    suggestion: str | None = param(None, check="template", fields=COPY_FIELDS)


class Copy(Check):
    """A run of characters identical to a passage of the bank's corpus."""

    kind = "copy"
    Params = CopyParams

    def phrase_set(self, ctx, accept):
        if not hasattr(self, "_phrases"):
            self._phrases = frozenset(p for p in self.resolve(self.params["exempt"], ctx) | set(accept) if p)
        return self._phrases

    def run(self, draft, ctx, emit, accept):
        corpus = ctx.corpus
        if corpus is None or not len(corpus):
            return
        exempt = self.phrase_set(ctx, accept)
        holes = [(s, e) for s, e, _ in draft.phrase_hits(exempt)] if exempt else []
        # Compare only paragraphs this rule may see, with exempt phrases cut out.
        spans: list[tuple[int, int]] = []
        k = 0
        for paragraph in draft.paragraphs:
            if not paragraph.allows(self.rule_id):
                continue
            pos = paragraph.start
            while k < len(holes) and holes[k][1] <= pos:
                k += 1
            j = k
            while j < len(holes) and holes[j][0] < paragraph.end:
                if holes[j][0] > pos:
                    spans.append((pos, holes[j][0]))
                pos = max(pos, holes[j][1])
                j += 1
            if pos < paragraph.end:
                spans.append((pos, paragraph.end))
        norm = Normalised(draft.text, spans)
        del spans, holes      # a long draft's spans are many small objects: not kept during the search
        for run in corpus.find_runs(norm.text, self.params["min_chars"], self.params["common_docs"]):
            if run.docs >= self.params["common_docs"]:
                continue
            if self._stock(norm.text[run.start:run.end], ctx):
                continue
            doc_id, title = corpus.docs[run.doc]
            values = dict(chars=run.end - run.start, title=title, id=doc_id, docs=run.docs)
            emit(norm.offset(run.start), norm.offset(run.end - 1) + 1, fmt(self.params["message"], **values),
                 fmt(self.params["suggestion"], **values))

    def _stock(self, run: str, ctx) -> bool:
        """Whether ``run`` is common wording: fewer than ``min_chars`` of its characters lie
        outside clauses the reference finds in ``reference_reports`` reports.

        Longest clauses first, stopping as soon as the answer is known: a copy's own long
        clause usually decides it with one lookup (each lookup may inflate an index block)."""
        least, limit = self.params["reference_reports"], self.params["min_chars"]
        if not least:
            return False
        clauses = sorted((c for c in _CLAUSE.findall(run) if len(c) > _SHORT), key=len, reverse=True)
        left = sum(map(len, clauses))
        if left < limit:
            return True
        reference = getattr(ctx, "reference", None) or shipped_reference()
        if reference is None:
            return False
        own = 0
        for clause in clauses:
            if own + left < limit:
                return True
            left -= len(clause)
            if not _common(reference, clause, least):
                own += len(clause)
                if own >= limit:
                    return False
        return own < limit


_CLAUSE = own_pattern(r"\w+")
# The reference indexes strings of up to this many characters; a longer clause is common
# when each of its windows of this length, overlapping by half, is.
_WINDOW = 12


# A piece this short between marks (幸福感、安全感) is no wording of its own.
_SHORT = 3


def _common(reference, clause: str, least: int) -> bool:
    starts = range(0, max(1, len(clause) - _WINDOW // 2), _WINDOW // 2) if len(clause) > _WINDOW else [0]
    for i in starts:
        use = reference.lookup(clause[i:i + _WINDOW])
        if use is None or use.reports < least:
            return False
    return True


@lru_cache(maxsize=1)
def shipped_reference():
    """The shipped reference's report counts, loaded on the first run that asks; None when it is absent."""
    from writer.bank.errors import ReferenceMissingError
    from writer.bank.reference import load_report_counts   # the indexes only, not the manifest

    try:
        return load_report_counts()
    except ReferenceMissingError:
        return None
