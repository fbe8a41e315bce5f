"""Reading and changing one collection's configuration over REST `/v1/schema/{name}`.

The replies are parsed by `_ops.config_parse`, imported on first use (see its docstring)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Literal
from urllib.parse import quote

from wvorm_core._ops import json_values as jv
from wvorm_core._ops.calls import Op, rest
from wvorm_core._ops.json_values import JsonObject
from wvorm_core.classes.config import (
    AnyReferenceProperty,
    GenerativeProvider,
    InvertedIndexConfigUpdate,
    MultiTenancyConfigUpdate,
    Property,
    ReferenceProperty,
    ReferencePropertyMultiTarget,
    ReplicationConfigUpdate,
    RerankerProvider,
    VectorConfig,
    VectorConfigUpdate,
    check_collection_name,
    check_property_name,
)
from wvorm_core.exceptions import WeaviateError, WeaviateInvalidInputError

if TYPE_CHECKING:
    from wvorm_core.outputs.config import CollectionConfig, CollectionConfigSimple, ShardStatus


def schema_path(name: str) -> str:
    return f"/schema/{quote(check_collection_name(name))}"


def get_schema(name: str) -> Op[dict[str, object]]:
    """The raw schema JSON of one collection."""
    reply = yield from rest("GET", schema_path(name), context=f"get collection {name!r}")
    body = reply.json()
    if not isinstance(body, dict):
        raise WeaviateError(f"collection {name!r}: unexpected schema reply {reply.body[:200]!r}")
    return body


def physical_name(name: str) -> Op[str]:
    """The collection `name` stands for: an alias's target, or `name` itself.

    The server reads a collection through an alias but refuses schema changes addressed to
    one, so the calls that change a collection resolve the name first.
    """
    from wvorm_core._ops import alias

    found = yield from alias.get(name)
    return found.collection if found is not None else name


def get_full(name: str) -> Op[CollectionConfig]:
    from wvorm_core._ops.config_parse import parse_collection

    return parse_collection((yield from get_schema(name)))


def get_simple(name: str) -> Op[CollectionConfigSimple]:
    from wvorm_core._ops.config_parse import parse_collection_simple

    return parse_collection_simple((yield from get_schema(name)))


def _merge(base: Mapping[str, object], changes: Mapping[str, object]) -> dict[str, object]:
    out = dict(base)
    for key, value in changes.items():
        current = out.get(key)
        if isinstance(value, Mapping) and isinstance(current, Mapping):
            out[key] = _merge(current, value)
        else:
            out[key] = value
    return out


def _merge_vector(body: dict[str, object], update: VectorConfigUpdate, collection: str) -> None:
    vectors = dict(jv.obj(body.get("vectorConfig")))
    current = vectors.get(update.name)
    if not isinstance(current, Mapping):
        raise WeaviateInvalidInputError(
            f"collection {collection!r} has no vector {update.name!r} (it has {sorted(vectors)})"
        )
    index = update.vector_index_config
    kind = current.get("vectorIndexType")
    if kind != index.index_type.value:
        raise WeaviateInvalidInputError(
            f"vector {update.name!r} of {collection!r} has a {kind} index; "
            f"use Reconfigure.VectorIndex.{kind}(...)"
        )
    settings = _merge(jv.obj(current.get("vectorIndexConfig")), index.settings)
    vectors[update.name] = {**current, "vectorIndexConfig": settings}
    body["vectorConfig"] = vectors


def update_body(
    body: dict[str, object],
    *,
    description: str | None = None,
    property_descriptions: Mapping[str, str] | None = None,
    inverted_index_config: InvertedIndexConfigUpdate | None = None,
    multi_tenancy_config: MultiTenancyConfigUpdate | None = None,
    replication_config: ReplicationConfigUpdate | None = None,
    vector_config: VectorConfigUpdate | Sequence[VectorConfigUpdate] | None = None,
    generative_config: GenerativeProvider | None = None,
    reranker_config: RerankerProvider | None = None,
) -> dict[str, object]:
    """The current schema `body` with the changes applied (the `PUT` body)."""
    name = str(body.get("class"))
    out = dict(body)
    if description is not None:
        out["description"] = description
    if property_descriptions:
        props = [dict(jv.obj(p)) for p in jv.items(out.get("properties"))]
        unknown = sorted(set(property_descriptions) - {str(p.get("name")) for p in props})
        if unknown:
            raise WeaviateInvalidInputError(f"collection {name!r} has no properties {unknown}")
        for prop in props:
            if prop.get("name") in property_descriptions:
                prop["description"] = property_descriptions[str(prop["name"])]
        out["properties"] = props
    for key, change in (
        ("invertedIndexConfig", inverted_index_config),
        ("multiTenancyConfig", multi_tenancy_config),
        ("replicationConfig", replication_config),
    ):
        if change is not None:
            out[key] = _merge(jv.obj(out.get(key)), change.settings)
    for vector in (
        [vector_config] if isinstance(vector_config, VectorConfigUpdate) else vector_config or ()
    ):
        _merge_vector(out, vector, name)
    modules = dict(jv.obj(out.get("moduleConfig")))
    for prefix, provider in (("generative-", generative_config), ("reranker-", reranker_config)):
        if provider is not None:
            modules = {k: v for k, v in modules.items() if not k.startswith(prefix)}
            modules[provider.module] = dict(provider.settings)
    if modules:
        out["moduleConfig"] = modules
    return out


def put_schema(body: dict[str, object]) -> Op[None]:
    name = str(body["class"])
    yield from rest("PUT", schema_path(name), json=body, context=f"update collection {name!r}")


def update_from_dict(name: str, changes: Mapping[str, object]) -> Op[None]:
    """Deep-merge `changes` (schema JSON) into the live schema and write it back."""
    if not isinstance(changes, Mapping):
        raise WeaviateInvalidInputError(
            f"update_from_dict takes a schema dict, got {type(changes).__name__}"
        )
    renamed = changes.get("class")
    if renamed is not None and renamed != check_collection_name(name):
        raise WeaviateInvalidInputError(
            f"update_from_dict: collection {name!r} cannot be renamed to {renamed!r}"
        )
    current = yield from get_schema(name)
    yield from put_schema(_merge(current, changes))


def check_property_dict(prop: object) -> JsonObject:
    """A user-given property JSON, checked for what can be known before the network."""
    if not isinstance(prop, Mapping):
        raise WeaviateInvalidInputError(
            f"add_property_from_dict takes a property dict, got {type(prop).__name__}"
        )
    name = prop.get("name")
    if not isinstance(name, str):
        raise WeaviateInvalidInputError(f"add_property_from_dict: no 'name' string in {prop!r}")
    check_property_name(name)
    data_type = prop.get("dataType")
    if not (
        isinstance(data_type, list) and data_type and all(isinstance(t, str) for t in data_type)
    ):
        raise WeaviateInvalidInputError(
            f"property {name!r}: dataType must be a non-empty list of type names, got {data_type!r}"
        )
    return {str(k): v for k, v in prop.items()}


def add_property_from_dict(name: str, prop: JsonObject) -> Op[None]:
    """POST a property or reference given as REST JSON."""
    collection = yield from physical_name(name)
    yield from rest(
        "POST",
        f"{schema_path(collection)}/properties",
        json=dict(prop),
        context=f"add property {prop.get('name')!r} to {name!r}",
    )


def vectorizer_modules(body: JsonObject) -> list[str]:
    """The vectorizer modules of a collection's schema JSON, `none` left out."""
    modules: set[str] = set()
    for vector in jv.obj(body.get("vectorConfig")).values():
        modules.update(m for m in jv.obj(jv.obj(vector).get("vectorizer")) if m != "none")
    return sorted(modules)


def add_property(name: str, prop: Property | AnyReferenceProperty) -> Op[None]:
    """Add a property or reference; a property's vectorizer settings go to every module."""
    body = yield from get_schema(name)
    if prop.name in {str(jv.obj(p).get("name")) for p in jv.items(body.get("properties"))}:
        raise WeaviateInvalidInputError(f"collection {name!r} already has a property {prop.name!r}")
    payload = (
        prop.to_dict(vectorizer_modules(body)) if isinstance(prop, Property) else prop.to_dict()
    )
    yield from rest(
        "POST",
        f"{schema_path(str(body.get('class') or name))}/properties",
        json=payload,
        context=f"add property {prop.name!r} to {name!r}",
    )


def add_vector(name: str, vectors: Sequence[VectorConfig]) -> Op[None]:
    """Add named vectors to an existing collection."""
    body = yield from get_schema(name)
    current = dict(jv.obj(body.get("vectorConfig")))
    clash = sorted(v.name for v in vectors if v.name in current)
    if clash:
        raise WeaviateInvalidInputError(f"collection {name!r} already has vectors {clash}")
    names = {str(jv.obj(p).get("name")) for p in jv.items(body.get("properties"))}
    for vector in vectors:
        unknown = sorted(set(vector.source_properties or ()) - names)
        if unknown:
            raise WeaviateInvalidInputError(
                f"vector {vector.name!r}: source properties {unknown} are not properties "
                f"of {name!r}"
            )
        current[vector.name] = vector.to_dict()
    yield from put_schema({**body, "vectorConfig": current})


def get_shards(name: str, tenant: str | None = None) -> Op[list[ShardStatus]]:
    params = {"tenant": tenant} if tenant else None
    reply = yield from rest(
        "GET", f"{schema_path(name)}/shards", params=params, context=f"shards of {name!r}"
    )
    from wvorm_core._ops.config_parse import parse_shards

    return parse_shards(reply.json())


ShardStatusInput = Literal["READY", "READONLY"]


def update_shards(
    name: str,
    status: ShardStatusInput,
    shard_names: Sequence[str] | None,
    tenant: str | None = None,
) -> Op[list[ShardStatus]]:
    """Set the status of the given shards (all when None); returns every shard's status."""
    if status not in ("READY", "READONLY"):
        raise WeaviateInvalidInputError(f"shard status must be READY or READONLY, got {status!r}")
    targets = list(shard_names) if shard_names is not None else None
    if targets is None:
        targets = [s.name for s in (yield from get_shards(name, tenant))]
    for shard in targets:
        yield from rest(
            "PUT",
            f"{schema_path(name)}/shards/{quote(shard)}",
            json={"status": status},
            context=f"update shard {shard!r} of {name!r}",
        )
    return (yield from get_shards(name, tenant))


def update(
    name: str,
    description: str | None,
    property_descriptions: Mapping[str, str] | None,
    inverted_index_config: InvertedIndexConfigUpdate | None,
    multi_tenancy_config: MultiTenancyConfigUpdate | None,
    replication_config: ReplicationConfigUpdate | None,
    vector_config: VectorConfigUpdate | Sequence[VectorConfigUpdate] | None,
    generative_config: GenerativeProvider | None,
    reranker_config: RerankerProvider | None,
) -> Op[None]:
    """Read the collection's schema, apply the changes given, and write it back."""
    current = yield from get_schema(name)
    body = update_body(
        current,
        description=description,
        property_descriptions=property_descriptions,
        inverted_index_config=inverted_index_config,
        multi_tenancy_config=multi_tenancy_config,
        replication_config=replication_config,
        vector_config=vector_config,
        generative_config=generative_config,
        reranker_config=reranker_config,
    )
    yield from put_schema(body)


def check_vectors(vector_config: VectorConfig | Sequence[VectorConfig]) -> list[VectorConfig]:
    vectors = [vector_config] if isinstance(vector_config, VectorConfig) else list(vector_config)
    if not vectors:
        raise WeaviateInvalidInputError("add_vector: no vectors given")
    return vectors


def check_reference(
    ref: ReferenceProperty | ReferencePropertyMultiTarget,
) -> ReferenceProperty | ReferencePropertyMultiTarget:
    if not isinstance(ref, (ReferenceProperty, ReferencePropertyMultiTarget)):
        raise WeaviateInvalidInputError(f"add_reference takes a ReferenceProperty, got {ref!r}")
    return ref


def check_property(prop: Property) -> Property:
    if not isinstance(prop, Property):
        raise WeaviateInvalidInputError(f"add_property takes a Property, got {prop!r}")
    return prop
