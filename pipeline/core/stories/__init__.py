"""The stories stage: documents grouped into the events they report (see docs/stories.md).

Modules: `lexicon` (what must not decide: openers, titles, generic news words; feature
weights), `features` (names, quoted words, numbers, rare terms per document), `cluster`
(rarity-weighted vectors, candidate stories from an index, incremental assignment).
"""

from pipeline.core.stories.cluster import (
    DOCUMENT_STORY_COLUMNS,
    STORIES_VERSION,
    STORY_COLUMNS,
    StoriesResult,
    find_stories,
)
from pipeline.core.stories.features import document_features

__all__ = ["DOCUMENT_STORY_COLUMNS", "STORIES_VERSION", "STORY_COLUMNS", "StoriesResult",
           "document_features", "find_stories"]
