"""`collection.batch` (asyncio): background import into one collection (and its tenant)."""

from __future__ import annotations

from typing import Generic
from uuid import UUID

from wvorm_core._async.batch import AsyncBatchClient, AsyncClientBatch
from wvorm_core._batch import BatchReport, ProgressCallback
from wvorm_core._context import CollectionContext
from wvorm_core._ops.batch import RetryPolicy
from wvorm_core._transport.base import AsyncTransport
from wvorm_core.classes.data import ReferenceInput, ReferenceInputs, Vectors
from wvorm_core.outputs.batch import BatchResult
from wvorm_core.outputs.query import P, R


class AsyncCollectionBatch(BatchReport, Generic[P]):
    """A batch context bound to one collection (asyncio)."""

    def __init__(self, batch: AsyncClientBatch, name: str, tenant: str | None) -> None:
        self._batch = batch
        self._name = name
        self._tenant = tenant

    @property
    def results(self) -> BatchResult:
        """Counts and refusals of this context."""
        return self._batch.results

    async def __aenter__(self) -> AsyncCollectionBatch[P]:
        await self._batch.__aenter__()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._batch.__aexit__(*exc)

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


class AsyncBatchCollection(BatchReport, Generic[P, R]):
    """`collection.batch` (asyncio): `dynamic()`, `fixed_size()`, `rate_limit()`, `stream()`."""

    def __init__(self, transport: AsyncTransport, context: CollectionContext[P, R]) -> None:
        self._client = AsyncBatchClient(transport)
        self._context = context

    def _bind(self, batch: AsyncClientBatch) -> AsyncCollectionBatch[P]:
        return AsyncCollectionBatch(batch, self._context.name, self._context.tenant)

    @property
    def results(self) -> BatchResult:
        """Counts and refusals of the current (or last) batch context."""
        return self._client.results

    def dynamic(
        self,
        *,
        on_progress: ProgressCallback | None = None,
        show_progress: bool = False,
        retry: RetryPolicy | None = None,
    ) -> AsyncCollectionBatch[P]:
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
    ) -> AsyncCollectionBatch[P]:
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
    ) -> AsyncCollectionBatch[P]:
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
    ) -> AsyncCollectionBatch[P]:
        """Server-side batching over one gRPC stream; the server paces and sizes the import."""
        level = self._context.consistency_level
        return self._bind(
            self._client.stream(
                level, on_progress=on_progress, show_progress=show_progress, retry=retry
            )
        )
