"""Collection settings from schema JSON as the `Configure` calls that make them.

Every key of a section is either turned into an argument, known to hold the server's default
(left out), known to be derived by the server (actual shard counts), or an `InspectError`:
nothing is dropped without a rule saying why.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

from wvorm._codegen_render import Expr, call, literal
from wvorm_core.classes.config import (
    MultiVectorAggregation,
    PQEncoderDistribution,
    PQEncoderType,
    ReplicationDeletionStrategy,
    StopwordsPreset,
    VectorDistances,
    VectorFilterStrategy,
)


class InspectError(ValueError):
    """A live schema setting that a `WvModel` cannot declare; names the collection and setting."""


_MISSING: Any = object()


class Section:
    """One JSON object of a collection's schema, read key by key.

    `finish()` raises for every key that was not read, so a setting this module does not know
    is reported instead of lost.
    """

    def __init__(self, collection: str, path: str, data: object) -> None:
        self.collection = collection
        self.path = path
        self._data: Mapping[str, object] = data if isinstance(data, Mapping) else {}
        if data is not None and not isinstance(data, Mapping):
            self.fail(f"expected a JSON object, got {data!r}")
        self._read: set[str] = set()

    def fail(self, problem: str, key: str | None = None) -> InspectError:
        where = f"{self.path}.{key}" if key else self.path
        return InspectError(f"collection {self.collection!r}, setting {where}: {problem}")

    def has(self, key: str) -> bool:
        return key in self._data

    def raw(self, key: str, default: object = None) -> object:
        self._read.add(key)
        return self._data.get(key, default)

    def sub(self, key: str) -> Section:
        return Section(self.collection, f"{self.path}.{key}", self.raw(key))

    def value(self, key: str, default: object) -> object | None:
        """The value, or None when it equals the server default."""
        value = self.raw(key, _MISSING)
        if value is _MISSING or _same(value, default):
            return None
        return value

    def fixed(self, key: str, *allowed: object) -> None:
        """The key must hold one of `allowed` (absent counts as None): a WvModel can't set it."""
        value = self.raw(key)
        if not any(_same(value, a) for a in allowed):
            raise self.fail(f"{value!r} cannot be declared on a WvModel", key)

    def ignore(self, *keys: str) -> None:
        """Keys the server derives (they are not settings)."""
        self._read.update(keys)

    def names(self) -> list[str]:
        return list(self._data)

    def items(self) -> list[tuple[str, object]]:
        """Every key and value (all count as read)."""
        self._read.update(self._data)
        return list(self._data.items())

    def unread(self) -> list[str]:
        return sorted(set(self._data) - self._read)

    def finish(self) -> None:
        for key in self.unread():
            raise self.fail(f"{self._data[key]!r} cannot be declared on a WvModel", key)


def _same(value: object, default: object) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return value is default
    return value == default


Arguments = dict[str, Expr]


def _options(
    section: Section,
    table: Mapping[str, tuple[str, object] | tuple[str, object, type[Enum]]],
) -> Arguments:
    """Keyword arguments for the keys of `table` whose values differ from the defaults.

    `table` maps a JSON key to (argument name, server default[, enum of the value]).
    """
    out: Arguments = {}
    for key, entry in table.items():
        value = section.value(key, entry[1])
        if value is not None:
            out[entry[0]] = literal(entry[2](value) if len(entry) == 3 else value)
    return out


_HNSW: dict[str, tuple[str, object] | tuple[str, object, type[Enum]]] = {
    "distance": ("distance_metric", "cosine", VectorDistances),
    "ef": ("ef", -1),
    "efConstruction": ("ef_construction", 128),
    "maxConnections": ("max_connections", 32),
    "dynamicEfMin": ("dynamic_ef_min", 100),
    "dynamicEfMax": ("dynamic_ef_max", 500),
    "dynamicEfFactor": ("dynamic_ef_factor", 8),
    "filterStrategy": ("filter_strategy", "acorn", VectorFilterStrategy),
    "flatSearchCutoff": ("flat_search_cutoff", 40000),
    "vectorCacheMaxObjects": ("vector_cache_max_objects", 1_000_000_000_000),
    "cleanupIntervalSeconds": ("cleanup_interval_seconds", 300),
    "skip": ("skip", False),
}
_FLAT: dict[str, tuple[str, object] | tuple[str, object, type[Enum]]] = {
    "distance": ("distance_metric", "cosine", VectorDistances),
    "vectorCacheMaxObjects": ("vector_cache_max_objects", 1_000_000_000_000),
}
_QUANTIZERS = "Configure.VectorIndex.Quantizer"
# Per index type and quantizer: (argument name, server default) of each JSON key.
_HNSW_QUANTIZER: dict[str, dict[str, tuple[str, object]]] = {
    "pq": {"segments": ("segments", 0), "centroids": ("centroids", 256),
           "trainingLimit": ("training_limit", 100_000)},
    "bq": {"cache": ("cache", False), "rescoreLimit": ("rescore_limit", -1)},
    "sq": {"trainingLimit": ("training_limit", 100_000), "rescoreLimit": ("rescore_limit", 20),
           "cache": ("cache", False)},
    "rq": {"bits": ("bits", 8), "rescoreLimit": ("rescore_limit", 20), "cache": ("cache", False)},
}  # fmt: skip
_FLAT_QUANTIZER: dict[str, dict[str, tuple[str, object]]] = {
    "pq": {"cache": ("cache", False), "rescoreLimit": ("rescore_limit", -1)},
    "bq": {"cache": ("cache", False), "rescoreLimit": ("rescore_limit", -1)},
    "sq": {"cache": ("cache", False), "rescoreLimit": ("rescore_limit", -1)},
    "rq": {"cache": ("cache", False), "rescoreLimit": ("rescore_limit", -1), "bits": ("bits", 8)},
}
_FLAT_QUANTIZER_KINDS = ("bq", "rq")


def _quantizer(
    section: Section, defaults: dict[str, dict[str, tuple[str, object]]], usable: tuple[str, ...]
) -> Expr | None:
    """The one enabled quantizer as `Configure.VectorIndex.Quantizer.*(...)`; the disabled
    ones must hold their defaults."""
    found: Expr | None = None
    for kind, table in defaults.items():
        if not section.has(kind):
            continue
        quantizer = section.sub(kind)
        enabled = quantizer.raw("enabled") is True
        if enabled and kind not in usable:
            raise section.fail(f"the {kind} quantizer is not available on this index type", kind)
        if enabled and found is not None:
            raise section.fail("more than one quantizer is enabled", kind)
        arguments = _options(quantizer, {k: (a, d) for k, (a, d) in table.items()})
        if kind == "pq":
            quantizer.fixed("bitCompression", False, None)
            encoder = quantizer.sub("encoder")
            arguments.update(
                _options(
                    encoder,
                    {
                        "type": ("encoder_type", "kmeans", PQEncoderType),
                        "distribution": (
                            "encoder_distribution",
                            "log-normal",
                            PQEncoderDistribution,
                        ),
                    },
                )
            )
            encoder.finish()
        quantizer.finish()
        if enabled:
            found = call(f"{_QUANTIZERS}.{kind}", **arguments)
        elif arguments:
            raise section.fail(f"settings of the disabled {kind} quantizer", kind)
    return found


def _multi_vector(section: Section) -> Expr | None:
    multi = section.sub("multivector")
    enabled = multi.raw("enabled", False) is True
    aggregation = multi.value("aggregation", "maxSim")
    muvera = multi.sub("muvera")
    muvera_on = muvera.raw("enabled", False) is True
    encoding = _options(
        muvera, {"ksim": ("ksim", 4), "dprojections": ("dprojections", 16),
                 "repetitions": ("repetitions", 10)},
    )  # fmt: skip
    muvera.finish()
    multi.finish()
    if not enabled:
        if aggregation is not None or muvera_on or encoding:
            raise section.fail("settings of the disabled multi-vector index", "multivector")
        return None
    arguments: Arguments = {}
    if muvera_on:
        arguments["encoding"] = call(
            "Configure.VectorIndex.MultiVector.Encoding.muvera", **encoding
        )
    elif encoding:
        raise section.fail("settings of the disabled muvera encoding", "multivector.muvera")
    if aggregation is not None:
        arguments["aggregation"] = literal(MultiVectorAggregation(aggregation))
    return call("Configure.VectorIndex.MultiVector.multi_vector", **arguments)


def vector_index(section: Section, index_type: object) -> Arguments:
    """`vector_index_config=` (or just `quantizer=`) for a vector index."""
    section.fixed("skipDefaultQuantization", False, None)
    section.fixed("trackDefaultQuantization", False, None)
    if index_type == "hnsw":
        arguments = _options(section, _HNSW)
        quantizer = _quantizer(section, _HNSW_QUANTIZER, tuple(_HNSW_QUANTIZER))
        multi = _multi_vector(section) if section.has("multivector") else None
        if multi is not None:
            arguments["multi_vector"] = multi
        builder = "Configure.VectorIndex.hnsw"
    elif index_type == "flat":
        arguments = _options(section, _FLAT)
        quantizer = _quantizer(section, _FLAT_QUANTIZER, _FLAT_QUANTIZER_KINDS)
        builder = "Configure.VectorIndex.flat"
    else:
        raise section.fail(f"vector index type {index_type!r} is not supported by inspect")
    section.finish()
    if not arguments and index_type == "hnsw":
        return {"quantizer": quantizer} if quantizer is not None else {}
    if quantizer is not None:
        arguments["quantizer"] = quantizer
    return {"vector_index_config": call(builder, **arguments)}


# Typed vectorizer builders: module -> (builder, {JSON key: (argument, server default)}).
_VECTORIZERS: dict[str, tuple[str, dict[str, tuple[str, object]]]] = {
    "text2vec-transformers": (
        "text2vec_transformers",
        {
            "vectorizeClassName": ("vectorize_collection_name", True),
            "poolingStrategy": ("pooling_strategy", "masked_mean"),
            "dimensions": ("dimensions", None),
            "inferenceUrl": ("inference_url", None),
            "passageInferenceUrl": ("passage_inference_url", None),
            "queryInferenceUrl": ("query_inference_url", None),
        },
    ),
    "text2vec-bigram": (
        "text2vec_bigram",
        {"vectorizeClassName": ("vectorize_collection_name", True), "bigram": ("bigram", None)},
    ),
    "ref2vec-centroid": ("ref2vec_centroid", {"method": ("method", "mean")}),
}


def named_vector(collection: str, name: str, config: object) -> Expr:
    """One entry of `vectorConfig` as a `Configure.Vectors.*(...)` call."""
    section = Section(collection, f"vectorConfig.{name}", config)
    vectorizer = section.raw("vectorizer")
    if not isinstance(vectorizer, Mapping) or len(vectorizer) != 1:
        raise section.fail(f"expected one vectorizer module, got {vectorizer!r}", "vectorizer")
    [(module, settings_json)] = vectorizer.items()
    index = vector_index(section.sub("vectorIndexConfig"), section.raw("vectorIndexType"))
    section.finish()
    named: Arguments = {"name": literal(name)} if name != "default" else {}
    settings = Section(collection, f"vectorConfig.{name}.vectorizer.{module}", settings_json)
    if module == "none":
        settings.finish()
        return call("Configure.Vectors.self_provided", **named, **index)
    return _vectorizer(str(module), settings, named, index)


def _vectorizer(module: str, settings: Section, named: Arguments, index: Arguments) -> Expr:
    arguments: Arguments = dict(named)
    sources = settings.raw("properties")
    if module == "ref2vec-centroid":
        arguments["reference_properties"] = literal(settings.raw("referenceProperties"))
    elif sources is not None:
        arguments["source_properties"] = literal(sources)
    known = _VECTORIZERS.get(module)
    if known is not None:
        builder, table = known
        extra = _options(settings, table)
        if not settings.unread():  # else a setting the typed builder lacks: use `custom`
            return call(f"Configure.Vectors.{builder}", **arguments, **extra, **index)
    config = {k: v for k, v in settings.items() if k != "properties"}
    arguments.pop("reference_properties", None)
    module_config: Arguments = {"module_config": literal(config)} if config else {}
    return call(
        "Configure.Vectors.custom",
        **{"module_name": literal(module)},
        **arguments,
        **module_config,
        **index,
    )


def inverted_index(section: Section) -> Expr | None:
    bm25 = section.sub("bm25")
    arguments = _options(bm25, {"b": ("bm25_b", 0.75), "k1": ("bm25_k1", 1.2)})
    bm25.finish()
    arguments.update(
        _options(
            section,
            {
                "cleanupIntervalSeconds": ("cleanup_interval_seconds", 60),
                "indexTimestamps": ("index_timestamps", False),
                "indexPropertyLength": ("index_property_length", False),
                "indexNullState": ("index_null_state", False),
            },
        )
    )
    stopwords = section.sub("stopwords")
    arguments.update(
        _options(
            stopwords,
            {
                "preset": ("stopwords_preset", "en", StopwordsPreset),
                "additions": ("stopwords_additions", None),
                "removals": ("stopwords_removals", None),
            },
        )
    )
    stopwords.finish()
    presets = section.value("stopwordPresets", None)
    if presets:
        arguments["stopword_presets"] = literal(presets)
    section.fixed("usingBlockMaxWAND", True, None)
    section.finish()
    return call("Configure.inverted_index", **arguments) if arguments else None


def multi_tenancy(section: Section) -> tuple[Expr | None, bool]:
    """`multi_tenancy=` and whether the collection is multi-tenant."""
    enabled = section.raw("enabled", False) is True
    arguments = _options(
        section,
        {
            "autoTenantCreation": ("auto_tenant_creation", False),
            "autoTenantActivation": ("auto_tenant_activation", False),
        },
    )
    section.finish()
    if not enabled:
        if arguments:
            raise section.fail("auto tenant settings on a collection without multi-tenancy")
        return None, False
    return call("Configure.multi_tenancy", **arguments), True


def replication(section: Section) -> Expr | None:
    arguments = _options(
        section,
        {
            "factor": ("factor", 1),
            "asyncEnabled": ("async_enabled", False),
            "deletionStrategy": (
                "deletion_strategy",
                "TimeBasedResolution",
                ReplicationDeletionStrategy,
            ),
        },
    )
    section.finish()
    return call("Configure.replication", **arguments) if arguments else None


def sharding(section: Section, multi_tenant: bool) -> Expr | None:
    section.ignore("actualCount", "actualVirtualCount")
    if multi_tenant:  # one shard per tenant: the server reports empty sharding settings
        for key in ("virtualPerPhysical", "desiredCount", "desiredVirtualCount"):
            section.fixed(key, 0, None)
        for key in ("key", "strategy", "function"):
            section.fixed(key, "", None)
        section.finish()
        return None
    per_physical = section.raw("virtualPerPhysical", 128)
    desired = section.raw("desiredCount", 1)
    arguments: Arguments = {}
    if per_physical != 128:
        arguments["virtual_per_physical"] = literal(per_physical)
    if desired != 1:
        arguments["desired_count"] = literal(desired)
    virtual = section.raw("desiredVirtualCount")
    if not (isinstance(desired, int) and isinstance(per_physical, int)):
        raise section.fail(f"unexpected shard counts {desired!r}, {per_physical!r}")
    if virtual is not None and virtual != desired * per_physical:
        arguments["desired_virtual_count"] = literal(virtual)
    section.fixed("key", "_id", None)
    section.fixed("strategy", "hash", None)
    section.fixed("function", "murmur3", None)
    section.finish()
    return call("Configure.sharding", **arguments) if arguments else None


_PROVIDERS = {"generative": "Configure.Generative", "reranker": "Configure.Reranker"}


def modules(section: Section) -> dict[str, Expr]:
    """`generative=` and `reranker=` from the class `moduleConfig`."""
    out: dict[str, Expr] = {}
    for module in sorted(section.names()):
        kind = module.split("-", 1)[0]
        if kind not in _PROVIDERS:
            raise section.fail("module settings a WvModel cannot declare", module)
        if kind in out:
            raise section.fail(f"more than one {kind} module", module)
        config = section.raw(module)
        builder = _PROVIDERS[kind]
        if module == f"{kind}-dummy" and not config:
            out[kind] = call(f"{builder}.dummy")
        else:
            extra = (literal(config),) if config else ()
            out[kind] = call(f"{builder}.custom", literal(module), *extra)
    section.finish()
    return out
