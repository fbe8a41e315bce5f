"""Debugging reads: one object over REST `GET /v1/objects/{collection}/{id}`, without search."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import cast
from urllib.parse import quote
from uuid import UUID

from wvorm_core._ops import json_values as jv
from wvorm_core._ops.calls import Op, rest
from wvorm_core.classes.config import ConsistencyLevel, check_collection_name
from wvorm_core.classes.debug import DebugRESTObject
from wvorm_core.exceptions import WeaviateError, WeaviateInvalidInputError


def _uuid(value: UUID | str) -> UUID:
    try:
        return value if isinstance(value, UUID) else UUID(str(value))
    except ValueError:
        raise WeaviateInvalidInputError(f"{value!r} is not a uuid") from None


def _millis(value: object) -> datetime:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise WeaviateError(f"unexpected object timestamp {value!r}")
    return datetime.fromtimestamp(value / 1000, tz=timezone.utc)


def _floats(value: object) -> list[float] | None:
    return [float(v) for v in value] if isinstance(value, list) else None


def _named_vectors(value: object) -> dict[str, list[float] | list[list[float]]] | None:
    if not isinstance(value, dict):
        return None
    out: dict[str, list[float] | list[list[float]]] = {}
    for name, vector in value.items():
        if isinstance(vector, list) and vector and isinstance(vector[0], list):
            out[name] = [[float(v) for v in row] for row in vector]
        elif isinstance(vector, list):
            out[name] = [float(v) for v in vector]
    return out


def get_object(
    collection: str,
    uuid: UUID | str,
    consistency_level: ConsistencyLevel | None = None,
    node_name: str | None = None,
    tenant: str | None = None,
) -> Op[DebugRESTObject | None]:
    """The stored object, vectors included; None if it does not exist."""
    name, ident = check_collection_name(collection), _uuid(uuid)
    params = {"include": "vector"}
    if consistency_level is not None:
        params["consistency_level"] = ConsistencyLevel(consistency_level).value
    if node_name is not None:
        params["node_name"] = node_name
    if tenant is not None:
        params["tenant"] = tenant
    reply = yield from rest(
        "GET",
        f"/objects/{quote(name)}/{ident}",
        params=params,
        ok=(200, 404),
        context=f"get object {ident} of {name}",
    )
    if reply.status == 404:
        return None
    body = jv.obj(reply.json())
    return DebugRESTObject(
        collection=jv.get(body, "class", str, name),
        creation_time=_millis(body.get("creationTimeUnix")),
        last_update_time=_millis(body.get("lastUpdateTimeUnix")),
        properties=dict(cast(dict[str, object], jv.obj(body.get("properties")))),
        tenant=jv.opt(body, "tenant", str) or None,
        uuid=_uuid(jv.get(body, "id", str, str(ident))),
        vector=_floats(body.get("vector")) or None,
        vectors=_named_vectors(body.get("vectors")) or None,
    )
