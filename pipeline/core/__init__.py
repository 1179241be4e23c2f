"""Pure text processing, one package per stage. Never imports Dagster.

`text` (shared spans, sentences, ids), `documents` (inbox to cleaned articles, duplicates),
`quotes`, `figures`, `facts`; `frames` is the pandas boundary the orchestration layer calls.
"""
