"""Schema snapshots: collection name -> class JSON, normalized so that like compares with like.

Normalization (the same for the models' desired state and the server's live state):
- null members are dropped: null and absent mean the same;
- everything a schema leaves to the server is filled with the v1.39 default (`_defaults`), so a
  setting removed from a model reads as "back to the default";
- a `bm25` given with only `b` or `k1` gets 0 for the other, as the server stores it;
- `shardingConfig.actualCount`/`actualVirtualCount` are dropped (the server's running state),
  and so is `desiredVirtualCount` when it is `desiredCount * virtualPerPhysical` (derived);
- a multi-tenant collection has no `shardingConfig` (the server reports one full of zeros);
- an empty `replicationConfig.asyncConfig` is dropped (the server stores `{}` for unset), and
  `asyncEnabled` is false with a replication factor of 1 (the server stores it so: there is no
  other replica to repair from);
- vector index configs keep only the keys the server keeps, and lose `skipDefaultQuantization`
  and `trackDefaultQuantization` (server bookkeeping);
- reference properties lose their `moduleConfig`: the server fills one per vectorizer module
  and no vectorizer reads it;
- properties (and nested properties) are sorted by name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeAlias

from wvorm.migrate import _defaults
from wvorm.migrate._json import JsonObject, as_list, as_object, drop_nulls, merged, restricted
from wvorm.model import WvModel, info_of
from wvorm_core.classes.config import collection_schema
from wvorm_core.exceptions import WeaviateInvalidInputError

Snapshot: TypeAlias = dict[str, dict[str, object]]
"""Collection name -> normalized REST class JSON (the form `GET /v1/schema` returns)."""

_TEXT = frozenset({"text", "text[]"})


def is_reference(prop: Mapping[str, object]) -> bool:
    """Whether a property JSON is a reference (its data types name collections)."""
    types = [str(t) for t in as_list(prop.get("dataType"))]
    return bool(types) and all(t[:1].isupper() for t in types)


def _property(raw: Mapping[str, object]) -> JsonObject:
    prop = dict(raw)
    types = [str(t) for t in as_list(prop.get("dataType"))]
    text = bool(set(types) & _TEXT)
    defaults: JsonObject = {
        "indexFilterable": True,
        "indexSearchable": text,
        "indexRangeFilters": False,
    }
    if text:
        defaults["tokenization"] = "word"
    prop = {**defaults, **prop}
    if is_reference(prop):
        prop.pop("moduleConfig", None)
    nested = as_list(prop.get("nestedProperties"))
    if nested:
        prop["nestedProperties"] = _properties(nested)
    return prop


def _properties(items: list[object]) -> list[object]:
    props = sorted((_property(as_object(p)) for p in items), key=_name)
    return list(props)


def _name(prop: JsonObject) -> str:
    return str(prop.get("name"))


def vector_index(index_type: str, config: Mapping[str, object]) -> JsonObject:
    """A vector index config with the server's defaults, restricted to the keys it keeps."""
    defaults = _defaults.VECTOR_INDEXES.get(index_type)
    if defaults is None:
        return dict(config)
    return restricted(merged(defaults, config), defaults)


def _vectorizer(raw: object) -> JsonObject:
    modules = as_object(raw)
    out: JsonObject = {}
    for module, settings in modules.items():
        known = _defaults.VECTORIZER_SETTINGS.get(module)
        if known is None:
            known = _defaults.TEXT2VEC_SETTINGS if module.startswith("text2vec-") else {}
        out[module] = merged(known, as_object(settings))
    return out


def _named_vector(raw: Mapping[str, object]) -> JsonObject:
    vector = dict(raw)
    index_type = str(vector.get("vectorIndexType", "hnsw"))
    vector["vectorIndexType"] = index_type
    vector["vectorIndexConfig"] = vector_index(
        index_type, as_object(vector.get("vectorIndexConfig"))
    )
    vector["vectorizer"] = _vectorizer(vector.get("vectorizer", {"none": {}}))
    return vector


def _inverted(raw: Mapping[str, object]) -> JsonObject:
    given = dict(raw)
    if "bm25" in given:
        given["bm25"] = {"b": 0, "k1": 0, **as_object(given["bm25"])}
    return merged(_defaults.INVERTED_INDEX, given)


def _sharding(raw: Mapping[str, object]) -> JsonObject:
    sharding = merged(_defaults.SHARDING, raw)
    sharding.pop("actualCount", None)
    sharding.pop("actualVirtualCount", None)
    count, per_physical = sharding.get("desiredCount"), sharding.get("virtualPerPhysical")
    derived = (
        count * per_physical if isinstance(count, int) and isinstance(per_physical, int) else None
    )
    if derived is not None and sharding.get("desiredVirtualCount") == derived:
        sharding.pop("desiredVirtualCount")
    return sharding


def normalize_class(raw: Mapping[str, object]) -> JsonObject:
    """One class JSON in normalized form (module docstring)."""
    cls = as_object(drop_nulls(dict(raw)))
    name = cls.get("class")
    if not isinstance(name, str):
        raise WeaviateInvalidInputError(f"a class JSON needs a 'class' name, got {name!r}")
    cls["invertedIndexConfig"] = _inverted(as_object(cls.get("invertedIndexConfig")))
    tenancy = merged(_defaults.MULTI_TENANCY, as_object(cls.get("multiTenancyConfig")))
    cls["multiTenancyConfig"] = tenancy
    replication = merged(_defaults.REPLICATION, as_object(cls.get("replicationConfig")))
    if replication.get("factor") == 1:
        replication["asyncEnabled"] = False
    if replication.get("asyncConfig") == {}:
        replication.pop("asyncConfig")
    cls["replicationConfig"] = replication
    if tenancy.get("enabled"):
        cls.pop("shardingConfig", None)
    else:
        cls["shardingConfig"] = _sharding(as_object(cls.get("shardingConfig")))
    cls["properties"] = _properties(as_list(cls.get("properties")))
    named = as_object(cls.get("vectorConfig"))
    if named:
        cls["vectorConfig"] = {k: _named_vector(as_object(v)) for k, v in named.items()}
    else:
        cls.pop("vectorConfig", None)
        index_type = str(cls.get("vectorIndexType", "hnsw"))
        cls["vectorizer"] = cls.get("vectorizer", "none")
        cls["vectorIndexType"] = index_type
        cls["vectorIndexConfig"] = vector_index(index_type, as_object(cls.get("vectorIndexConfig")))
    if not as_object(cls.get("moduleConfig")):
        cls.pop("moduleConfig", None)
    return cls


def normalize(classes: Iterable[Mapping[str, object]]) -> Snapshot:
    """The live state: a snapshot of the server's class JSON (`GET /v1/schema` `classes`)."""
    snapshot: Snapshot = {}
    for raw in classes:
        cls = normalize_class(raw)
        snapshot[str(cls["class"])] = cls
    return snapshot


def with_targets(models: Iterable[type[WvModel]]) -> list[type[WvModel]]:
    """`models` and every model they reference, reference targets first."""
    ordered: list[type[WvModel]] = []

    def visit(model: type[WvModel], seen: frozenset[type[WvModel]]) -> None:
        if model in ordered or model in seen:
            return
        for field in info_of(model).fields.values():
            for target in field.targets:
                visit(target, seen | {model})
        ordered.append(model)

    for model in models:
        visit(model, frozenset())
    return ordered


def snapshot_of(models: Iterable[type[WvModel]]) -> Snapshot:
    """The desired state: the snapshot of the collections `models` declare (and reference)."""
    snapshot: Snapshot = {}
    for model in with_targets(models):
        info = info_of(model)
        if info.collection in snapshot:
            raise WeaviateInvalidInputError(
                f"two models declare the collection {info.collection!r}"
            )
        snapshot[info.collection] = normalize_class(collection_schema(**info.create_arguments()))
    return snapshot
