"""`client.tokenization`: how Weaviate splits text into tokens (Weaviate 1.37+)."""

from wvorm_core._async.tokenization import AsyncTokenizationNamespace
from wvorm_core._sync.tokenization import TokenizationNamespace

__all__ = ["AsyncTokenizationNamespace", "TokenizationNamespace"]
