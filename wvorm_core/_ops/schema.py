"""Collection (schema) operations over REST `/v1/schema`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from wvorm_core._ops.calls import Op, rest
from wvorm_core._ops.config import schema_path
from wvorm_core._ops.json_values import JsonObject
from wvorm_core.classes.config import (
    AnyReferenceProperty,
    DataType,
    GenerativeProvider,
    InvertedIndexConfigCreate,
    MultiTenancyConfigCreate,
    Property,
    ReplicationConfigCreate,
    RerankerProvider,
    ShardingConfigCreate,
    VectorConfig,
    check_collection_name,
)
from wvorm_core.exceptions import WeaviateError, WeaviateInvalidInputError

if TYPE_CHECKING:
    from wvorm_core.outputs.config import CollectionConfig, CollectionConfigSimple

_SELF_PROVIDED = "none"
# Vectorizers that read no property text: the server keeps no per-property settings for them.
_NO_PROPERTY_SETTINGS = frozenset({_SELF_PROVIDED, "ref2vec-centroid"})


def _check_vector_sources(
    collection: str,
    vector: VectorConfig,
    properties: Sequence[Property],
    references: Sequence[AnyReferenceProperty],
) -> None:
    by_name = {p.name: p.data_type for p in properties}
    settings = vector.vectorizer_settings
    wanted: list[tuple[str, list[str], str, set[str]]] = [
        ("source properties", list(vector.source_properties or ()), "", set(by_name)),
        (
            "reference properties",
            _names(settings.get("referenceProperties")),
            "reference ",
            {r.name for r in references},
        ),
        (
            "image fields",
            _names(settings.get("imageFields")),
            "blob ",
            {n for n, t in by_name.items() if t is DataType.BLOB},
        ),
        (
            "text fields",
            _names(settings.get("textFields")),
            "text ",
            {n for n, t in by_name.items() if t in (DataType.TEXT, DataType.TEXT_ARRAY)},
        ),
    ]
    for label, names, kind, allowed in wanted:
        unknown = sorted(set(names) - allowed)
        if unknown:
            raise WeaviateInvalidInputError(
                f"vector {vector.name!r} of collection {collection!r}: {label} {unknown} "
                f"are not {kind}properties of the collection"
            )


def _names(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def create_body(
    name: str,
    *,
    description: str | None = None,
    properties: Sequence[Property] = (),
    references: Sequence[AnyReferenceProperty] = (),
    vector_config: VectorConfig | Sequence[VectorConfig] | None = None,
    inverted_index_config: InvertedIndexConfigCreate | None = None,
    multi_tenancy_config: MultiTenancyConfigCreate | None = None,
    replication_config: ReplicationConfigCreate | None = None,
    sharding_config: ShardingConfigCreate | None = None,
    generative_config: GenerativeProvider | None = None,
    reranker_config: RerankerProvider | None = None,
) -> dict[str, object]:
    """The `POST /v1/schema` body; bad input raises before anything is sent."""
    vectors = (
        [vector_config] if isinstance(vector_config, VectorConfig) else list(vector_config or [])
    )
    collection = check_collection_name(name)
    body: dict[str, object] = {"class": collection}
    if description is not None:
        body["description"] = description
    names = [p.name for p in properties] + [r.name for r in references]
    if duplicates := sorted({n for n in names if names.count(n) > 1}):
        raise WeaviateInvalidInputError(
            f"collection {name!r}: duplicate property names {duplicates}"
        )
    vector_names = [v.name for v in vectors]
    if len(set(vector_names)) != len(vector_names):
        raise WeaviateInvalidInputError(
            f"collection {name!r}: duplicate vector names {vector_names}"
        )
    for vector in vectors:
        _check_vector_sources(name, vector, properties, references)
    multi_tenant = multi_tenancy_config is not None and multi_tenancy_config.settings.get("enabled")
    if multi_tenant and sharding_config is not None:
        raise WeaviateInvalidInputError(
            f"collection {name!r}: a multi-tenant collection has one shard per tenant; "
            f"leave out sharding_config"
        )
    modules = sorted({v.vectorizer for v in vectors} - _NO_PROPERTY_SETTINGS)
    body["properties"] = [p.to_dict(modules) for p in properties] + [
        r.to_dict() for r in references
    ]
    if vectors:
        body["vectorConfig"] = {v.name: v.to_dict() for v in vectors}
    module_config = {
        p.module: dict(p.settings) for p in (generative_config, reranker_config) if p is not None
    }
    if module_config:
        body["moduleConfig"] = module_config
    for key, settings in (
        ("invertedIndexConfig", inverted_index_config),
        ("multiTenancyConfig", multi_tenancy_config),
        ("replicationConfig", replication_config),
        ("shardingConfig", sharding_config),
    ):
        if settings is not None:
            body[key] = dict(settings.settings)
    return body


def create(body: JsonObject) -> Op[CollectionConfig]:
    """Create a collection from its schema JSON; returns the configuration the server stored."""
    reply = yield from rest(
        "POST", "/schema", json=body, context=f"create collection {body.get('class')!r}"
    )
    from wvorm_core._ops.config_parse import parse_collection

    created = reply.json()
    if not isinstance(created, dict):
        raise WeaviateError(f"unexpected reply to create: {reply.body[:200]!r}")
    return parse_collection(created)


def check_create_dict(config: object) -> JsonObject:
    """A user-given schema dict, checked for what can be known before the network."""
    if not isinstance(config, dict) or not isinstance(config.get("class"), str):
        raise WeaviateInvalidInputError(
            f"create_from_dict takes a schema dict with a 'class' name, got {type(config).__name__}"
        )
    return {**config, "class": check_collection_name(config["class"])}


def delete(name: str) -> Op[None]:
    yield from rest("DELETE", schema_path(name), context=f"delete collection {name!r}")


def delete_many(names: str | Sequence[str]) -> Op[None]:
    """Delete one collection or several; a missing one is not an error."""
    for name in [names] if isinstance(names, str) else names:
        yield from delete(name)


def exists(name: str) -> Op[bool]:
    reply = yield from rest("GET", schema_path(name), ok=(200, 404))
    return reply.status == 200


def _classes() -> Op[list[JsonObject]]:
    reply = yield from rest("GET", "/schema", context="list collections")
    body = reply.json()
    classes = body.get("classes") if isinstance(body, dict) else None
    return [c for c in classes or () if isinstance(c, dict)]


def list_names() -> Op[list[str]]:
    return [str(c["class"]) for c in (yield from _classes())]


def list_full() -> Op[dict[str, CollectionConfig]]:
    from wvorm_core._ops.config_parse import parse_collection

    configs = [parse_collection(c) for c in (yield from _classes())]
    return {c.name: c for c in configs}


def list_simple() -> Op[dict[str, CollectionConfigSimple]]:
    from wvorm_core._ops.config_parse import parse_collection_simple

    configs = [parse_collection_simple(c) for c in (yield from _classes())]
    return {c.name: c for c in configs}


def delete_all() -> Op[None]:
    for name in (yield from list_names()):
        yield from delete(name)


def config_body(config: CollectionConfig) -> dict[str, object]:
    from wvorm_core.outputs.config import CollectionConfig

    if not isinstance(config, CollectionConfig):
        raise WeaviateInvalidInputError(
            f"create_from_config takes a CollectionConfig (from config.get()), got {config!r}"
        )
    return config.to_dict()
