"""The content hash of a release table, whole or streamed column by column.

A table's content hash is the sha256 of its Arrow IPC stream (schema, one record batch, end
marker): it does not depend on Parquet encoding, so a library upgrade that changes file bytes
alone does not make a new release. `content_sha256` writes that stream for a table in memory.
`streamed_sha256` gives the same hash for a table too big to hold, read as a sequence of chunks
in table order: it writes the batch's header itself (the template of a one-row batch of the same
schema with the totals patched in: the header's numbers sit at fixed places) and then each
buffer of the one big batch, column after column, from the chunks (offsets rebased, bits
repacked across chunk boundaries). Example: a million-row documents table hashes in chunks of
ten thousand rows, and the hash equals the one of the whole table.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable, Iterable, Iterator

import numpy as np
import pyarrow as pa

END_OF_STREAM = b"\xff\xff\xff\xff\x00\x00\x00\x00"
ColumnChunks = Callable[[], Iterable[pa.Array]]


def content_sha256(table: pa.Table) -> str:
    """sha256 of the table's Arrow IPC stream, written as one record batch."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table.combine_chunks())
    return hashlib.sha256(sink.getvalue().to_pybytes()).hexdigest()


def _u32(data: bytes, at: int) -> int:
    return struct.unpack_from("<I", data, at)[0]


def _field(data: bytes, table: int, index: int) -> int | None:
    """Where field `index` of the flatbuffer table at `table` is stored (None when absent)."""
    vtable = table - struct.unpack_from("<i", data, table)[0]
    size = struct.unpack_from("<H", data, vtable)[0]
    if 4 + 2 * index >= size:
        return None
    offset = struct.unpack_from("<H", data, vtable + 4 + 2 * index)[0]
    return table + offset if offset else None


def _deref(data: bytes, at: int | None) -> int:
    if at is None:
        raise ValueError("a record batch header without the field the hash patches")
    return at + _u32(data, at)


class _Header:
    """A record batch message of `schema` with its numbers patchable: the flatbuffer of a
    one-row template batch (every field present), and where its length, body length, field
    nodes and buffers sit."""

    def __init__(self, schema: pa.Schema) -> None:
        template = pa.RecordBatch.from_arrays([_template_array(f.type) for f in schema],
                                              schema=schema)
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, schema) as writer:
            writer.write_batch(template)
        data = sink.getvalue().to_pybytes()
        end = 8 + struct.unpack_from("<i", data, 4)[0]
        self.schema_message = data[:end]
        size = struct.unpack_from("<i", data, end + 4)[0]
        self.prefix = data[end:end + 8]
        self.flatbuffer = data[end + 8:end + 8 + size]
        fb = self.flatbuffer
        root = _u32(fb, 0)
        self.body_length_at = _field(fb, root, 3)
        batch = _deref(fb, _field(fb, root, 2))
        self.length_at = _field(fb, batch, 0)
        nodes, buffers = _deref(fb, _field(fb, batch, 1)), _deref(fb, _field(fb, batch, 2))
        self.nodes, self.nodes_at = _u32(fb, nodes), nodes + 4
        self.buffers, self.buffers_at = _u32(fb, buffers), buffers + 4
        if self.body_length_at is None or self.length_at is None:
            raise ValueError("template record batch without length or body length")

    def message(self, rows: int, nodes: list[tuple[int, int]],
                buffers: list[tuple[int, int]], body_length: int) -> bytes:
        if len(nodes) != self.nodes or len(buffers) != self.buffers:
            raise ValueError("the streamed columns do not match the schema's buffers")
        fb = bytearray(self.flatbuffer)
        struct.pack_into("<q", fb, self.length_at, rows)
        struct.pack_into("<q", fb, self.body_length_at, body_length)
        for i, node in enumerate(nodes):
            struct.pack_into("<qq", fb, self.nodes_at + 16 * i, *node)
        for i, buffer in enumerate(buffers):
            struct.pack_into("<qq", fb, self.buffers_at + 16 * i, *buffer)
        return self.prefix + bytes(fb)


def _template_value(t: pa.DataType) -> object:
    if pa.types.is_string(t):
        return "x"
    if pa.types.is_boolean(t):
        return True
    if pa.types.is_integer(t):
        return 1
    if pa.types.is_floating(t):
        return 1.0
    raise NotImplementedError(f"streamed content hash of a {t} column")


def _template_array(t: pa.DataType) -> pa.Array:
    if pa.types.is_list(t):
        return pa.array([[_template_value(t.value_type)], None], t)
    return pa.array([_template_value(t), None], t)


def _slots(t: pa.DataType, depth: int = 0) -> list[tuple[int, str | int]]:
    """(list depth, what) per field node and buffer of a column, in IPC order: "node",
    "validity", "offsets", "strings", "bits" or the byte width of fixed-width values."""
    out: list[tuple[int, str | int]] = [(depth, "node"), (depth, "validity")]
    if pa.types.is_list(t):
        return [*out, (depth, "offsets"), *_slots(t.value_type, depth + 1)]
    if pa.types.is_string(t):
        return [*out, (depth, "offsets"), (depth, "strings")]
    if pa.types.is_boolean(t):
        return [*out, (depth, "bits")]
    if pa.types.is_integer(t) or pa.types.is_floating(t):
        return [*out, (depth, t.bit_width // 8)]
    raise NotImplementedError(f"streamed content hash of a {t} column")


def _offsets(a: pa.Array) -> np.ndarray:
    return np.frombuffer(a.buffers()[1], np.int32)[a.offset:a.offset + len(a) + 1]


def _at_depth(a: pa.Array, depth: int) -> pa.Array:
    """The values `depth` list levels below chunk `a`, as far as its lists reach."""
    for _ in range(depth):
        offsets = _offsets(a) if len(a) else np.zeros(1, np.int32)
        a = a.values.slice(int(offsets[0]), int(offsets[-1]) - int(offsets[0]))
    return a


def _bits(buffer: pa.Buffer, offset: int, n: int) -> np.ndarray:
    if n == 0:
        return np.zeros(0, bool)
    raw = np.frombuffer(buffer, np.uint8, count=(offset + n + 7) // 8)
    return np.unpackbits(raw, bitorder="little")[offset:offset + n].astype(bool)


def _sizes(chunks: ColumnChunks, slots: list[tuple[int, str | int]]) -> list:
    """Per slot: (rows, nulls) for a node, the byte length for a buffer."""
    rows, nulls, strings = ([0] * len(slots) for _ in range(3))
    for chunk in chunks():
        for i, (depth, what) in enumerate(slots):
            if what == "node":
                a = _at_depth(chunk, depth)
                rows[i] += len(a)
                nulls[i] += a.null_count
            elif what == "strings" and len(a := _at_depth(chunk, depth)):
                offsets = _offsets(a)
                strings[i] += int(offsets[-1]) - int(offsets[0])
    out: list = []
    node = (0, 0)
    for i, (_, what) in enumerate(slots):
        if what == "node":
            node = (rows[i], nulls[i])
            out.append(node)
        elif what == "validity":
            out.append(-(-node[0] // 8) if node[1] else 0)
        elif what == "bits":
            out.append(-(-node[0] // 8))
        elif what == "offsets":
            out.append(4 * (node[0] + 1))
        elif what == "strings":
            out.append(strings[i])
        else:
            out.append(node[0] * int(what))
    return out


def _buffer_bytes(chunks: ColumnChunks, depth: int, what: str | int) -> Iterator[bytes]:
    """The bytes of one buffer of the whole column, chunk after chunk."""
    if what in ("validity", "bits"):
        carry = np.zeros(0, bool)
        for chunk in chunks():
            a = _at_depth(chunk, depth)
            if what == "bits":
                bits = _bits(a.buffers()[1], a.offset, len(a))
            elif a.null_count == 0:
                bits = np.ones(len(a), bool)
            else:
                bits = _bits(a.buffers()[0], a.offset, len(a))
            bits = np.concatenate([carry, bits])
            cut = len(bits) // 8 * 8
            yield np.packbits(bits[:cut], bitorder="little").tobytes()
            carry = bits[cut:]
        if len(carry):
            yield np.packbits(carry, bitorder="little").tobytes()
    elif what == "offsets":
        base, first = 0, True
        for chunk in chunks():
            a = _at_depth(chunk, depth)
            if not len(a):
                continue
            offsets = _offsets(a).astype(np.int64)
            rebased = offsets - offsets[0] + base
            yield (rebased if first else rebased[1:]).astype("<i4").tobytes()
            first, base = False, int(rebased[-1])
        if first:
            yield np.zeros(1, "<i4").tobytes()
    elif what == "strings":
        for chunk in chunks():
            a = _at_depth(chunk, depth)
            if len(a):
                offsets = _offsets(a)
                yield memoryview(a.buffers()[2])[int(offsets[0]):int(offsets[-1])].tobytes()
    else:
        width = int(what)
        for chunk in chunks():
            a = _at_depth(chunk, depth)
            yield memoryview(a.buffers()[1])[a.offset * width:(a.offset + len(a)) * width
                                             ].tobytes()


def streamed_sha256(schema: pa.Schema, columns: dict[str, ColumnChunks], rows: int) -> str:
    """`content_sha256` of the table whose column `name` is the chunks `columns[name]()`
    yields, in order (each call starts again from the first row); `rows` rows in all. Each
    column is read once for its sizes and once per buffer, a chunk at a time."""
    header = _Header(schema)
    nodes: list[tuple[int, int]] = []
    buffers: list[tuple[int, int]] = []
    plan: list[tuple[str, int, str | int, int]] = []
    position = 0
    for field in schema:
        slots = _slots(field.type)
        for (depth, what), size in zip(slots, _sizes(columns[field.name], slots), strict=True):
            if what == "node":
                nodes.append(size)
                continue
            buffers.append((position, size))
            plan.append((field.name, depth, what, size))
            position += -(-size // 8) * 8
    h = hashlib.sha256(header.schema_message)
    h.update(header.message(rows, nodes, buffers, position))
    for name, depth, what, size in plan:
        if size == 0:
            continue
        written = 0
        for piece in _buffer_bytes(columns[name], depth, what):
            written += len(piece)
            h.update(piece)
        if written != size:
            raise RuntimeError(f"column {name}: {written} bytes streamed, {size} expected")
        h.update(b"\0" * (-size % 8))
    h.update(END_OF_STREAM)
    return h.hexdigest()
