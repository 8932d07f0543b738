"""The ``copy`` check kind: a run of characters identical to a passage of the bank's corpus."""

from __future__ import annotations


from writer.check.copyindex import Normalised
from writer.check.kinds.base import Check, CheckParams, fmt, param
from writer.check.schema import record

COPY_FIELDS = ("chars", "title", "id", "docs")


@record(kw_only=True, repr=False, eq=False)
class CopyParams(CheckParams):
    # 19: below it the sampled index cannot promise to find a run (writer.check.copyindex).
    min_chars: int = param(20, tunable=True, minimum=19)
    # A run held by this many documents is a stock formula, not a copy.
    common_docs: int = param(2, tunable=True, minimum=2)
    exempt: list[str] | None = param(None, check="sources")
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
            doc_id, title = corpus.docs[run.doc]
            values = dict(chars=run.end - run.start, title=title, id=doc_id, docs=run.docs)
            emit(norm.offset(run.start), norm.offset(run.end - 1) + 1, fmt(self.params["message"], **values),
                 fmt(self.params["suggestion"], **values))
