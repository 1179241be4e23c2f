"""The streamed content hash equals the hash of the whole table's IPC stream."""

from __future__ import annotations

import random

import pyarrow as pa
import pytest

from pipeline.content_hash import content_sha256, streamed_sha256
from pipeline.store import canonical_order
from schemas import ARROW_SCHEMAS


def _value(rng: random.Random, t: pa.DataType, nullable: bool = True) -> object:
    if nullable and rng.random() < 0.2:
        return None
    if pa.types.is_list(t):
        return [_value(rng, t.value_type, False) for _ in range(rng.choice([0, 0, 1, 3]))]
    if pa.types.is_string(t):
        return "".join(rng.choice("abcé€ ") for _ in range(rng.randint(0, 7)))
    if pa.types.is_boolean(t):
        return rng.random() < 0.5
    if pa.types.is_integer(t):
        return rng.randint(-5, 10**6)
    return rng.random()


def _table(rng: random.Random, name: str, n: int) -> pa.Table:
    schema = ARROW_SCHEMAS[name]
    empty_lists = rng.random() < 0.2
    columns = {}
    for f in schema:
        if pa.types.is_list(f.type) and empty_lists:
            columns[f.name] = [[] for _ in range(n)]
        else:
            nulls = rng.random() < 0.7
            columns[f.name] = [_value(rng, f.type, nulls) for _ in range(n)]
    return canonical_order(name, pa.table(columns, schema=schema))


@pytest.mark.parametrize("name", list(ARROW_SCHEMAS))
def test_streamed_hash_of_chunks_equals_the_whole_tables(name: str) -> None:
    rng = random.Random(name)
    for _ in range(12):
        n = rng.randint(2, 200)
        table = _table(rng, name, n)
        cuts = sorted(rng.sample(range(1, n), min(n - 1, rng.randint(0, 6))))
        bounds = [0, *cuts, n]
        pieces = [table.slice(a, b - a) for a, b in zip(bounds, bounds[1:], strict=False)]
        pieces = [p.combine_chunks() if rng.random() < 0.5 else p for p in pieces]
        columns = {f: (lambda f=f, pieces=pieces: (c for p in pieces for c in p.column(f).chunks))
                   for f in table.column_names}
        assert streamed_sha256(table.schema, columns, n) == content_sha256(table)
