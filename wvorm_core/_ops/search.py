"""Search requests (gRPC `Search`) and their replies."""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from uuid import UUID

from wvorm_core._ops.calls import Op, grpc
from wvorm_core._ops.decode import decode_properties
from wvorm_core._ops.filters import compile_filter
from wvorm_core.classes.filters import FilterExpression
from wvorm_core.classes.query import MetadataQuery, Sort
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.outputs import MetadataReturn, Object, QueryReturn
from wvorm_core.proto.v1 import search_get_pb2

_SERVICE = "weaviate.v1.Weaviate"

Properties = dict[str, object]


@dataclass(frozen=True, slots=True)
class Returns:
    """What each object should carry back."""

    properties: Sequence[str] | None = None
    metadata: MetadataQuery | None = None
    include_vector: bool | Sequence[str] = False


def request(
    collection: str,
    returns: Returns,
    *,
    limit: int | None = None,
    offset: int | None = None,
    after: UUID | str | None = None,
    filters: FilterExpression | None = None,
    sort: Sort | None = None,
    tenant: str | None = None,
) -> search_get_pb2.SearchRequest:
    """A `SearchRequest` with the parts every search kind shares."""
    message = search_get_pb2.SearchRequest(collection=collection, uses_127_api=True)
    for name, value in (("limit", limit), ("offset", offset)):
        if value is not None:
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise WeaviateInvalidInputError(f"{name} must be a non-negative int, got {value!r}")
            setattr(message, name, value)
    if after is not None:
        message.after = str(after)
    if tenant:
        message.tenant = tenant
    if filters is not None:
        compile_filter(filters, message.filters)
    if sort is not None:
        for path, ascending in sort.keys:
            message.sort_by.add(path=[path], ascending=ascending)
    _returns(returns, message)
    return message


def _returns(returns: Returns, out: search_get_pb2.SearchRequest) -> None:
    if returns.properties is None:
        out.properties.return_all_nonref_properties = True
    else:
        out.properties.non_ref_properties.extend(returns.properties)
    meta = returns.metadata or MetadataQuery()
    m = out.metadata
    m.uuid = True
    m.creation_time_unix = meta.creation_time
    m.last_update_time_unix = meta.last_update_time
    m.distance = meta.distance
    m.certainty = meta.certainty
    m.score = meta.score
    m.explain_score = meta.explain_score
    m.is_consistent = meta.is_consistent
    if returns.include_vector is True:
        m.vector = True
    elif returns.include_vector:
        m.vectors.extend(returns.include_vector)


def search(message: search_get_pb2.SearchRequest) -> Op[QueryReturn[Properties]]:
    reply = yield from grpc(_SERVICE, "Search", message, search_get_pb2.SearchReply)
    return parse_reply(reply, message.collection)


def _time(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc)


def _metadata(m: search_get_pb2.MetadataResult) -> MetadataReturn:
    return MetadataReturn(
        creation_time=_time(m.creation_time_unix) if m.creation_time_unix_present else None,
        last_update_time=_time(m.last_update_time_unix)
        if m.last_update_time_unix_present
        else None,
        distance=m.distance if m.distance_present else None,
        certainty=m.certainty if m.certainty_present else None,
        score=m.score if m.score_present else None,
        explain_score=m.explain_score if m.explain_score_present else None,
        is_consistent=m.is_consistent if m.is_consistent_present else None,
        rerank_score=m.rerank_score if m.rerank_score_present else None,
    )


def _floats(data: bytes) -> list[float]:
    return list(struct.unpack(f"<{len(data) // 4}f", data))


def parse_reply(reply: search_get_pb2.SearchReply, collection: str) -> QueryReturn[Properties]:
    objects = []
    for result in reply.results:
        m = result.metadata
        vectors = {v.name: _floats(v.vector_bytes) for v in m.vectors}
        if m.vector_bytes and "default" not in vectors:
            vectors["default"] = _floats(m.vector_bytes)
        objects.append(
            Object(
                uuid=UUID(bytes=m.id_as_bytes) if m.id_as_bytes else UUID(m.id),
                properties=decode_properties(result.properties.non_ref_props),
                metadata=_metadata(m),
                collection=result.properties.target_collection or collection,
                vector=vectors,
            )
        )
    return QueryReturn(objects)
