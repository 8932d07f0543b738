"""Generated headings: a bank heading pattern filled with a topic's words.

How a pattern is filled (the rules a practised writer follows, made explicit):

* The mined heading behind the pattern is read clause by clause. A clause is
  either verb-object (``[adverb] verb + noun phrase``: 全力夯实法治建设根基) or
  subject-predicate (``noun phrase + predicate``: 社会保障水平显著提高). Words
  are recognised with the topic lexicon (writer.bank.lexicon);
  where it does not know a word, the bank's slot letter (V/N/A) decides.
* The noun phrase is replaced by a noun phrase of the section's theme whose
  words have the same lengths as the slots they fill (a two-character noun for
  ``{N2}``…); frame words inside it (建设 in ``{N2}建设{N2}``) must be matched
  exactly, so they are kept.
* The clause's verb (or predicate) becomes one that the new noun phrase's head
  takes (队伍 → 建强/锻造/壮大; 环境 → 优化/营造), of the same length; the
  original one is kept when the new head takes it. Adverbs likewise.
* A result is rejected when it holds a digit, a source document's name, a
  doubled word (人才人才) or the same word twice in one clause.

Modules: records (tokens, clause readings, templates, results) · analysis (reading a
mined heading) · compiled (a bank's templates, cached) · fill (filling one template) ·
sets (a parallel set, or many headings for suggest). Nothing here imports jieba or
yaml (the lexicon and word lists come from their marshal caches).
"""

from writer.compose.headings.records import GeneratedHeading
from writer.compose.headings.sets import (STYLES, HeadingStyleError, NoPatternError, generate, heading_set,
                                          pattern_matches)

__all__ = ["STYLES", "GeneratedHeading", "HeadingStyleError", "NoPatternError", "generate", "heading_set",
           "pattern_matches"]
