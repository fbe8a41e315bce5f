"""Named vector inputs: `Configure.Vectors.*` and `Configure.MultiVectors.*`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypedDict

from typing_extensions import Unpack

from wvorm_core.classes._vector_index import (
    JSON,
    MultiVectorConfigCreate,
    MuveraEncoding,
    QuantizerConfig,
    VectorIndexConfig,
    VectorIndexType,
    VectorIndexUpdate,
    _VectorIndex,
    drop_none,
)
from wvorm_core.exceptions import WeaviateInvalidInputError

SELF_PROVIDED = "none"


@dataclass(frozen=True)
class VectorConfig:
    """One named vector: its vectorizer module (`"none"` when self-provided) and its index.

    `vectorizer_settings` are the module's options as the server's JSON names them.
    """

    name: str
    vectorizer: str
    vectorizer_settings: JSON = field(default_factory=dict)
    source_properties: Sequence[str] | None = None
    vector_index_config: VectorIndexConfig | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise WeaviateInvalidInputError(f"a vector needs a non-empty name, got {self.name!r}")
        if self.source_properties is not None:
            object.__setattr__(self, "source_properties", tuple(self.source_properties))

    def to_dict(self) -> dict[str, object]:
        """The server JSON of this named vector (one entry of `vectorConfig`)."""
        settings = dict(self.vectorizer_settings)
        if self.source_properties is not None:
            settings["properties"] = list(self.source_properties)
        index = self.vector_index_config or VectorIndexConfig(VectorIndexType.HNSW)
        return {
            "vectorizer": {self.vectorizer: settings},
            "vectorIndexType": index.index_type.value,
            "vectorIndexConfig": index.to_dict(),
        }


@dataclass(frozen=True)
class VectorConfigUpdate:
    """Changes to the index of one named vector."""

    name: str
    vector_index_config: VectorIndexUpdate


@dataclass(frozen=True)
class Multi2VecField:
    """A property fed to a multi-modal vectorizer, with an optional weight."""

    name: str
    weight: float | None = None


def _index(
    index: VectorIndexConfig | None, quantizer: QuantizerConfig | None
) -> VectorIndexConfig | None:
    if quantizer is None:
        return index
    if index is None:
        return _VectorIndex.hnsw(quantizer=quantizer)
    if any(kind in index.settings for kind in ("pq", "bq", "sq", "rq")):
        raise WeaviateInvalidInputError(
            "give the quantizer either in vector_index_config or as quantizer=, not both"
        )
    return VectorIndexConfig(index.index_type, {**index.settings, **quantizer.to_dict()})


class TextVectorizerOptions(TypedDict, total=False):
    """The options every `Configure.Vectors.text2vec_*` factory takes besides its module's."""

    name: str
    """The vector's name (default `"default"`)."""
    source_properties: Sequence[str] | None
    """The properties vectorized (default: every text property)."""
    quantizer: QuantizerConfig | None
    """Compression of the default HNSW index, or added to `vector_index_config`."""
    vector_index_config: VectorIndexConfig | None
    """The vector index (default: HNSW)."""
    vectorize_collection_name: bool
    """Whether the collection name is part of the vectorized text (default True)."""


def _text(module: str, settings: dict[str, object], common: TextVectorizerOptions) -> VectorConfig:
    unknown = sorted(set(common) - TextVectorizerOptions.__optional_keys__)
    if unknown:
        raise WeaviateInvalidInputError(f"{module}: unexpected arguments {unknown}")
    options = {"vectorizeClassName": common.get("vectorize_collection_name", True), **settings}
    index = _index(common.get("vector_index_config"), common.get("quantizer"))
    return VectorConfig(
        common.get("name", "default"), module, options, common.get("source_properties"), index
    )


def _fields(
    **groups: Sequence[str | Multi2VecField] | None,
) -> dict[str, object]:
    out: dict[str, object] = {}
    weights: dict[str, list[float]] = {}
    for key, values in groups.items():
        if values is None:
            continue
        items = [Multi2VecField(v) if isinstance(v, str) else v for v in values]
        out[key] = [item.name for item in items]
        given = [item.weight for item in items if item.weight is not None]
        if given and len(given) != len(items):
            raise WeaviateInvalidInputError(f"{key}: give a weight for every field or for none")
        if given:
            weights[key] = given
    if weights:
        out["weights"] = weights
    return out


class _Vectors:
    @staticmethod
    def self_provided(
        *,
        name: str = "default",
        quantizer: QuantizerConfig | None = None,
        vector_index_config: VectorIndexConfig | None = None,
    ) -> VectorConfig:
        """Vectors supplied by you with every object and query."""
        return VectorConfig(
            name, SELF_PROVIDED, vector_index_config=_index(vector_index_config, quantizer)
        )

    @staticmethod
    def custom(
        *,
        module_name: str,
        name: str = "default",
        module_config: Mapping[str, object] | None = None,
        source_properties: Sequence[str] | None = None,
        quantizer: QuantizerConfig | None = None,
        vector_index_config: VectorIndexConfig | None = None,
    ) -> VectorConfig:
        """Any vectorizer module, its options given as the server's JSON."""
        return VectorConfig(
            name,
            module_name,
            dict(module_config or {}),
            source_properties,
            _index(vector_index_config, quantizer),
        )

    @staticmethod
    def text2vec_bigram(
        *,
        bigram: str | None = None,
        **common: Unpack[TextVectorizerOptions],
    ) -> VectorConfig:
        """The server-local `text2vec-bigram` vectorizer (no model service needed)."""
        return _text("text2vec-bigram", drop_none(bigram=bigram), common)

    @staticmethod
    def text2vec_contextionary(**common: Unpack[TextVectorizerOptions]) -> VectorConfig:
        """`text2vec-contextionary` (needs its contextionary service next to the server)."""
        return _text("text2vec-contextionary", {}, common)

    @staticmethod
    def text2vec_transformers(
        *,
        pooling_strategy: Literal["masked_mean", "cls"] | None = None,
        dimensions: int | None = None,
        inference_url: str | None = None,
        passage_inference_url: str | None = None,
        query_inference_url: str | None = None,
        **common: Unpack[TextVectorizerOptions],
    ) -> VectorConfig:
        """`text2vec-transformers`, served by a transformers inference container."""
        if inference_url and (passage_inference_url or query_inference_url):
            raise WeaviateInvalidInputError(
                "text2vec_transformers: give inference_url, or passage_inference_url and "
                "query_inference_url, not both"
            )
        settings = drop_none(
            poolingStrategy=pooling_strategy,
            dimensions=dimensions,
            inferenceUrl=inference_url,
            passageInferenceUrl=passage_inference_url,
            queryInferenceUrl=query_inference_url,
        )
        return _text("text2vec-transformers", settings, common)

    @staticmethod
    def text2vec_ollama(
        *,
        api_endpoint: str | None = None,
        model: str | None = None,
        **common: Unpack[TextVectorizerOptions],
    ) -> VectorConfig:
        """`text2vec-ollama`, embeddings from an Ollama server."""
        return _text("text2vec-ollama", drop_none(apiEndpoint=api_endpoint, model=model), common)

    @staticmethod
    def text2vec_openai(
        *,
        model: str | None = None,
        model_version: str | None = None,
        dimensions: int | None = None,
        type_: Literal["text", "code"] | None = None,
        base_url: str | None = None,
        **common: Unpack[TextVectorizerOptions],
    ) -> VectorConfig:
        """`text2vec-openai`."""
        settings = drop_none(
            model=model, modelVersion=model_version, dimensions=dimensions, type=type_,
            baseURL=base_url,
        )  # fmt: skip
        return _text("text2vec-openai", settings, common)

    @staticmethod
    def text2vec_azure_openai(
        *,
        resource_name: str,
        deployment_id: str,
        model: str | None = None,
        dimensions: int | None = None,
        base_url: str | None = None,
        **common: Unpack[TextVectorizerOptions],
    ) -> VectorConfig:
        """`text2vec-openai` against an Azure OpenAI deployment."""
        settings = drop_none(
            isAzure=True, resourceName=resource_name, deploymentId=deployment_id, model=model,
            dimensions=dimensions, baseURL=base_url,
        )  # fmt: skip
        return _text("text2vec-openai", settings, common)

    @staticmethod
    def text2vec_cohere(
        *,
        model: str | None = None,
        dimensions: int | None = None,
        truncate: Literal["NONE", "START", "END", "LEFT", "RIGHT"] | None = None,
        base_url: str | None = None,
        **common: Unpack[TextVectorizerOptions],
    ) -> VectorConfig:
        """`text2vec-cohere`."""
        settings = drop_none(
            model=model, dimensions=dimensions, truncate=truncate, baseURL=base_url
        )
        return _text("text2vec-cohere", settings, common)

    @staticmethod
    def text2vec_huggingface(
        *,
        model: str | None = None,
        passage_model: str | None = None,
        query_model: str | None = None,
        endpoint_url: str | None = None,
        wait_for_model: bool | None = None,
        use_gpu: bool | None = None,
        use_cache: bool | None = None,
        **common: Unpack[TextVectorizerOptions],
    ) -> VectorConfig:
        """`text2vec-huggingface`: give `model`, or `passage_model` and `query_model`, or
        `endpoint_url`."""
        if sum(x is not None for x in (model, passage_model or query_model, endpoint_url)) > 1:
            raise WeaviateInvalidInputError(
                "text2vec_huggingface: give only one of model, passage_model/query_model "
                "and endpoint_url"
            )
        if (passage_model is None) != (query_model is None):
            raise WeaviateInvalidInputError(
                "text2vec_huggingface: passage_model and query_model go together"
            )
        options = drop_none(waitForModel=wait_for_model, useGPU=use_gpu, useCache=use_cache)
        settings = drop_none(
            model=model, passageModel=passage_model, queryModel=query_model,
            endpointURL=endpoint_url, options=options or None,
        )  # fmt: skip
        return _text("text2vec-huggingface", settings, common)

    @staticmethod
    def text2vec_voyageai(
        *,
        model: str | None = None,
        dimensions: int | None = None,
        truncate: bool | None = None,
        base_url: str | None = None,
        **common: Unpack[TextVectorizerOptions],
    ) -> VectorConfig:
        """`text2vec-voyageai`."""
        settings = drop_none(
            model=model, dimensions=dimensions, truncate=truncate, baseURL=base_url
        )
        return _text("text2vec-voyageai", settings, common)

    @staticmethod
    def text2vec_jinaai(
        *,
        model: str | None = None,
        dimensions: int | None = None,
        base_url: str | None = None,
        **common: Unpack[TextVectorizerOptions],
    ) -> VectorConfig:
        """`text2vec-jinaai`."""
        settings = drop_none(model=model, dimensions=dimensions, baseURL=base_url)
        return _text("text2vec-jinaai", settings, common)

    @staticmethod
    def text2vec_google(
        *,
        project_id: str | None = None,
        model: str | None = None,
        api_endpoint: str | None = None,
        dimensions: int | None = None,
        title_property: str | None = None,
        task_type: str | None = None,
        location: str | None = None,
        **common: Unpack[TextVectorizerOptions],
    ) -> VectorConfig:
        """`text2vec-google` (Vertex AI with `project_id`, else AI Studio)."""
        settings = drop_none(
            projectId=project_id, modelId=model, apiEndpoint=api_endpoint, dimensions=dimensions,
            titleProperty=title_property, taskType=task_type, location=location,
        )  # fmt: skip
        return _text("text2vec-google", settings, common)

    @staticmethod
    def text2vec_aws(
        *,
        region: str,
        service: Literal["bedrock", "sagemaker"] = "bedrock",
        model: str | None = None,
        endpoint: str | None = None,
        dimensions: int | None = None,
        **common: Unpack[TextVectorizerOptions],
    ) -> VectorConfig:
        """`text2vec-aws`: Bedrock (`model`) or SageMaker (`endpoint`)."""
        if service == "bedrock" and model is None:
            raise WeaviateInvalidInputError("text2vec_aws: service 'bedrock' needs a model")
        if service == "sagemaker" and endpoint is None:
            raise WeaviateInvalidInputError("text2vec_aws: service 'sagemaker' needs an endpoint")
        settings = drop_none(
            region=region, service=service, model=model, endpoint=endpoint, dimensions=dimensions
        )
        return _text("text2vec-aws", settings, common)

    @staticmethod
    def text2vec_mistral(
        *,
        model: str | None = None,
        base_url: str | None = None,
        **common: Unpack[TextVectorizerOptions],
    ) -> VectorConfig:
        """`text2vec-mistral`."""
        return _text("text2vec-mistral", drop_none(model=model, baseURL=base_url), common)

    @staticmethod
    def text2vec_nvidia(
        *,
        model: str | None = None,
        truncate: bool | None = None,
        base_url: str | None = None,
        **common: Unpack[TextVectorizerOptions],
    ) -> VectorConfig:
        """`text2vec-nvidia`."""
        settings = drop_none(model=model, truncate=truncate, baseURL=base_url)
        return _text("text2vec-nvidia", settings, common)

    @staticmethod
    def text2vec_weaviate(
        *,
        model: str | None = None,
        dimensions: int | None = None,
        base_url: str | None = None,
        **common: Unpack[TextVectorizerOptions],
    ) -> VectorConfig:
        """`text2vec-weaviate` (Weaviate Embeddings)."""
        settings = drop_none(model=model, dimensions=dimensions, baseURL=base_url)
        return _text("text2vec-weaviate", settings, common)

    @staticmethod
    def text2vec_model2vec(
        *,
        inference_url: str | None = None,
        **common: Unpack[TextVectorizerOptions],
    ) -> VectorConfig:
        """`text2vec-model2vec`, served by a model2vec inference container."""
        return _text("text2vec-model2vec", drop_none(inferenceUrl=inference_url), common)

    @staticmethod
    def multi2vec_clip(
        *,
        name: str = "default",
        image_fields: Sequence[str | Multi2VecField] | None = None,
        text_fields: Sequence[str | Multi2VecField] | None = None,
        quantizer: QuantizerConfig | None = None,
        vector_index_config: VectorIndexConfig | None = None,
        vectorize_collection_name: bool = True,
        inference_url: str | None = None,
    ) -> VectorConfig:
        """`multi2vec-clip`: images (blob properties) and texts into one space."""
        if not image_fields and not text_fields:
            raise WeaviateInvalidInputError("multi2vec_clip: give image_fields or text_fields")
        settings = {
            "vectorizeClassName": vectorize_collection_name,
            **_fields(imageFields=image_fields, textFields=text_fields),
            **drop_none(inferenceUrl=inference_url),
        }
        return VectorConfig(
            name, "multi2vec-clip", settings, None, _index(vector_index_config, quantizer)
        )

    @staticmethod
    def ref2vec_centroid(
        *,
        reference_properties: Sequence[str],
        name: str = "default",
        method: Literal["mean"] = "mean",
        quantizer: QuantizerConfig | None = None,
        vector_index_config: VectorIndexConfig | None = None,
    ) -> VectorConfig:
        """`ref2vec-centroid`: the mean of the vectors of the referenced objects."""
        if not reference_properties:
            raise WeaviateInvalidInputError("ref2vec_centroid: give reference_properties")
        settings = {"referenceProperties": list(reference_properties), "method": method}
        return VectorConfig(
            name, "ref2vec-centroid", settings, None, _index(vector_index_config, quantizer)
        )


class _MultiVectors:
    @staticmethod
    def self_provided(
        *,
        name: str = "default",
        encoding: MuveraEncoding | None = None,
        quantizer: QuantizerConfig | None = None,
        multi_vector_config: MultiVectorConfigCreate | None = None,
        vector_index_config: VectorIndexConfig | None = None,
    ) -> VectorConfig:
        """Multi-vectors (lists of vectors per object) supplied by you; HNSW only."""
        if encoding is not None and multi_vector_config is not None:
            raise WeaviateInvalidInputError(
                "MultiVectors.self_provided: give encoding or multi_vector_config, not both"
            )
        multi = multi_vector_config or MultiVectorConfigCreate(encoding=encoding)
        index = vector_index_config or VectorIndexConfig(VectorIndexType.HNSW)
        if index.index_type is not VectorIndexType.HNSW:
            raise WeaviateInvalidInputError("multi-vectors need an HNSW index")
        index = VectorIndexConfig(
            index.index_type, {**index.settings, "multivector": multi.to_dict()}
        )
        return VectorConfig(name, SELF_PROVIDED, {}, None, _index(index, quantizer))
