"""`collection.batch`: background import into one collection (and its tenant), sync and asyncio."""

from __future__ import annotations

from types import TracebackType
from typing import Any, Generic, TypeVar
from uuid import UUID

from wvorm_core._context import CollectionContext
from wvorm_core._ops.batching import RetryPolicy
from wvorm_core._transport.base import AsyncTransport, Transport
from wvorm_core.batch import (
    AsyncBatchClient,
    AsyncClientBatch,
    BatchClient,
    ClientBatch,
    ProgressCallback,
    _Modes,
    _Results,
)
from wvorm_core.batch_stream import AsyncClientStreamBatch, ClientStreamBatch
from wvorm_core.classes.data import ReferenceInput, ReferenceInputs, Vectors
from wvorm_core.outputs.query import P, R


class CollectionBatch(_Results, Generic[P]):
    """A batch context bound to one collection (blocking)."""

    def __init__(
        self, batch: ClientBatch | ClientStreamBatch, name: str, tenant: str | None
    ) -> None:
        self._batch = batch
        self._batcher = batch._batcher
        self._name = name
        self._tenant = tenant

    def __enter__(self) -> CollectionBatch[P]:
        self._batch.__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._batch.__exit__(exc_type, exc, tb)

    def add_object(
        self,
        properties: P | None = None,
        references: ReferenceInputs | None = None,
        uuid: UUID | str | None = None,
        vector: Vectors | None = None,
    ) -> UUID:
        """Queue an object; returns its uuid. Bad input raises here, before anything is sent."""
        return self._batch.add_object(
            self._name, properties, references, uuid, vector, self._tenant
        )

    def add_reference(self, from_uuid: UUID | str, from_property: str, to: ReferenceInput) -> None:
        """Queue a reference; it is sent after the objects added before it."""
        self._batch.add_reference(from_uuid, self._name, from_property, to, self._tenant)

    def flush(self) -> None:
        """Send everything queued and wait for the answers."""
        self._batch.flush()


class AsyncCollectionBatch(_Results, Generic[P]):
    """A batch context bound to one collection (asyncio)."""

    def __init__(
        self, batch: AsyncClientBatch | AsyncClientStreamBatch, name: str, tenant: str | None
    ) -> None:
        self._batch = batch
        self._batcher = batch._batcher
        self._name = name
        self._tenant = tenant

    async def __aenter__(self) -> AsyncCollectionBatch[P]:
        await self._batch.__aenter__()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._batch.__aexit__(exc_type, exc, tb)

    async def add_object(
        self,
        properties: P | None = None,
        references: ReferenceInputs | None = None,
        uuid: UUID | str | None = None,
        vector: Vectors | None = None,
    ) -> UUID:
        """Queue an object; returns its uuid. Bad input raises here, before anything is sent."""
        return await self._batch.add_object(
            self._name, properties, references, uuid, vector, self._tenant
        )

    async def add_reference(
        self, from_uuid: UUID | str, from_property: str, to: ReferenceInput
    ) -> None:
        """Queue a reference; it is sent after the objects added before it."""
        await self._batch.add_reference(from_uuid, self._name, from_property, to, self._tenant)

    async def flush(self) -> None:
        """Send everything queued and wait for the answers."""
        await self._batch.flush()


ClientBatchT = TypeVar("ClientBatchT", bound="ClientBatch | AsyncClientBatch")
ClientStreamT = TypeVar("ClientStreamT", bound="ClientStreamBatch | AsyncClientStreamBatch")
BoundT = TypeVar("BoundT")


class _CollectionModes(_Results, Generic[ClientBatchT, ClientStreamT, BoundT]):
    """The client's batching modes, bound to one collection, its tenant and consistency level."""

    _client: _Modes[ClientBatchT, ClientStreamT]
    _context: CollectionContext[Any, Any]

    def _wrap(self, batch: ClientBatchT | ClientStreamT) -> BoundT:
        raise NotImplementedError

    def _bind(self, batch: ClientBatchT | ClientStreamT) -> BoundT:
        self._batcher = batch._batcher
        return self._wrap(batch)

    def dynamic(
        self,
        *,
        on_progress: ProgressCallback | None = None,
        show_progress: bool = False,
        retry: RetryPolicy | None = None,
    ) -> BoundT:
        """Requests sized from the server's answers."""
        level = self._context.consistency_level
        return self._bind(
            self._client.dynamic(
                level, on_progress=on_progress, show_progress=show_progress, retry=retry
            )
        )

    def fixed_size(
        self,
        batch_size: int = 100,
        concurrent_requests: int = 2,
        *,
        on_progress: ProgressCallback | None = None,
        show_progress: bool = False,
        retry: RetryPolicy | None = None,
    ) -> BoundT:
        """Requests of `batch_size` objects, `concurrent_requests` in flight at once."""
        level = self._context.consistency_level
        return self._bind(
            self._client.fixed_size(
                batch_size,
                concurrent_requests,
                level,
                on_progress=on_progress,
                show_progress=show_progress,
                retry=retry,
            )
        )

    def rate_limit(
        self,
        requests_per_minute: int,
        *,
        on_progress: ProgressCallback | None = None,
        show_progress: bool = False,
        retry: RetryPolicy | None = None,
    ) -> BoundT:
        """At most `requests_per_minute` objects a minute (for rate-limited vectorizers)."""
        level = self._context.consistency_level
        return self._bind(
            self._client.rate_limit(
                requests_per_minute,
                level,
                on_progress=on_progress,
                show_progress=show_progress,
                retry=retry,
            )
        )

    def stream(
        self,
        *,
        on_progress: ProgressCallback | None = None,
        show_progress: bool = False,
        retry: RetryPolicy | None = None,
    ) -> BoundT:
        """Server-side batching over one gRPC stream; the server paces and sizes the import."""
        level = self._context.consistency_level
        return self._bind(
            self._client.stream(
                level, on_progress=on_progress, show_progress=show_progress, retry=retry
            )
        )


class BatchCollection(
    _CollectionModes[ClientBatch, ClientStreamBatch, CollectionBatch[P]], Generic[P, R]
):
    """`collection.batch` (blocking): `dynamic()`, `fixed_size()`, `rate_limit()`, `stream()`."""

    def __init__(self, transport: Transport, context: CollectionContext[P, R]) -> None:
        self._client = BatchClient(transport)
        self._context = context
        self._batcher = None

    def _wrap(self, batch: ClientBatch | ClientStreamBatch) -> CollectionBatch[P]:
        return CollectionBatch(batch, self._context.name, self._context.tenant)


class AsyncBatchCollection(
    _CollectionModes[AsyncClientBatch, AsyncClientStreamBatch, AsyncCollectionBatch[P]],
    Generic[P, R],
):
    """`collection.batch` (asyncio): `dynamic()`, `fixed_size()`, `rate_limit()`, `stream()`."""

    def __init__(self, transport: AsyncTransport, context: CollectionContext[P, R]) -> None:
        self._client = AsyncBatchClient(transport)
        self._context = context
        self._batcher = None

    def _wrap(self, batch: AsyncClientBatch | AsyncClientStreamBatch) -> AsyncCollectionBatch[P]:
        return AsyncCollectionBatch(batch, self._context.name, self._context.tenant)
