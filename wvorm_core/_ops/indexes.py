"""A collection's property inverted indexes over REST: delete one, and the v1.39 runtime
reindex API (`PUT|POST /v1/schema/{c}/properties/{p}/index/{index}[/rebuild|/cancel]`,
`GET /v1/schema/{c}/indexes`).

The server runs reindex work as asynchronous tasks; it needs `RUNTIME_REINDEX_ENABLED=true`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args
from urllib.parse import quote

from wvorm_core._ops import json_values as jv
from wvorm_core._ops.calls import Op, RestResponse, rest
from wvorm_core._ops.config import physical_name, schema_path
from wvorm_core.classes.config import Tokenization, check_collection_name, check_property_name
from wvorm_core.exceptions import WeaviateError, WeaviateInvalidInputError, WeaviateTimeoutError
from wvorm_core.outputs.indexes import (
    BM25Algorithm,
    IndexStatus,
    IndexTaskStatus,
    PropertyIndexName,
    PropertyIndexStatus,
    PropertyIndexTask,
)

INDEX_NAMES: tuple[PropertyIndexName, ...] = get_args(PropertyIndexName)
_ALGORITHMS: tuple[BM25Algorithm, ...] = get_args(BM25Algorithm)


def check_index_name(index_name: str) -> PropertyIndexName:
    for known in INDEX_NAMES:
        if index_name == known:
            return known
    raise WeaviateInvalidInputError(
        f"index_name must be one of {', '.join(INDEX_NAMES)}; got {index_name!r}"
    )


def index_path(collection: str, property_name: str, index_name: str) -> Op[str]:
    """`/schema/{c}/properties/{p}/index/{index}`, each part checked before the network; an
    alias is resolved to its collection, as the server takes index changes only by that name."""
    prop = check_property_name(property_name)
    index = check_index_name(index_name)
    physical = yield from physical_name(check_collection_name(collection))
    return f"{schema_path(physical)}/properties/{quote(prop)}/index/{index}"


def tenants_param(tenants: str | Sequence[str] | None) -> dict[str, str] | None:
    """The `?tenants=` query (comma-separated), or None for every tenant."""
    if tenants is None:
        return None
    names = [tenants] if isinstance(tenants, str) else list(tenants)
    if not names:
        raise WeaviateInvalidInputError("tenants: name at least one tenant, or pass None for all")
    bad = [n for n in names if not isinstance(n, str) or not n or "," in n]
    if bad:
        raise WeaviateInvalidInputError(f"tenants: invalid tenant names {bad!r}")
    return {"tenants": ",".join(names)}


def upsert_body(
    index_name: PropertyIndexName,
    tokenization: Tokenization | None,
    algorithm: Literal["blockmax"] | None,
) -> dict[str, str]:
    """The `PUT` body asking for at most one change; bad combinations raise here."""
    if tokenization is not None and algorithm is not None:
        raise WeaviateInvalidInputError(
            "update_property_index: give tokenization or algorithm, not both "
            "(the server makes one change per request)"
        )
    body: dict[str, str] = {}
    if tokenization is not None:
        if index_name == "rangeFilters":
            raise WeaviateInvalidInputError("a rangeFilters index has no tokenization")
        try:
            body["tokenization"] = Tokenization(tokenization).value
        except ValueError:
            raise WeaviateInvalidInputError(
                f"tokenization must be a Tokenization, got {tokenization!r}"
            ) from None
    if algorithm is not None:
        if algorithm != "blockmax":
            raise WeaviateInvalidInputError(
                f"algorithm can only be 'blockmax' (the server has no way back to WAND); "
                f"got {algorithm!r}"
            )
        if index_name != "searchable":
            raise WeaviateInvalidInputError(
                f"algorithm applies to the searchable index only, not {index_name!r}"
            )
        body["algorithm"] = algorithm
    return body


def parse_task(reply: RestResponse, context: str) -> PropertyIndexTask:
    data = jv.obj(reply.json())
    status = data.get("status")
    try:
        parsed = IndexTaskStatus(status)
    except ValueError:
        raise WeaviateError(f"{context}: unexpected reply {reply.body[:200]!r}") from None
    return PropertyIndexTask(status=parsed, task_id=jv.opt(data, "taskId", str))


def delete_index(collection: str, property_name: str, index_name: PropertyIndexName) -> Op[bool]:
    """Drop one index of a property; True once done (also when it was already off)."""
    path = yield from index_path(collection, property_name, index_name)
    context = f"delete {index_name} index of {collection!r}.{property_name}"
    yield from rest("DELETE", path, context=context)
    return True


def update_index(
    collection: str,
    property_name: str,
    index_name: PropertyIndexName,
    tokenization: Tokenization | None,
    algorithm: Literal["blockmax"] | None,
    tenants: str | Sequence[str] | None,
) -> Op[PropertyIndexTask]:
    """Ask for an index to exist with the given configuration (declarative upsert)."""
    body = upsert_body(index_name, tokenization, algorithm)
    params = tenants_param(tenants)
    path = yield from index_path(collection, property_name, index_name)
    context = f"update {index_name} index of {collection!r}.{property_name}"
    reply = yield from rest("PUT", path, json=body, params=params, ok=(200, 202), context=context)
    return parse_task(reply, context)


def rebuild_index(
    collection: str,
    property_name: str,
    index_name: PropertyIndexName,
    tenants: str | Sequence[str] | None,
) -> Op[PropertyIndexTask]:
    """Rebuild an index from the stored objects with its current configuration."""
    params = tenants_param(tenants)
    path = f"{(yield from index_path(collection, property_name, index_name))}/rebuild"
    context = f"rebuild {index_name} index of {collection!r}.{property_name}"
    reply = yield from rest("POST", path, params=params, ok=(200, 202), context=context)
    return parse_task(reply, context)


def cancel_index(
    collection: str, property_name: str, index_name: PropertyIndexName
) -> Op[PropertyIndexTask]:
    """Cancel the task running on an index, if any (`NO_OP` when none)."""
    path = f"{(yield from index_path(collection, property_name, index_name))}/cancel"
    context = f"cancel the {index_name} reindex of {collection!r}.{property_name}"
    reply = yield from rest("POST", path, ok=(200, 202), context=context)
    return parse_task(reply, context)


def _tokenization(value: object) -> Tokenization | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return Tokenization(value)
    except ValueError:
        raise WeaviateError(f"property index status: unknown tokenization {value!r}") from None


def _algorithm(value: object) -> BM25Algorithm | None:
    for known in _ALGORITHMS:
        if value == known:
            return known
    return None


def parse_index(property_name: str, entry: jv.JsonObject) -> PropertyIndexStatus:
    kind = entry.get("type")
    status = entry.get("status")
    index = next((n for n in INDEX_NAMES if n == kind), None)
    try:
        parsed = IndexStatus(status)
    except ValueError:
        parsed = None
    if index is None or parsed is None:
        raise WeaviateError(
            f"property index status of {property_name!r}: unexpected entry {dict(entry)!r}"
        )
    progress = entry.get("progress")
    return PropertyIndexStatus(
        property_name=property_name,
        index_name=index,
        status=parsed,
        progress=float(progress) if isinstance(progress, (int, float)) else None,
        task_id=jv.opt(entry, "taskId", str) or None,
        tokenization=_tokenization(entry.get("tokenization")),
        target_tokenization=_tokenization(entry.get("targetTokenization")),
        algorithm=_algorithm(entry.get("algorithm")),
        target_algorithm=_algorithm(entry.get("targetAlgorithm")),
    )


def parse_indexes(body: object) -> list[PropertyIndexStatus]:
    """`GET /v1/schema/{c}/indexes` as one status per property and index."""
    out: list[PropertyIndexStatus] = []
    for prop in jv.items(jv.obj(body).get("properties")):
        data = jv.obj(prop)
        name = str(data.get("name"))
        out.extend(parse_index(name, jv.obj(entry)) for entry in jv.items(data.get("indexes")))
    return out


def get_indexes(collection: str) -> Op[list[PropertyIndexStatus]]:
    reply = yield from rest(
        "GET", f"{schema_path(collection)}/indexes", context=f"index status of {collection!r}"
    )
    return parse_indexes(reply.json())


def check_wait(timeout: float, poll_interval: float) -> None:
    if not isinstance(timeout, (int, float)) or timeout < 0:
        raise WeaviateInvalidInputError(f"timeout must be a number >= 0, got {timeout!r}")
    if not isinstance(poll_interval, (int, float)) or poll_interval <= 0:
        raise WeaviateInvalidInputError(
            f"poll_interval must be a number > 0, got {poll_interval!r}"
        )


def _label(status: PropertyIndexStatus) -> str:
    return f"{status.property_name} ({status.index_name})"


def busy_indexes(collection: str, statuses: Sequence[PropertyIndexStatus]) -> list[str]:
    """The indexes still pending or indexing, as `prop (index)`; a failed one raises."""
    failed = [s for s in statuses if s.status is IndexStatus.FAILED]
    if failed:
        tasks = ", ".join(f"{_label(s)} task {s.task_id}" for s in failed)
        raise WeaviateError(f"collection {collection!r}: reindex failed for {tasks}")
    return [_label(s) for s in statuses if s.busy]


def wait_timeout(collection: str, busy: Sequence[str], timeout: float) -> WeaviateTimeoutError:
    return WeaviateTimeoutError(
        f"collection {collection!r}: property indexes still indexing after {timeout:g}s: "
        f"{', '.join(busy)}"
    )
