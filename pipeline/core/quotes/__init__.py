"""The quotes stage: quotations, their speakers, cues and venues.

Quotation extraction: the quoted words, who said them, the reporting verb and where.

How it works, per article:

1. `quote_marks.find_quote_spans` pairs quote marks paragraph by paragraph (nested single
   quotes stay inside, unbalanced marks close at the paragraph end, multi-paragraph quotations
   are chained).
2. Each paragraph with quotations is "masked": the words inside quotation marks become
   underscores (same length), so sentence splitting and attribution parsing only ever see the
   writer's own words.
3. Each span is judged: programme/book titles and one-or-two-word scare quotes are dropped;
   the rest is a direct quotation or a fragment woven into the writer's sentence.
4. Attribution is read after the quote (`,” Okafor said.`, `,” said spokesperson Lena Ortiz.`)
   or before it (`Patel said: “`), then borrowed from a neighbour when the quote has none:
   the other half of a split quote, the previous quote of the paragraph, the paragraph before
   a continuation, a paragraph ending in a colon.
5. `speaker_index.DocumentIndex` (built once per article: people, roles, organisations and
   their mentions) is queried by `speaker_resolver.SpeakerResolver`, which turns the mention
   into a canonical name ("he" -> "Grace Okafor", "the finance minister" -> "Grace Okafor",
   "the ministry" -> "the Interior Ministry").

Modules: `lexicon` (word lists), `marks` (pairing quote marks), `model` (the `Quote` row and
tokens), `masking`, `attribution`, `venues`, `judging`, `resolution`, `speakers` (rules for
reading names, `Person`, `Occurrence`), `speaker_index` (the per-document index),
`speaker_resolver` (mention -> speaker), `transcripts`, `extract` (the extractor).
"""

from pipeline.core.quotes.extract import extract_quotes
from pipeline.core.quotes.model import QUOTES_VERSION, Quote

__all__ = ["QUOTES_VERSION", "Quote", "extract_quotes"]
