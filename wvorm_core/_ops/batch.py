"""Batch writes over gRPC `BatchObjects`."""

from __future__ import annotations

import struct
import time
import uuid as uuid_lib
from collections.abc import Mapping, Sequence
from uuid import UUID

from wvorm_core._ops.calls import Op, grpc
from wvorm_core._ops.encode import encode_properties
from wvorm_core.classes.data import DataObject
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.outputs import BatchObjectReturn, ErrorObject
from wvorm_core.proto.v1 import base_pb2, batch_pb2

_SERVICE = "weaviate.v1.Weaviate"

Item = Mapping[str, object] | DataObject[Mapping[str, object]]


def _pack(vector: Sequence[float], where: str) -> bytes:
    try:
        return struct.pack(f"<{len(vector)}f", *vector)
    except (TypeError, struct.error):
        raise WeaviateInvalidInputError(
            f"{where}: a vector must be a sequence of numbers"
        ) from None


def objects_request(
    collection: str, items: Sequence[Item], tenant: str | None = None
) -> tuple[batch_pb2.BatchObjectsRequest, list[UUID]]:
    """The request for `items`, and the uuid each object will have."""
    request = batch_pb2.BatchObjectsRequest()
    uuids: list[UUID] = []
    for index, item in enumerate(items):
        obj = item if isinstance(item, DataObject) else DataObject(item)
        if not isinstance(obj.properties, Mapping):
            raise WeaviateInvalidInputError(f"object {index}: properties must be a mapping")
        ident = UUID(str(obj.uuid)) if obj.uuid is not None else uuid_lib.uuid4()
        uuids.append(ident)
        message = request.objects.add(collection=collection, uuid=str(ident))
        if tenant:
            message.tenant = tenant
        encode_properties(obj.properties, message.properties)
        if isinstance(obj.vector, Mapping):
            for name, vector in obj.vector.items():
                message.vectors.add(
                    name=name,
                    vector_bytes=_pack(vector, f"object {index}, vector {name!r}"),
                    type=base_pb2.Vectors.VECTOR_TYPE_SINGLE_FP32,
                )
        elif obj.vector is not None:
            message.vector_bytes = _pack(obj.vector, f"object {index}")
    return request, uuids


def insert_many(
    collection: str, items: Sequence[Item], tenant: str | None = None
) -> Op[BatchObjectReturn]:
    """Insert `items` in one `BatchObjects` call; refused objects come back with the reason."""
    started = time.perf_counter()
    request, uuids = objects_request(collection, items, tenant)
    reply = yield from grpc(
        _SERVICE, "BatchObjects", request, batch_pb2.BatchObjectsReply, timeout="insert"
    )
    errors = {}
    for error in reply.errors:
        item = items[error.index]
        props = item.properties if isinstance(item, DataObject) else item
        errors[error.index] = ErrorObject(error.index, error.error, uuids[error.index], props)
    return BatchObjectReturn(
        uuids={i: u for i, u in enumerate(uuids) if i not in errors},
        errors=errors,
        elapsed_seconds=time.perf_counter() - started,
    )
