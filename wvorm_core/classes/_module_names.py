"""The module names of vectorizers, rerankers and generative providers, as str enums (the
official client's `Vectorizers`, `Rerankers`, `GenerativeSearches`): they compare equal to
the module names wvorm_core's read-back configuration holds."""

from __future__ import annotations

from enum import Enum


class Vectorizers(str, Enum):
    """Vectorizer modules (`"none"`: vectors given by you)."""

    NONE = "none"
    TEXT2COLBERT_JINAAI = "text2colbert-jinaai"
    TEXT2VEC_AWS = "text2vec-aws"
    TEXT2VEC_COHERE = "text2vec-cohere"
    TEXT2VEC_CONTEXTIONARY = "text2vec-contextionary"
    TEXT2VEC_DATABRICKS = "text2vec-databricks"
    TEXT2VEC_DIGITALOCEAN = "text2vec-digitalocean"
    TEXT2VEC_GPT4ALL = "text2vec-gpt4all"
    TEXT2VEC_HUGGINGFACE = "text2vec-huggingface"
    TEXT2VEC_MISTRAL = "text2vec-mistral"
    TEXT2VEC_MORPH = "text2vec-morph"
    TEXT2VEC_MODEL2VEC = "text2vec-model2vec"
    TEXT2VEC_NVIDIA = "text2vec-nvidia"
    TEXT2VEC_OLLAMA = "text2vec-ollama"
    TEXT2VEC_OPENAI = "text2vec-openai"
    TEXT2VEC_PALM = "text2vec-palm"
    TEXT2VEC_TRANSFORMERS = "text2vec-transformers"
    TEXT2VEC_JINAAI = "text2vec-jinaai"
    TEXT2VEC_VOYAGEAI = "text2vec-voyageai"
    TEXT2VEC_WEAVIATE = "text2vec-weaviate"
    IMG2VEC_NEURAL = "img2vec-neural"
    MULTI2VEC_AWS = "multi2vec-aws"
    MULTI2VEC_CLIP = "multi2vec-clip"
    MULTI2VEC_COHERE = "multi2vec-cohere"
    MULTI2VEC_JINAAI = "multi2vec-jinaai"
    MULTI2MULTI_JINAAI = "multi2multivec-jinaai"
    MULTI2MULTI_WEAVIATE = "multi2multivec-weaviate"
    MULTI2VEC_BIND = "multi2vec-bind"
    MULTI2VEC_PALM = "multi2vec-palm"
    MULTI2VEC_VOYAGEAI = "multi2vec-voyageai"
    MULTI2VEC_NVIDIA = "multi2vec-nvidia"
    MULTI2VEC_TWELVELABS = "multi2vec-twelvelabs"
    REF2VEC_CENTROID = "ref2vec-centroid"


class Rerankers(str, Enum):
    """Reranker modules."""

    NONE = "none"
    COHERE = "reranker-cohere"
    CONTEXTUALAI = "reranker-contextualai"
    TRANSFORMERS = "reranker-transformers"
    VOYAGEAI = "reranker-voyageai"
    JINAAI = "reranker-jinaai"
    NVIDIA = "reranker-nvidia"


class GenerativeSearches(str, Enum):
    """Generative (RAG) modules."""

    AWS = "generative-aws"
    ANTHROPIC = "generative-anthropic"
    ANYSCALE = "generative-anyscale"
    COHERE = "generative-cohere"
    CONTEXTUALAI = "generative-contextualai"
    DATABRICKS = "generative-databricks"
    DEEPSEEK = "generative-deepseek"
    DIGITALOCEAN = "generative-digitalocean"
    DUMMY = "generative-dummy"
    FRIENDLIAI = "generative-friendliai"
    MISTRAL = "generative-mistral"
    NVIDIA = "generative-nvidia"
    OLLAMA = "generative-ollama"
    OPENAI = "generative-openai"
    PALM = "generative-palm"
    XAI = "generative-xai"
