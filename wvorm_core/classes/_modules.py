"""Generative and reranker module inputs: `Configure.Generative.*`, `Configure.Reranker.*`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from wvorm_core.classes._vector_index import JSON, drop_none
from wvorm_core.exceptions import WeaviateInvalidInputError


@dataclass(frozen=True)
class _Module:
    """A module and its options, as the server's JSON names them."""

    module: str
    settings: JSON = field(default_factory=dict)


class GenerativeProvider(_Module):
    """A generative module and its options, as the server's JSON names them."""


class RerankerProvider(_Module):
    """A reranker module and its options, as the server's JSON names them."""


def _custom_module(name: str, kind: Literal["generative", "reranker"]) -> str:
    if not name.startswith(f"{kind}-"):
        raise WeaviateInvalidInputError(f"{kind} module names start with '{kind}-', got {name!r}")
    return name


def _list(values: Sequence[str] | None) -> list[str] | None:
    return list(values) if values is not None else None


class _Generative:
    @staticmethod
    def custom(
        module_name: str, module_config: Mapping[str, object] | None = None
    ) -> GenerativeProvider:
        """Any generative module, its options given as the server's JSON."""
        return GenerativeProvider(
            _custom_module(module_name, "generative"), dict(module_config or {})
        )

    @staticmethod
    def dummy() -> GenerativeProvider:
        """`generative-dummy`: echoes the prompt (for tests)."""
        return GenerativeProvider("generative-dummy")

    @staticmethod
    def openai(
        *,
        model: str | None = None,
        base_url: str | None = None,
        frequency_penalty: float | None = None,
        presence_penalty: float | None = None,
        max_tokens: int | None = None,
        temperature: float | None = None,
        top_p: float | None = None,
        reasoning_effort: Literal["minimal", "low", "medium", "high"] | None = None,
        verbosity: Literal["low", "medium", "high"] | None = None,
    ) -> GenerativeProvider:
        """`generative-openai`."""
        return GenerativeProvider(
            "generative-openai",
            drop_none(
                model=model, baseURL=base_url, frequencyPenalty=frequency_penalty,
                presencePenalty=presence_penalty, maxTokens=max_tokens, temperature=temperature,
                topP=top_p, reasoningEffort=reasoning_effort, verbosity=verbosity,
            ),
        )  # fmt: skip

    @staticmethod
    def azure_openai(
        *,
        resource_name: str,
        deployment_id: str,
        api_version: str | None = None,
        base_url: str | None = None,
        frequency_penalty: float | None = None,
        presence_penalty: float | None = None,
        max_tokens: int | None = None,
        temperature: float | None = None,
        top_p: float | None = None,
    ) -> GenerativeProvider:
        """`generative-openai` against an Azure OpenAI deployment."""
        return GenerativeProvider(
            "generative-openai",
            drop_none(
                isAzure=True, resourceName=resource_name, deploymentId=deployment_id,
                apiVersion=api_version, baseURL=base_url, frequencyPenalty=frequency_penalty,
                presencePenalty=presence_penalty, maxTokens=max_tokens, temperature=temperature,
                topP=top_p,
            ),
        )  # fmt: skip

    @staticmethod
    def cohere(
        *,
        model: str | None = None,
        base_url: str | None = None,
        k: int | None = None,
        max_tokens: int | None = None,
        stop_sequences: Sequence[str] | None = None,
        temperature: float | None = None,
    ) -> GenerativeProvider:
        """`generative-cohere`."""
        return GenerativeProvider(
            "generative-cohere",
            drop_none(
                model=model, baseURL=base_url, k=k, maxTokens=max_tokens,
                stopSequences=_list(stop_sequences), temperature=temperature,
            ),
        )  # fmt: skip

    @staticmethod
    def anthropic(
        *,
        model: str | None = None,
        base_url: str | None = None,
        max_tokens: int | None = None,
        stop_sequences: Sequence[str] | None = None,
        temperature: float | None = None,
        top_k: int | None = None,
        top_p: float | None = None,
    ) -> GenerativeProvider:
        """`generative-anthropic`."""
        return GenerativeProvider(
            "generative-anthropic",
            drop_none(
                model=model, baseURL=base_url, maxTokens=max_tokens,
                stopSequences=_list(stop_sequences), temperature=temperature, topK=top_k,
                topP=top_p,
            ),
        )  # fmt: skip

    @staticmethod
    def aws(
        *,
        region: str,
        service: Literal["bedrock", "sagemaker"] = "bedrock",
        model: str | None = None,
        endpoint: str | None = None,
        temperature: float | None = None,
        max_tokens: int | None = None,
    ) -> GenerativeProvider:
        """`generative-aws`: Bedrock (`model`) or SageMaker (`endpoint`)."""
        return GenerativeProvider(
            "generative-aws",
            drop_none(
                region=region, service=service, model=model, endpoint=endpoint,
                temperature=temperature, maxTokens=max_tokens,
            ),
        )  # fmt: skip

    @staticmethod
    def google(
        *,
        project_id: str | None = None,
        model: str | None = None,
        api_endpoint: str | None = None,
        location: str | None = None,
        max_output_tokens: int | None = None,
        temperature: float | None = None,
        top_k: int | None = None,
        top_p: float | None = None,
    ) -> GenerativeProvider:
        """`generative-google` (Vertex AI with `project_id`, else AI Studio)."""
        return GenerativeProvider(
            "generative-google",
            drop_none(
                projectId=project_id, modelId=model, apiEndpoint=api_endpoint, location=location,
                maxOutputTokens=max_output_tokens, temperature=temperature, topK=top_k, topP=top_p,
            ),
        )  # fmt: skip

    @staticmethod
    def mistral(
        *,
        model: str | None = None,
        base_url: str | None = None,
        max_tokens: int | None = None,
        temperature: float | None = None,
    ) -> GenerativeProvider:
        """`generative-mistral`."""
        return GenerativeProvider(
            "generative-mistral",
            drop_none(model=model, baseURL=base_url, maxTokens=max_tokens, temperature=temperature),
        )

    @staticmethod
    def anyscale(
        *, model: str | None = None, temperature: float | None = None, base_url: str | None = None
    ) -> GenerativeProvider:
        """`generative-anyscale`."""
        return GenerativeProvider(
            "generative-anyscale",
            drop_none(model=model, temperature=temperature, baseURL=base_url),
        )

    @staticmethod
    def ollama(*, model: str | None = None, api_endpoint: str | None = None) -> GenerativeProvider:
        """`generative-ollama`."""
        return GenerativeProvider(
            "generative-ollama", drop_none(model=model, apiEndpoint=api_endpoint)
        )

    @staticmethod
    def nvidia(
        *,
        model: str | None = None,
        base_url: str | None = None,
        max_tokens: int | None = None,
        temperature: float | None = None,
        top_p: float | None = None,
    ) -> GenerativeProvider:
        """`generative-nvidia`."""
        return GenerativeProvider(
            "generative-nvidia",
            drop_none(
                model=model, baseURL=base_url, maxTokens=max_tokens, temperature=temperature,
                topP=top_p,
            ),
        )  # fmt: skip

    @staticmethod
    def xai(
        *,
        model: str | None = None,
        base_url: str | None = None,
        max_tokens: int | None = None,
        temperature: float | None = None,
        top_p: float | None = None,
    ) -> GenerativeProvider:
        """`generative-xai`."""
        return GenerativeProvider(
            "generative-xai",
            drop_none(
                model=model, baseURL=base_url, maxTokens=max_tokens, temperature=temperature,
                topP=top_p,
            ),
        )  # fmt: skip


class _Reranker:
    @staticmethod
    def custom(
        module_name: str, module_config: Mapping[str, object] | None = None
    ) -> RerankerProvider:
        """Any reranker module, its options given as the server's JSON."""
        module = _custom_module(module_name, "reranker")
        return RerankerProvider(module, dict(module_config or {}))

    @staticmethod
    def dummy() -> RerankerProvider:
        """`reranker-dummy` (for tests)."""
        return RerankerProvider("reranker-dummy")

    @staticmethod
    def transformers() -> RerankerProvider:
        """`reranker-transformers`, served by a reranker inference container."""
        return RerankerProvider("reranker-transformers")

    @staticmethod
    def cohere(*, model: str | None = None, base_url: str | None = None) -> RerankerProvider:
        """`reranker-cohere`."""
        return RerankerProvider("reranker-cohere", drop_none(model=model, baseURL=base_url))

    @staticmethod
    def jinaai(*, model: str | None = None) -> RerankerProvider:
        """`reranker-jinaai`."""
        return RerankerProvider("reranker-jinaai", drop_none(model=model))

    @staticmethod
    def voyageai(*, model: str | None = None) -> RerankerProvider:
        """`reranker-voyageai`."""
        return RerankerProvider("reranker-voyageai", drop_none(model=model))

    @staticmethod
    def nvidia(*, model: str | None = None, base_url: str | None = None) -> RerankerProvider:
        """`reranker-nvidia`."""
        return RerankerProvider("reranker-nvidia", drop_none(model=model, baseURL=base_url))
