"""Collection configuration inputs: `Property`, `DataType`, `Configure`, ... (v4 shapes)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum

from wvorm_core.exceptions import WeaviateInvalidInputError

_COLLECTION_NAME = re.compile(r"^[A-Za-z][_0-9A-Za-z]*$")
_PROPERTY_NAME = re.compile(r"^[_A-Za-z][_0-9A-Za-z]{0,230}$")

JSON = Mapping[str, object]


def check_collection_name(name: str) -> str:
    """Return `name` with its first letter capitalised, as Weaviate stores it."""
    if not isinstance(name, str) or not _COLLECTION_NAME.match(name):
        raise WeaviateInvalidInputError(
            f"invalid collection name {name!r}: use letters, digits and _, starting with a letter"
        )
    return name[0].upper() + name[1:]


def check_property_name(name: str) -> str:
    if not isinstance(name, str) or not _PROPERTY_NAME.match(name):
        raise WeaviateInvalidInputError(
            f"invalid property name {name!r}: use letters, digits and _, not starting with a digit"
        )
    return name


class DataType(str, Enum):
    """The data types of Weaviate properties."""

    TEXT = "text"
    TEXT_ARRAY = "text[]"
    INT = "int"
    INT_ARRAY = "int[]"
    NUMBER = "number"
    NUMBER_ARRAY = "number[]"
    BOOL = "boolean"
    BOOL_ARRAY = "boolean[]"
    DATE = "date"
    DATE_ARRAY = "date[]"
    UUID = "uuid"
    UUID_ARRAY = "uuid[]"
    GEO_COORDINATES = "geoCoordinates"
    PHONE_NUMBER = "phoneNumber"
    BLOB = "blob"
    OBJECT = "object"
    OBJECT_ARRAY = "object[]"


class Tokenization(str, Enum):
    """How text is split into tokens for the inverted index."""

    WORD = "word"
    LOWERCASE = "lowercase"
    WHITESPACE = "whitespace"
    FIELD = "field"
    TRIGRAM = "trigram"
    GSE = "gse"
    GSE_CH = "gse_ch"
    KAGOME_KR = "kagome_kr"
    KAGOME_JA = "kagome_ja"


class ConsistencyLevel(str, Enum):
    """How many replicas must answer a read or acknowledge a write."""

    ONE = "ONE"
    QUORUM = "QUORUM"
    ALL = "ALL"


class VectorDistances(str, Enum):
    """Distance metrics of a vector index."""

    COSINE = "cosine"
    DOT = "dot"
    L2_SQUARED = "l2-squared"
    HAMMING = "hamming"
    MANHATTAN = "manhattan"


_TEXT_TYPES = frozenset({DataType.TEXT, DataType.TEXT_ARRAY})
_OBJECT_TYPES = frozenset({DataType.OBJECT, DataType.OBJECT_ARRAY})


@dataclass(frozen=True)
class Property:
    """A property of a collection; `nested_properties` only for OBJECT and OBJECT_ARRAY."""

    name: str
    data_type: DataType
    description: str | None = None
    tokenization: Tokenization | None = None
    index_filterable: bool | None = None
    index_searchable: bool | None = None
    index_range_filters: bool | None = None
    nested_properties: Sequence[Property] | None = None
    skip_vectorization: bool = False
    vectorize_property_name: bool = True

    def __post_init__(self) -> None:
        check_property_name(self.name)
        if not isinstance(self.data_type, DataType):
            raise WeaviateInvalidInputError(
                f"property {self.name!r}: data_type must be a DataType, got {self.data_type!r}"
            )
        if self.nested_properties and self.data_type not in _OBJECT_TYPES:
            raise WeaviateInvalidInputError(
                f"property {self.name!r}: nested_properties need DataType.OBJECT or OBJECT_ARRAY"
            )
        if self.data_type in _OBJECT_TYPES and not self.nested_properties:
            raise WeaviateInvalidInputError(
                f"property {self.name!r}: an object property needs nested_properties"
            )
        if self.tokenization is not None and self.data_type not in _TEXT_TYPES:
            raise WeaviateInvalidInputError(
                f"property {self.name!r}: tokenization applies to text properties only"
            )

    def to_dict(self, vectorizers: Sequence[str] = ()) -> dict[str, object]:
        """The REST schema JSON of this property."""
        out: dict[str, object] = {"name": self.name, "dataType": [self.data_type.value]}
        optional = {
            "description": self.description,
            "tokenization": self.tokenization.value if self.tokenization else None,
            "indexFilterable": self.index_filterable,
            "indexSearchable": self.index_searchable,
            "indexRangeFilters": self.index_range_filters,
        }
        out.update({k: v for k, v in optional.items() if v is not None})
        if self.nested_properties:
            out["nestedProperties"] = [p.to_dict() for p in self.nested_properties]
        if vectorizers and (self.skip_vectorization or not self.vectorize_property_name):
            setting = {
                "skip": self.skip_vectorization,
                "vectorizePropertyName": self.vectorize_property_name,
            }
            out["moduleConfig"] = {module: setting for module in vectorizers}
        return out


@dataclass(frozen=True)
class ReferenceProperty:
    """A cross-reference from this collection to `target_collection`."""

    name: str
    target_collection: str
    description: str | None = None

    def __post_init__(self) -> None:
        check_property_name(self.name)
        object.__setattr__(self, "target_collection", check_collection_name(self.target_collection))

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"name": self.name, "dataType": [self.target_collection]}
        if self.description is not None:
            out["description"] = self.description
        return out


@dataclass(frozen=True)
class VectorIndexConfig:
    """A vector index type and its settings, as the server's JSON names them."""

    index_type: str
    settings: JSON = field(default_factory=dict)


@dataclass(frozen=True)
class VectorConfig:
    """One named vector: its vectorizer module (or none) and its index."""

    name: str
    vectorizer: str
    vectorizer_settings: JSON = field(default_factory=dict)
    source_properties: Sequence[str] | None = None
    vector_index_config: VectorIndexConfig | None = None

    def to_dict(self) -> dict[str, object]:
        settings = dict(self.vectorizer_settings)
        if self.source_properties is not None:
            settings["properties"] = list(self.source_properties)
        index = self.vector_index_config or VectorIndexConfig("hnsw")
        return {
            "vectorizer": {self.vectorizer: settings},
            "vectorIndexType": index.index_type,
            "vectorIndexConfig": dict(index.settings),
        }


def _drop_none(**values: object) -> dict[str, object]:
    return {k: v for k, v in values.items() if v is not None}


class _VectorIndex:
    @staticmethod
    def hnsw(
        distance_metric: VectorDistances | None = None,
        ef: int | None = None,
        ef_construction: int | None = None,
        max_connections: int | None = None,
        dynamic_ef_min: int | None = None,
        dynamic_ef_max: int | None = None,
        dynamic_ef_factor: int | None = None,
        flat_search_cutoff: int | None = None,
        vector_cache_max_objects: int | None = None,
        cleanup_interval_seconds: int | None = None,
    ) -> VectorIndexConfig:
        """An HNSW index (the default)."""
        return VectorIndexConfig(
            "hnsw",
            _drop_none(
                distance=distance_metric.value if distance_metric else None,
                ef=ef,
                efConstruction=ef_construction,
                maxConnections=max_connections,
                dynamicEfMin=dynamic_ef_min,
                dynamicEfMax=dynamic_ef_max,
                dynamicEfFactor=dynamic_ef_factor,
                flatSearchCutoff=flat_search_cutoff,
                vectorCacheMaxObjects=vector_cache_max_objects,
                cleanupIntervalSeconds=cleanup_interval_seconds,
            ),
        )

    @staticmethod
    def flat(
        distance_metric: VectorDistances | None = None,
        vector_cache_max_objects: int | None = None,
    ) -> VectorIndexConfig:
        """A flat (brute-force) index."""
        return VectorIndexConfig(
            "flat",
            _drop_none(
                distance=distance_metric.value if distance_metric else None,
                vectorCacheMaxObjects=vector_cache_max_objects,
            ),
        )


class _Vectors:
    @staticmethod
    def self_provided(
        name: str = "default", vector_index_config: VectorIndexConfig | None = None
    ) -> VectorConfig:
        """Vectors supplied by you with every object and query."""
        return VectorConfig(name, "none", vector_index_config=vector_index_config)

    @staticmethod
    def text2vec_bigram(
        name: str = "default",
        source_properties: Sequence[str] | None = None,
        vector_index_config: VectorIndexConfig | None = None,
        vectorize_collection_name: bool = True,
        bigram: str | None = None,
    ) -> VectorConfig:
        """The server-local `text2vec-bigram` vectorizer (no model service needed)."""
        return VectorConfig(
            name,
            "text2vec-bigram",
            _drop_none(vectorizeClassName=vectorize_collection_name, bigram=bigram),
            source_properties,
            vector_index_config,
        )

    @staticmethod
    def text2vec_transformers(
        name: str = "default",
        source_properties: Sequence[str] | None = None,
        vector_index_config: VectorIndexConfig | None = None,
        vectorize_collection_name: bool = True,
        pooling_strategy: str | None = None,
        inference_url: str | None = None,
    ) -> VectorConfig:
        """`text2vec-transformers`, served by a transformers inference container."""
        return VectorConfig(
            name,
            "text2vec-transformers",
            _drop_none(
                vectorizeClassName=vectorize_collection_name,
                poolingStrategy=pooling_strategy,
                inferenceUrl=inference_url,
            ),
            source_properties,
            vector_index_config,
        )


class Configure:
    """Builders for `collections.create(...)` settings."""

    Vectors = _Vectors
    VectorIndex = _VectorIndex
