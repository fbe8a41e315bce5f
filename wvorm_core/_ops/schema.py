"""Collection (schema) operations over REST `/v1/schema`."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from wvorm_core._ops.calls import Op, rest
from wvorm_core.classes.config import (
    Property,
    ReferenceProperty,
    VectorConfig,
    check_collection_name,
)
from wvorm_core.exceptions import WeaviateInvalidInputError


def create_body(
    name: str,
    *,
    description: str | None = None,
    properties: Sequence[Property] = (),
    references: Sequence[ReferenceProperty] = (),
    vector_config: VectorConfig | Sequence[VectorConfig] | None = None,
) -> dict[str, object]:
    """The `POST /v1/schema` body; bad input raises before anything is sent."""
    vectors = (
        [vector_config] if isinstance(vector_config, VectorConfig) else list(vector_config or [])
    )
    body: dict[str, object] = {"class": check_collection_name(name)}
    if description is not None:
        body["description"] = description
    names = [p.name for p in properties] + [r.name for r in references]
    if duplicates := sorted({n for n in names if names.count(n) > 1}):
        raise WeaviateInvalidInputError(
            f"collection {name!r}: duplicate property names {duplicates}"
        )
    text_names = {p.name for p in properties}
    for vector in vectors:
        unknown = sorted(set(vector.source_properties or ()) - text_names)
        if unknown:
            raise WeaviateInvalidInputError(
                f"vector {vector.name!r} of collection {name!r}: source properties {unknown} "
                f"are not properties of the collection"
            )
    vector_names = [v.name for v in vectors]
    if len(set(vector_names)) != len(vector_names):
        raise WeaviateInvalidInputError(
            f"collection {name!r}: duplicate vector names {vector_names}"
        )
    modules = sorted({v.vectorizer for v in vectors if v.vectorizer != "none"})
    body["properties"] = [p.to_dict(modules) for p in properties] + [
        r.to_dict() for r in references
    ]
    if vectors:
        body["vectorConfig"] = {v.name: v.to_dict() for v in vectors}
    return body


def _path(name: str) -> str:
    return f"/schema/{quote(check_collection_name(name))}"


def create(body: dict[str, object]) -> Op[dict[str, object]]:
    reply = yield from rest(
        "POST", "/schema", json=body, context=f"create collection {body['class']!r}"
    )
    created = reply.json()
    assert isinstance(created, dict)
    return created


def delete(name: str) -> Op[None]:
    yield from rest("DELETE", _path(name), context=f"delete collection {name!r}")


def exists(name: str) -> Op[bool]:
    reply = yield from rest("GET", _path(name), ok=(200, 404))
    return reply.status == 200


def list_names() -> Op[list[str]]:
    reply = yield from rest("GET", "/schema")
    body = reply.json()
    assert isinstance(body, dict)
    return [str(c["class"]) for c in body.get("classes") or []]


def delete_all() -> Op[None]:
    for name in (yield from list_names()):
        yield from delete(name)
