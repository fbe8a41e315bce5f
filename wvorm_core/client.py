"""`WeaviateClient` and `WeaviateAsyncClient`: one connection, two fronts over shared operations."""

from wvorm_core._async.client import WeaviateAsyncClient
from wvorm_core._sync.client import WeaviateClient

__all__ = ["WeaviateAsyncClient", "WeaviateClient"]
