"""wvorm_core: a typed Weaviate client over gRPC and REST, in the shape of the v4 client."""

from wvorm_core import (
    auth,
    backup,
    classes,
    cluster,
    collections,
    config,
    exceptions,
    outputs,
    tokenization,
    types,
)
from wvorm_core._ops.server import Meta, ServerVersion
from wvorm_core._transport.params import ConnectionParams, ProtocolParams
from wvorm_core.batch import ClientBatch
from wvorm_core.classes.init import AdditionalConfig, Auth, Timeout
from wvorm_core.client import WeaviateAsyncClient, WeaviateClient
from wvorm_core.connect import (
    connect_to_custom,
    connect_to_embedded,
    connect_to_local,
    connect_to_wcs,
    connect_to_weaviate_cloud,
    use_async_with_custom,
    use_async_with_embedded,
    use_async_with_local,
    use_async_with_weaviate_cloud,
)
from wvorm_core.embedded import EmbeddedOptions, EmbeddedServer
from wvorm_core.util import generate_uuid5

ClientBatchingContextManager = ClientBatch
"""The official client's name of the context manager `client.batch.dynamic()` etc. return."""

__all__ = [
    "AdditionalConfig",
    "Auth",
    "ClientBatchingContextManager",
    "ConnectionParams",
    "EmbeddedOptions",
    "EmbeddedServer",
    "Meta",
    "ProtocolParams",
    "ServerVersion",
    "Timeout",
    "WeaviateAsyncClient",
    "WeaviateClient",
    "auth",
    "backup",
    "classes",
    "cluster",
    "collections",
    "config",
    "connect_to_custom",
    "connect_to_embedded",
    "connect_to_local",
    "connect_to_wcs",
    "connect_to_weaviate_cloud",
    "exceptions",
    "generate_uuid5",
    "outputs",
    "tokenization",
    "types",
    "use_async_with_custom",
    "use_async_with_embedded",
    "use_async_with_local",
    "use_async_with_weaviate_cloud",
]
