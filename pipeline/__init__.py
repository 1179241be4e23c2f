"""newsfacts: news articles in, a versioned dataset of quotes, figures and facts out.

`pipeline.core` holds the pure text work (no Dagster); the other modules wire it into
Dagster assets, storage and releases.
"""
