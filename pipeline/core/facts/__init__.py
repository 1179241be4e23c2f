"""The facts stage: each statement once, with every document that states it and real conflicts.

Modules: `build` (facts and fact_mentions frames, stable ids), `speakers` (one canonical
name per person; the speakers table), `lexicon` (titles before names), `quote_clusters`,
`figure_clusters`, `blocking` (candidate pairs from rare keys, never all pairs), `wording`
(folding, stems and stop words for matching), `incremental` (recompute only what changed).
"""

from pipeline.core.facts.build import (
    FACT_COLUMNS,
    FACTS_VERSION,
    MENTION_COLUMNS,
    assign_fact_ids,
    build_facts,
    build_speakers,
    document_roots,
)
from pipeline.core.facts.incremental import (
    KEY_COLUMNS,
    STATE_COLUMNS,
    FactsBuild,
    StoredFacts,
    build_facts_incremental,
)
from pipeline.core.facts.speakers import SPEAKER_COLUMNS, canonical_speakers, parse_name

__all__ = [
    "FACTS_VERSION", "FACT_COLUMNS", "KEY_COLUMNS", "MENTION_COLUMNS", "SPEAKER_COLUMNS",
    "STATE_COLUMNS", "FactsBuild", "StoredFacts", "assign_fact_ids", "build_facts",
    "build_facts_incremental", "build_speakers", "canonical_speakers", "document_roots",
    "parse_name",
]
