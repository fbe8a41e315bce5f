"""Batch writes on the wire: objects and references as gRPC messages, and the one-call ops.

`encode_object` and `reference_message` are what both batchers send; `insert_many`,
`add_references` and `delete_many` are whole `BatchObjects` / `BatchReferences` /
`BatchDelete` calls for `collection.data`. Uuids are checked (`check_uuid`) or drawn from a
cheap random pool (`random_uuid`).
"""

from __future__ import annotations

import os
import struct
import threading
import time
from collections.abc import Sequence
from uuid import UUID

from wvorm_core._ops.calls import Op, grpc
from wvorm_core._ops.decode import known_uuid
from wvorm_core._ops.encode import as_mapping, batch_object, object_head
from wvorm_core._ops.filters import compile_filter
from wvorm_core._ops.wire import VARINT, tag
from wvorm_core.classes.config import ConsistencyLevel
from wvorm_core.classes.data import DataObject, DataReferences, ReferenceInputs, Vectors
from wvorm_core.classes.filters import FilterExpression
from wvorm_core.exceptions import WeaviateInsertInvalidPropertyError, WeaviateInvalidInputError
from wvorm_core.outputs.batch import (
    BatchObject,
    BatchObjectReturn,
    BatchReference,
    BatchReferenceReturn,
    ErrorObject,
    ErrorReference,
)
from wvorm_core.outputs.data import DeleteManyObject, DeleteManyReturn
from wvorm_core.proto.v1 import base_pb2, batch_delete_pb2, batch_pb2

SERVICE = "weaviate.v1.Weaviate"
_CONSISTENCY_KEY = tag(2, 0)


_random = threading.local()
_POOL = 256
_TEXT_WIDTH = 37
"""A uuid's canonical text and a separating space."""
_HALVES = struct.Struct(f">{2 * _POOL}Q")
_VERSION_4 = bytes(b & 0x0F | 0x40 for b in range(256))
_VARIANT_RFC_4122 = bytes(b & 0x3F | 0x80 for b in range(256))
_HIGH_NIBBLE = bytes(b >> 4 for b in range(256))
_LOW_NIBBLE = bytes(b & 0x0F for b in range(256))
_HEX_DIGIT = b"0123456789abcdef-" + b" " * 239
"""Nibble -> its hex digit; 16 -> the dash, 17 -> the space."""
_DASHES = (8, 13, 18, 23)
_DIGITS = [2 * i + sum(i >= d for d in (4, 6, 8, 10)) for i in range(16)]
"""Byte `i` of a uuid -> where its high hex digit is in the text."""


def _random_uuids() -> list[tuple[str, UUID]]:
    """Random (version 4) uuids, as text and as `UUID`s, from one read of the OS's source.

    The texts are written for the whole pool at once, by strided slices over the random bytes'
    nibbles, then one translation to hex digits."""
    data = bytearray(os.urandom(16 * _POOL))
    data[6::16] = data[6::16].translate(_VERSION_4)
    data[8::16] = data[8::16].translate(_VARIANT_RFC_4122)
    high, low = data.translate(_HIGH_NIBBLE), data.translate(_LOW_NIBBLE)
    text = bytearray([17]) * (_TEXT_WIDTH * _POOL)
    for position in _DASHES:
        text[position::_TEXT_WIDTH] = b"\x10" * _POOL
    for byte, position in enumerate(_DIGITS):
        text[position::_TEXT_WIDTH] = high[byte::16]
        text[position + 1 :: _TEXT_WIDTH] = low[byte::16]
    texts = text.translate(_HEX_DIGIT).decode().split()
    halves = _HALVES.unpack(data)
    return [(t, known_uuid(halves[2 * i] << 64 | halves[2 * i + 1])) for i, t in enumerate(texts)]


def random_uuid() -> tuple[str, UUID]:
    """A random (version 4) uuid, as text and as a `UUID`, cheaper than `uuid4()`."""
    try:
        return _random.pool.pop()  # type: ignore[no-any-return]
    except (AttributeError, IndexError):
        _random.pool = _random_uuids()
        return _random.pool.pop()  # type: ignore[no-any-return]


def check_uuid(value: object, where: str) -> tuple[str, UUID]:
    """A given uuid as text and as a `UUID`; anything else is refused naming `where`."""
    if isinstance(value, UUID):
        return str(value), value
    try:
        ident = UUID(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, AttributeError):
        raise WeaviateInvalidInputError(f"{where}: {value!r} is not a uuid") from None
    return str(ident), ident


def consistency(level: ConsistencyLevel | None) -> base_pb2.ConsistencyLevel.ValueType | None:
    """The gRPC consistency level for `level`."""
    if level is None:
        return None
    return base_pb2.ConsistencyLevel.Value(f"CONSISTENCY_LEVEL_{ConsistencyLevel(level).value}")


def consistency_field(level: ConsistencyLevel | None) -> bytes:
    """The `consistency_level` field of a `BatchObjectsRequest` as wire bytes (none if unset)."""
    value = consistency(level)
    return b"" if value is None else _CONSISTENCY_KEY + VARINT[value]


def encode_object(
    head: bytes,
    properties: object,
    uuid: object,
    vector: Vectors | None,
    references: ReferenceInputs | None,
    index: int,
) -> tuple[bytes, str, UUID]:
    """One object as wire bytes (see `encode.batch_object`; `head` from `encode.object_head`),
    with its uuid as text and as a `UUID`.

    Bad input raises `WeaviateInvalidInputError` naming the object by `index`."""
    try:
        text, ident = random_uuid() if uuid is None else check_uuid(uuid, "uuid")
        props = None
        if properties:
            props = properties if type(properties) is dict else as_mapping(properties, "properties")
            if "id" in props or "vector" in props:
                raise WeaviateInsertInvalidPropertyError(
                    "'id' and 'vector' are not properties: give them as the object's uuid and "
                    "vector (DataObject(properties, uuid=..., vector=...))"
                )
        return batch_object(text, head, props, vector, references), text, ident
    except WeaviateInvalidInputError as error:
        raise type(error)(f"object {index}: {error}") from None


def _unpack(item: object) -> DataObject[object]:
    return item if isinstance(item, DataObject) else DataObject(item)


def objects_request(
    collection: str,
    items: Sequence[object],
    tenant: str | None = None,
    level: ConsistencyLevel | None = None,
) -> tuple[bytes, list[UUID]]:
    """The `BatchObjectsRequest` for `items` as wire bytes, and the uuid each object will have."""
    head = object_head(collection, tenant)
    parts = []
    uuids = []
    for index, item in enumerate(items):
        if isinstance(item, DataObject):
            data, _, ident = encode_object(
                head, item.properties, item.uuid, item.vector, item.references, index
            )
        else:
            data, _, ident = encode_object(head, item, None, None, None, index)
        parts.append(data)
        uuids.append(ident)
    parts.append(consistency_field(level))
    return b"".join(parts), uuids


def insert_many(
    collection: str,
    items: Sequence[object],
    tenant: str | None = None,
    level: ConsistencyLevel | None = None,
) -> Op[BatchObjectReturn]:
    """Insert `items` in one `BatchObjects` call; refused objects come back with the reason."""
    started = time.perf_counter()
    request, uuids = objects_request(collection, items, tenant, level)
    reply = yield from grpc(
        SERVICE, "BatchObjects", request, batch_pb2.BatchObjectsReply, timeout="insert"
    )
    errors = {}
    for error in reply.errors:
        obj = _unpack(items[error.index])
        record = BatchObject(
            collection,
            as_mapping(obj.properties, "properties"),
            uuids[error.index],
            obj.vector,
            obj.references,
            tenant,
            error.index,
        )
        errors[error.index] = ErrorObject(error.error, record)
    stored = (
        {i: u for i, u in enumerate(uuids) if i not in errors} if errors else dict(enumerate(uuids))
    )
    return BatchObjectReturn(
        uuids=stored, errors=errors, elapsed_seconds=time.perf_counter() - started
    )


def reference_records(
    collection: str, references: Sequence[DataReferences], tenant: str | None
) -> list[BatchReference]:
    """One record per (source, target) pair of `references`, checked."""
    records = []
    for index, ref in enumerate(references):
        where = f"reference {index}"
        _, source = check_uuid(ref.from_uuid, where)
        to_collection = getattr(ref, "target_collection", None)
        for target in ref.to_uuids():
            _, to_uuid = check_uuid(target, where)
            records.append(
                BatchReference(
                    collection, source, ref.from_property, to_uuid, to_collection, tenant, index
                )
            )
    return records


def reference_message(record: BatchReference) -> batch_pb2.BatchReference:
    """The wire message of one reference."""
    return batch_pb2.BatchReference(
        name=record.from_property,
        from_collection=record.from_collection,
        from_uuid=str(record.from_uuid),
        to_uuid=str(record.to_uuid),
        to_collection=record.to_collection or None,
        tenant=record.tenant or "",
    )


def references_request(
    records: Sequence[BatchReference], level: ConsistencyLevel | None = None
) -> batch_pb2.BatchReferencesRequest:
    """The `BatchReferencesRequest` carrying `records`."""
    return batch_pb2.BatchReferencesRequest(
        consistency_level=consistency(level),
        references=[reference_message(record) for record in records],
    )


def add_references(
    records: Sequence[BatchReference], level: ConsistencyLevel | None = None
) -> Op[BatchReferenceReturn]:
    """Add references in one `BatchReferences` call; refused ones come back with the reason."""
    started = time.perf_counter()
    reply = yield from grpc(
        SERVICE,
        "BatchReferences",
        references_request(records, level),
        batch_pb2.BatchReferencesReply,
        timeout="insert",
    )
    errors = {e.index: ErrorReference(e.error, records[e.index]) for e in reply.errors}
    return BatchReferenceReturn(errors, time.perf_counter() - started)


def delete_many(
    collection: str,
    where: FilterExpression,
    verbose: bool,
    dry_run: bool,
    tenant: str | None,
    level: ConsistencyLevel | None,
) -> Op[DeleteManyReturn[list[DeleteManyObject]] | DeleteManyReturn[None]]:
    """Delete every object matching `where` with one `BatchDelete` call."""
    if not isinstance(where, FilterExpression):
        raise WeaviateInvalidInputError(f"delete_many: `where` must be a Filter, got {where!r}")
    request = batch_delete_pb2.BatchDeleteRequest(
        collection=collection,
        verbose=verbose,
        dry_run=dry_run,
        consistency_level=consistency(level),
        tenant=tenant,
    )
    compile_filter(where, request.filters)
    reply = yield from grpc(
        SERVICE, "BatchDelete", request, batch_delete_pb2.BatchDeleteReply, timeout="insert"
    )
    counts = {"failed": reply.failed, "matches": reply.matches, "successful": reply.successful}
    if not verbose:
        return DeleteManyReturn(objects=None, **counts)
    objects = [
        DeleteManyObject(UUID(bytes=o.uuid), o.successful, o.error or None) for o in reply.objects
    ]
    return DeleteManyReturn(objects=objects, **counts)
