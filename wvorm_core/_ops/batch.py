"""Batch writes over gRPC: `BatchObjects`, `BatchReferences` and `BatchDelete`."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from typing import Literal, overload
from uuid import UUID

from google.protobuf.internal.containers import RepeatedCompositeFieldContainer

from wvorm_core._ops.calls import Op, grpc
from wvorm_core._ops.encode import as_mapping, encode_properties, encode_references, encode_vectors
from wvorm_core._ops.filters import compile_filter
from wvorm_core.classes.config import ConsistencyLevel
from wvorm_core.classes.data import DataObject, DataReferences, ReferenceInputs, Vectors
from wvorm_core.classes.filters import FilterExpression
from wvorm_core.exceptions import WeaviateInvalidInputError
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


_VERSION_MASK = ~(0xF000 << 64) & ~(0xC000 << 48) & ((1 << 128) - 1)
_VERSION_BITS = (0x4000 << 64) | (0x8000 << 48)


_random = threading.local()


def _random_128() -> int:
    """128 random bits from the OS, drawn 4 KiB at a time per thread."""
    pool: list[int] | None = getattr(_random, "pool", None)
    if not pool:
        data = os.urandom(4096)
        pool = _random.pool = [int.from_bytes(data[i : i + 16], "big") for i in range(0, 4096, 16)]
    return pool.pop()


def random_uuid() -> tuple[str, UUID]:
    """A random (version 4) uuid, as text and as a `UUID`, cheaper than `uuid4()`."""
    number = (_random_128() & _VERSION_MASK) | _VERSION_BITS
    ident = UUID(int=number)
    h = f"{number:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}", ident


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


def encode_object(
    out: RepeatedCompositeFieldContainer[batch_pb2.BatchObject],
    collection: str,
    properties: object,
    uuid: object,
    vector: Vectors | None,
    references: ReferenceInputs | None,
    tenant: str | None,
    index: int,
) -> tuple[str, UUID]:
    """Append one object to a batch; returns its uuid as text and as a `UUID`.

    Bad input raises `WeaviateInvalidInputError` naming the object by `index`."""
    message = None
    try:
        text, ident = random_uuid() if uuid is None else check_uuid(uuid, "uuid")
        message = out.add(collection=collection, uuid=text)
        if tenant:
            message.tenant = tenant
        if properties:
            props = properties if type(properties) is dict else as_mapping(properties, "properties")
            encode_properties(props, message.properties)
        if references:
            encode_references(references, message.properties)
        if vector is not None:
            encode_vectors(vector, message, "vector")
    except BaseException as error:
        if message is not None:
            del out[-1]
        if isinstance(error, WeaviateInvalidInputError):
            raise WeaviateInvalidInputError(f"object {index}: {error}") from None
        raise
    return text, ident


def _unpack(item: object) -> DataObject[object]:
    return item if isinstance(item, DataObject) else DataObject(item)


def objects_request(
    collection: str,
    items: Sequence[object],
    tenant: str | None = None,
    level: ConsistencyLevel | None = None,
) -> tuple[batch_pb2.BatchObjectsRequest, list[UUID]]:
    """The request for `items`, and the uuid each object will have."""
    request = batch_pb2.BatchObjectsRequest(consistency_level=consistency(level))
    out = request.objects
    uuids: list[UUID] = []
    for index, item in enumerate(items):
        if isinstance(item, DataObject):
            _, ident = encode_object(
                out,
                collection,
                item.properties,
                item.uuid,
                item.vector,
                item.references,
                tenant,
                index,
            )
        else:
            _, ident = encode_object(out, collection, item, None, None, None, tenant, index)
        uuids.append(ident)
    return request, uuids


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
    return BatchObjectReturn(
        uuids={i: u for i, u in enumerate(uuids) if i not in errors},
        errors=errors,
        elapsed_seconds=time.perf_counter() - started,
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


def references_request(
    records: Sequence[BatchReference], level: ConsistencyLevel | None = None
) -> batch_pb2.BatchReferencesRequest:
    request = batch_pb2.BatchReferencesRequest(consistency_level=consistency(level))
    for record in records:
        message = request.references.add(
            name=record.from_property,
            from_collection=record.from_collection,
            from_uuid=str(record.from_uuid),
            to_uuid=str(record.to_uuid),
        )
        if record.to_collection:
            message.to_collection = record.to_collection
        if record.tenant:
            message.tenant = record.tenant
    return request


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


@overload
def delete_many(
    collection: str,
    where: FilterExpression,
    verbose: Literal[False],
    dry_run: bool,
    tenant: str | None,
    level: ConsistencyLevel | None,
) -> Op[DeleteManyReturn[None]]: ...
@overload
def delete_many(
    collection: str,
    where: FilterExpression,
    verbose: Literal[True],
    dry_run: bool,
    tenant: str | None,
    level: ConsistencyLevel | None,
) -> Op[DeleteManyReturn[list[DeleteManyObject]]]: ...
@overload
def delete_many(
    collection: str,
    where: FilterExpression,
    verbose: bool,
    dry_run: bool,
    tenant: str | None,
    level: ConsistencyLevel | None,
) -> Op[DeleteManyReturn[list[DeleteManyObject]] | DeleteManyReturn[None]]: ...
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
