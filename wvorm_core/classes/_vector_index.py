"""Vector index inputs: `Configure.VectorIndex.*` and `Reconfigure.VectorIndex.*`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Literal

from wvorm_core.exceptions import WeaviateInvalidInputError

JSON = Mapping[str, object]


class VectorDistances(str, Enum):
    """Distance metrics of a vector index."""

    COSINE = "cosine"
    DOT = "dot"
    L2_SQUARED = "l2-squared"
    HAMMING = "hamming"
    MANHATTAN = "manhattan"


class VectorIndexType(str, Enum):
    """The kinds of vector index."""

    HNSW = "hnsw"
    FLAT = "flat"
    DYNAMIC = "dynamic"


class VectorFilterStrategy(str, Enum):
    """How an HNSW index searches under a filter."""

    SWEEPING = "sweeping"
    ACORN = "acorn"


class PQEncoderType(str, Enum):
    """The encoder of product quantization."""

    KMEANS = "kmeans"
    TILE = "tile"


class PQEncoderDistribution(str, Enum):
    """The distribution assumed by the PQ tile encoder."""

    LOG_NORMAL = "log-normal"
    NORMAL = "normal"


class MultiVectorAggregation(str, Enum):
    """How the similarity of two multi-vectors is computed."""

    MAX_SIM = "maxSim"


QuantizerKind = Literal["pq", "bq", "sq", "rq"]


def drop_none(**values: object) -> dict[str, object]:
    """The keyword arguments that are not None, enums as their values."""
    return {k: v.value if isinstance(v, Enum) else v for k, v in values.items() if v is not None}


@dataclass(frozen=True)
class QuantizerConfig:
    """A quantizer (`pq`, `bq`, `sq` or `rq`) and its settings in the server's JSON names."""

    kind: QuantizerKind
    settings: JSON = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {self.kind: {"enabled": True, **self.settings}}


@dataclass(frozen=True)
class MultiVectorConfigCreate:
    """Multi-vector (late interaction) settings of an HNSW index."""

    aggregation: MultiVectorAggregation = MultiVectorAggregation.MAX_SIM
    encoding: MuveraEncoding | None = None

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"enabled": True, "aggregation": self.aggregation.value}
        if self.encoding is not None:
            out["muvera"] = self.encoding.to_dict()
        return out


@dataclass(frozen=True)
class MuveraEncoding:
    """MUVERA encoding of multi-vectors into single fixed-size vectors."""

    ksim: int | None = None
    dprojections: int | None = None
    repetitions: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "enabled": True,
            **drop_none(
                ksim=self.ksim, dprojections=self.dprojections, repetitions=self.repetitions
            ),
        }


@dataclass(frozen=True)
class VectorIndexConfig:
    """A vector index type and its settings, as the server's JSON names them."""

    index_type: VectorIndexType
    settings: JSON = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return dict(self.settings)


@dataclass(frozen=True)
class VectorIndexUpdate:
    """Changes to a vector index's mutable settings (merged into the current ones)."""

    index_type: VectorIndexType
    settings: JSON = field(default_factory=dict)


def _with_quantizer(
    settings: dict[str, object], quantizer: QuantizerConfig | None, allowed: frozenset[str]
) -> dict[str, object]:
    if quantizer is not None:
        if quantizer.kind not in allowed:
            raise WeaviateInvalidInputError(
                f"the {quantizer.kind} quantizer is not available for this index type "
                f"(use one of {sorted(allowed)})"
            )
        settings.update(quantizer.to_dict())
    return settings


_HNSW_QUANTIZERS = frozenset({"pq", "bq", "sq", "rq"})
_FLAT_QUANTIZERS = frozenset({"bq", "rq"})


class _Quantizer:
    @staticmethod
    def pq(
        *,
        centroids: int | None = None,
        encoder_distribution: PQEncoderDistribution | None = None,
        encoder_type: PQEncoderType | None = None,
        segments: int | None = None,
        training_limit: int | None = None,
    ) -> QuantizerConfig:
        """Product quantization."""
        encoder = drop_none(type=encoder_type, distribution=encoder_distribution)
        return QuantizerConfig(
            "pq",
            drop_none(
                centroids=centroids,
                segments=segments,
                trainingLimit=training_limit,
                encoder=encoder or None,
            ),
        )

    @staticmethod
    def bq(*, cache: bool | None = None, rescore_limit: int | None = None) -> QuantizerConfig:
        """Binary quantization."""
        return QuantizerConfig("bq", drop_none(cache=cache, rescoreLimit=rescore_limit))

    @staticmethod
    def sq(
        *,
        cache: bool | None = None,
        rescore_limit: int | None = None,
        training_limit: int | None = None,
    ) -> QuantizerConfig:
        """Scalar quantization."""
        return QuantizerConfig(
            "sq", drop_none(cache=cache, rescoreLimit=rescore_limit, trainingLimit=training_limit)
        )

    @staticmethod
    def rq(
        *, cache: bool | None = None, bits: int | None = None, rescore_limit: int | None = None
    ) -> QuantizerConfig:
        """Rotational quantization."""
        return QuantizerConfig("rq", drop_none(cache=cache, bits=bits, rescoreLimit=rescore_limit))


class _Encoding:
    @staticmethod
    def muvera(
        *, ksim: int | None = None, dprojections: int | None = None, repetitions: int | None = None
    ) -> MuveraEncoding:
        """MUVERA encoding of multi-vectors."""
        return MuveraEncoding(ksim, dprojections, repetitions)


class _MultiVector:
    Encoding = _Encoding

    @staticmethod
    def multi_vector(
        *,
        encoding: MuveraEncoding | None = None,
        aggregation: MultiVectorAggregation = MultiVectorAggregation.MAX_SIM,
    ) -> MultiVectorConfigCreate:
        """Multi-vector settings for an HNSW index."""
        return MultiVectorConfigCreate(aggregation, encoding)


class _VectorIndex:
    Quantizer = _Quantizer
    MultiVector = _MultiVector

    @staticmethod
    def hnsw(
        *,
        distance_metric: VectorDistances | None = None,
        ef: int | None = None,
        ef_construction: int | None = None,
        max_connections: int | None = None,
        dynamic_ef_min: int | None = None,
        dynamic_ef_max: int | None = None,
        dynamic_ef_factor: int | None = None,
        filter_strategy: VectorFilterStrategy | None = None,
        flat_search_cutoff: int | None = None,
        vector_cache_max_objects: int | None = None,
        cleanup_interval_seconds: int | None = None,
        skip: bool | None = None,
        quantizer: QuantizerConfig | None = None,
        multi_vector: MultiVectorConfigCreate | None = None,
    ) -> VectorIndexConfig:
        """An HNSW index (the default)."""
        settings = drop_none(
            distance=distance_metric,
            ef=ef,
            efConstruction=ef_construction,
            maxConnections=max_connections,
            dynamicEfMin=dynamic_ef_min,
            dynamicEfMax=dynamic_ef_max,
            dynamicEfFactor=dynamic_ef_factor,
            filterStrategy=filter_strategy,
            flatSearchCutoff=flat_search_cutoff,
            vectorCacheMaxObjects=vector_cache_max_objects,
            cleanupIntervalSeconds=cleanup_interval_seconds,
            skip=skip,
        )
        if multi_vector is not None:
            settings["multivector"] = multi_vector.to_dict()
        return VectorIndexConfig(
            VectorIndexType.HNSW, _with_quantizer(settings, quantizer, _HNSW_QUANTIZERS)
        )

    @staticmethod
    def flat(
        *,
        distance_metric: VectorDistances | None = None,
        vector_cache_max_objects: int | None = None,
        quantizer: QuantizerConfig | None = None,
    ) -> VectorIndexConfig:
        """A flat (brute-force) index."""
        settings = drop_none(
            distance=distance_metric, vectorCacheMaxObjects=vector_cache_max_objects
        )
        return VectorIndexConfig(
            VectorIndexType.FLAT, _with_quantizer(settings, quantizer, _FLAT_QUANTIZERS)
        )

    @staticmethod
    def dynamic(
        *,
        distance_metric: VectorDistances | None = None,
        threshold: int | None = None,
        hnsw: VectorIndexConfig | None = None,
        flat: VectorIndexConfig | None = None,
    ) -> VectorIndexConfig:
        """A flat index that becomes HNSW once it holds more than `threshold` vectors.

        Needs the server's `ASYNC_INDEXING=true`.
        """
        for given, kind in ((hnsw, VectorIndexType.HNSW), (flat, VectorIndexType.FLAT)):
            if given is not None and given.index_type is not kind:
                raise WeaviateInvalidInputError(
                    f"dynamic index: {kind.value}= takes Configure.VectorIndex.{kind.value}(...)"
                )
        return VectorIndexConfig(
            VectorIndexType.DYNAMIC,
            drop_none(
                distance=distance_metric,
                threshold=threshold,
                hnsw=hnsw.to_dict() if hnsw else None,
                flat=flat.to_dict() if flat else None,
            ),
        )


class _QuantizerUpdate:
    @staticmethod
    def pq(
        *,
        centroids: int | None = None,
        segments: int | None = None,
        training_limit: int | None = None,
        enabled: bool = True,
    ) -> QuantizerConfig:
        """Enable product quantization or change its settings."""
        return QuantizerConfig(
            "pq",
            drop_none(
                enabled=enabled,
                centroids=centroids,
                segments=segments,
                trainingLimit=training_limit,
            ),
        )

    @staticmethod
    def bq(*, rescore_limit: int | None = None, enabled: bool = True) -> QuantizerConfig:
        """Enable binary quantization or change its settings."""
        return QuantizerConfig("bq", drop_none(enabled=enabled, rescoreLimit=rescore_limit))

    @staticmethod
    def sq(
        *, rescore_limit: int | None = None, training_limit: int | None = None, enabled: bool = True
    ) -> QuantizerConfig:
        """Enable scalar quantization or change its settings."""
        return QuantizerConfig(
            "sq",
            drop_none(enabled=enabled, rescoreLimit=rescore_limit, trainingLimit=training_limit),
        )

    @staticmethod
    def rq(*, rescore_limit: int | None = None, enabled: bool = True) -> QuantizerConfig:
        """Enable rotational quantization or change its settings."""
        return QuantizerConfig("rq", drop_none(enabled=enabled, rescoreLimit=rescore_limit))


class _VectorIndexUpdate:
    Quantizer = _QuantizerUpdate

    @staticmethod
    def hnsw(
        *,
        dynamic_ef_factor: int | None = None,
        dynamic_ef_min: int | None = None,
        dynamic_ef_max: int | None = None,
        ef: int | None = None,
        filter_strategy: VectorFilterStrategy | None = None,
        flat_search_cutoff: int | None = None,
        vector_cache_max_objects: int | None = None,
        quantizer: QuantizerConfig | None = None,
    ) -> VectorIndexUpdate:
        """Change the mutable settings of an HNSW index."""
        settings = drop_none(
            dynamicEfFactor=dynamic_ef_factor,
            dynamicEfMin=dynamic_ef_min,
            dynamicEfMax=dynamic_ef_max,
            ef=ef,
            filterStrategy=filter_strategy,
            flatSearchCutoff=flat_search_cutoff,
            vectorCacheMaxObjects=vector_cache_max_objects,
        )
        if quantizer is not None:
            settings[quantizer.kind] = dict(quantizer.settings)
        return VectorIndexUpdate(VectorIndexType.HNSW, settings)

    @staticmethod
    def flat(
        *, vector_cache_max_objects: int | None = None, quantizer: QuantizerConfig | None = None
    ) -> VectorIndexUpdate:
        """Change the mutable settings of a flat index."""
        settings = drop_none(vectorCacheMaxObjects=vector_cache_max_objects)
        if quantizer is not None:
            settings[quantizer.kind] = dict(quantizer.settings)
        return VectorIndexUpdate(VectorIndexType.FLAT, settings)

    @staticmethod
    def dynamic(
        *,
        threshold: int | None = None,
        hnsw: VectorIndexUpdate | None = None,
        flat: VectorIndexUpdate | None = None,
    ) -> VectorIndexUpdate:
        """Change the mutable settings of a dynamic index."""
        return VectorIndexUpdate(
            VectorIndexType.DYNAMIC,
            drop_none(
                threshold=threshold,
                hnsw=dict(hnsw.settings) if hnsw else None,
                flat=dict(flat.settings) if flat else None,
            ),
        )
