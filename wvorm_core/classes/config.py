"""Collection configuration inputs, in the shape of the official client's
`weaviate.classes.config`: `Configure`, `Reconfigure`, `Property`, `DataType`, ..."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum

from wvorm_core.classes._legacy_vectors import (
    DeprecatedAlias,
    _LegacyNamedVectors,
    _LegacyVectorizer,
)
from wvorm_core.classes._module_names import GenerativeSearches, Rerankers, Vectorizers
from wvorm_core.classes._modules import GenerativeProvider, RerankerProvider, _Generative, _Reranker
from wvorm_core.classes._properties import (
    AnyReferenceProperty,
    DataType,
    Property,
    ReferenceProperty,
    ReferencePropertyMultiTarget,
    TextAnalyzerConfigCreate,
    Tokenization,
    check_collection_name,
    check_property_name,
)
from wvorm_core.classes._stopwords import StopwordsCreate, StopwordsPreset
from wvorm_core.classes._vector_index import (
    JSON,
    MultiVectorAggregation,
    MultiVectorConfigCreate,
    MuveraEncoding,
    PQEncoderDistribution,
    PQEncoderType,
    QuantizerConfig,
    VectorDistances,
    VectorFilterStrategy,
    VectorIndexConfig,
    VectorIndexType,
    VectorIndexUpdate,
    _VectorIndex,
    _VectorIndexUpdate,
    drop_none,
)
from wvorm_core.classes._vectorizers import (
    Multi2VecField,
    TextVectorizerOptions,
    VectorConfig,
    VectorConfigUpdate,
    _MultiVectors,
    _Vectors,
)
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.outputs.indexes import PropertyIndexName as IndexName

__all__ = [
    "AnyReferenceProperty",
    "Configure",
    "ConsistencyLevel",
    "DataType",
    "GenerativeProvider",
    "GenerativeSearches",
    "IndexName",
    "InvertedIndexConfigCreate",
    "InvertedIndexConfigUpdate",
    "Multi2VecField",
    "MultiTenancyConfigCreate",
    "MultiTenancyConfigUpdate",
    "MultiVectorAggregation",
    "MultiVectorConfigCreate",
    "MuveraEncoding",
    "PQEncoderDistribution",
    "PQEncoderType",
    "Property",
    "QuantizerConfig",
    "Reconfigure",
    "ReferenceProperty",
    "ReferencePropertyMultiTarget",
    "ReplicationConfigCreate",
    "ReplicationConfigUpdate",
    "ReplicationDeletionStrategy",
    "RerankerProvider",
    "Rerankers",
    "ShardingConfigCreate",
    "StopwordsCreate",
    "StopwordsPreset",
    "TextAnalyzerConfigCreate",
    "TextVectorizerOptions",
    "Tokenization",
    "VectorConfig",
    "VectorConfigUpdate",
    "VectorDistances",
    "VectorFilterStrategy",
    "VectorIndexConfig",
    "VectorIndexType",
    "VectorIndexUpdate",
    "Vectorizers",
    "check_collection_name",
    "check_property_name",
    "collection_schema",
]


class ConsistencyLevel(str, Enum):
    """How many replicas must answer a read or acknowledge a write."""

    ONE = "ONE"
    QUORUM = "QUORUM"
    ALL = "ALL"


class ReplicationDeletionStrategy(str, Enum):
    """How replicas resolve a conflict between a deletion and a write."""

    NO_AUTOMATED_RESOLUTION = "NoAutomatedResolution"
    DELETE_ON_CONFLICT = "DeleteOnConflict"
    TIME_BASED_RESOLUTION = "TimeBasedResolution"


@dataclass(frozen=True)
class _Settings:
    """A group of collection settings as the server's JSON (the classes below name the group)."""

    settings: JSON = field(default_factory=dict)


class InvertedIndexConfigCreate(_Settings):
    """Inverted index settings for `collections.create`, in the server's JSON names."""


class InvertedIndexConfigUpdate(_Settings):
    """Changes to the inverted index settings (merged into the current ones)."""


class MultiTenancyConfigCreate(_Settings):
    """Multi-tenancy settings for `collections.create`."""


class MultiTenancyConfigUpdate(_Settings):
    """Changes to the multi-tenancy settings."""


class ReplicationConfigCreate(_Settings):
    """Replication settings for `collections.create`."""


class ReplicationConfigUpdate(_Settings):
    """Changes to the replication settings."""


class ShardingConfigCreate(_Settings):
    """Sharding settings for `collections.create` (fixed once created)."""


def _stopwords(
    preset: StopwordsPreset | None, additions: list[str] | None, removals: list[str] | None
) -> dict[str, object] | None:
    if additions and removals and set(additions) & set(removals):
        raise WeaviateInvalidInputError(
            f"stopwords: {sorted(set(additions) & set(removals))} both added and removed"
        )
    return drop_none(preset=preset, additions=additions, removals=removals) or None


def _presets(presets: Mapping[str, Sequence[str]] | None) -> dict[str, list[str]] | None:
    if presets is None:
        return None
    for name, words in presets.items():
        if not name.strip() or isinstance(words, str) or not words:
            raise WeaviateInvalidInputError(
                f"stopword preset {name!r}: give a non-empty name and a non-empty list of words"
            )
    return {name: list(words) for name, words in presets.items()}


_BM25_DEFAULTS = {"b": 0.75, "k1": 1.2}


def _bm25(b: float | None, k1: float | None, complete: bool = False) -> dict[str, object] | None:
    """The `bm25` settings; `complete` fills the one not given with the server's default,
    because a new collection created with only one of them gets 0 for the other."""
    if b is not None and not 0 <= b <= 1:
        raise WeaviateInvalidInputError(f"bm25_b must be between 0 and 1, got {b}")
    if k1 is not None and k1 < 0:
        raise WeaviateInvalidInputError(f"bm25_k1 must not be negative, got {k1}")
    given = drop_none(b=b, k1=k1)
    return ({**_BM25_DEFAULTS, **given} if complete else given) if given else None


def _replication(
    factor: int | None, async_enabled: bool | None, strategy: ReplicationDeletionStrategy | None
) -> dict[str, object]:
    if factor is not None and factor < 1:
        raise WeaviateInvalidInputError(f"replication factor must be 1 or more, got {factor}")
    return drop_none(factor=factor, asyncEnabled=async_enabled, deletionStrategy=strategy)


class Configure:
    """Builders for `collections.create(...)` settings."""

    Vectors = _Vectors
    MultiVectors = _MultiVectors
    Vectorizer = DeprecatedAlias(_LegacyVectorizer, "Configure.Vectorizer", "Configure.Vectors")
    NamedVectors = DeprecatedAlias(
        _LegacyNamedVectors, "Configure.NamedVectors", "Configure.Vectors"
    )
    VectorIndex = _VectorIndex
    Generative = _Generative
    Reranker = _Reranker

    @staticmethod
    def inverted_index(
        *,
        bm25_b: float | None = None,
        bm25_k1: float | None = None,
        cleanup_interval_seconds: int | None = None,
        index_timestamps: bool | None = None,
        index_property_length: bool | None = None,
        index_null_state: bool | None = None,
        stopwords_preset: StopwordsPreset | None = None,
        stopwords_additions: list[str] | None = None,
        stopwords_removals: list[str] | None = None,
        stopword_presets: Mapping[str, Sequence[str]] | None = None,
    ) -> InvertedIndexConfigCreate:
        """BM25 parameters, stopwords, and which metadata the inverted index covers.

        `stopword_presets` are named stopword lists that properties can pick with
        `Configure.text_analyzer(stopword_preset=...)`.
        """
        return InvertedIndexConfigCreate(
            drop_none(
                bm25=_bm25(bm25_b, bm25_k1, complete=True),
                cleanupIntervalSeconds=cleanup_interval_seconds,
                indexTimestamps=index_timestamps,
                indexPropertyLength=index_property_length,
                indexNullState=index_null_state,
                stopwords=_stopwords(stopwords_preset, stopwords_additions, stopwords_removals),
                stopwordPresets=_presets(stopword_presets),
            )
        )

    @staticmethod
    def text_analyzer(
        *,
        ascii_fold: bool | None = None,
        ascii_fold_ignore: Sequence[str] | None = None,
        stopword_preset: StopwordsPreset | str | None = None,
    ) -> TextAnalyzerConfigCreate:
        """Text analysis of a text property (`Property(text_analyzer=...)`); fixed once created."""
        preset = (
            stopword_preset.value
            if isinstance(stopword_preset, StopwordsPreset)
            else stopword_preset
        )
        return TextAnalyzerConfigCreate(ascii_fold, ascii_fold_ignore, preset)

    @staticmethod
    def multi_tenancy(
        enabled: bool = True,
        *,
        auto_tenant_creation: bool | None = None,
        auto_tenant_activation: bool | None = None,
    ) -> MultiTenancyConfigCreate:
        """Multi-tenancy: one shard per tenant, tenants created explicitly or on first write."""
        if not enabled and (auto_tenant_creation or auto_tenant_activation):
            raise WeaviateInvalidInputError(
                "multi_tenancy: auto tenant creation/activation need enabled=True"
            )
        return MultiTenancyConfigCreate(
            drop_none(
                enabled=enabled,
                autoTenantCreation=auto_tenant_creation,
                autoTenantActivation=auto_tenant_activation,
            )
        )

    @staticmethod
    def replication(
        factor: int | None = None,
        *,
        async_enabled: bool | None = None,
        deletion_strategy: ReplicationDeletionStrategy | None = None,
    ) -> ReplicationConfigCreate:
        """How many copies of each shard the cluster keeps, and how they reconcile."""
        return ReplicationConfigCreate(_replication(factor, async_enabled, deletion_strategy))

    @staticmethod
    def sharding(
        *,
        virtual_per_physical: int | None = None,
        desired_count: int | None = None,
        desired_virtual_count: int | None = None,
    ) -> ShardingConfigCreate:
        """How objects are spread over shards (not for multi-tenant collections)."""
        for label, value in (
            ("virtual_per_physical", virtual_per_physical),
            ("desired_count", desired_count),
            ("desired_virtual_count", desired_virtual_count),
        ):
            if value is not None and value < 1:
                raise WeaviateInvalidInputError(f"sharding {label} must be 1 or more, got {value}")
        return ShardingConfigCreate(
            drop_none(
                virtualPerPhysical=virtual_per_physical,
                desiredCount=desired_count,
                desiredVirtualCount=desired_virtual_count,
            )
        )


class _VectorsUpdate:
    @staticmethod
    def update(
        *, name: str = "default", vector_index_config: VectorIndexUpdate
    ) -> VectorConfigUpdate:
        """Changes to the index of the named vector `name`."""
        return VectorConfigUpdate(name, vector_index_config)


class Reconfigure:
    """Builders for `collection.config.update(...)`: only what the server can change."""

    Vectors = _VectorsUpdate
    VectorIndex = _VectorIndexUpdate
    Generative = _Generative
    Reranker = _Reranker

    @staticmethod
    def inverted_index(
        *,
        bm25_b: float | None = None,
        bm25_k1: float | None = None,
        cleanup_interval_seconds: int | None = None,
        stopwords_preset: StopwordsPreset | None = None,
        stopwords_additions: list[str] | None = None,
        stopwords_removals: list[str] | None = None,
        stopword_presets: Mapping[str, Sequence[str]] | None = None,
    ) -> InvertedIndexConfigUpdate:
        """Change BM25 parameters, stopwords, stopword presets or the cleanup interval."""
        return InvertedIndexConfigUpdate(
            drop_none(
                bm25=_bm25(bm25_b, bm25_k1),
                cleanupIntervalSeconds=cleanup_interval_seconds,
                stopwords=_stopwords(stopwords_preset, stopwords_additions, stopwords_removals),
                stopwordPresets=_presets(stopword_presets),
            )
        )

    text_analyzer = staticmethod(Configure.text_analyzer)

    @staticmethod
    def multi_tenancy(
        *, auto_tenant_creation: bool | None = None, auto_tenant_activation: bool | None = None
    ) -> MultiTenancyConfigUpdate:
        """Switch automatic tenant creation or activation on or off."""
        return MultiTenancyConfigUpdate(
            drop_none(
                autoTenantCreation=auto_tenant_creation,
                autoTenantActivation=auto_tenant_activation,
            )
        )

    @staticmethod
    def replication(
        *,
        factor: int | None = None,
        async_enabled: bool | None = None,
        deletion_strategy: ReplicationDeletionStrategy | None = None,
    ) -> ReplicationConfigUpdate:
        """Change the replication factor, async replication or the deletion strategy."""
        return ReplicationConfigUpdate(_replication(factor, async_enabled, deletion_strategy))


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


def collection_schema(
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
    """The REST schema JSON `client.collections.create(...)` sends for these arguments.

    Bad input raises `WeaviateInvalidInputError`, as `create` would, before anything is sent.
    """
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
