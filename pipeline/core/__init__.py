"""Pure text processing: ingesting, cleaning, quotes, figures, facts. Never imports Dagster."""
