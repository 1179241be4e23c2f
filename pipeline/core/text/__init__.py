"""Shared text tools: spans, sentence splitting and content-derived ids.

Used by more than one stage; nothing here knows about quotes, figures or facts.
"""

from pipeline.core.text.ids import sha256_bytes, stable_id
from pipeline.core.text.spans import count_words, paragraph_spans, sentence_spans

__all__ = ["count_words", "paragraph_spans", "sentence_spans", "sha256_bytes", "stable_id"]
