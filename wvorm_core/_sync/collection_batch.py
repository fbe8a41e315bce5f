# Generated from wvorm_core/_async/collection_batch.py by scripts/unasync.py; do not edit.
"""`collection.batch` (blocking): background import into one collection (and its tenant)."""

from __future__ import annotations

from typing import Generic
from uuid import UUID

from wvorm_core._batch import BatchReport, ProgressCallback
from wvorm_core._context import CollectionContext
from wvorm_core._ops.batch import RetryPolicy
from wvorm_core._sync.batch import BatchClient, ClientBatch
from wvorm_core._transport.base import Transport
from wvorm_core.classes.data import ReferenceInput, ReferenceInputs, Vectors
from wvorm_core.outputs.batch import BatchResult
from wvorm_core.outputs.query import P, R


class CollectionBatch(BatchReport, Generic[P]):
    """A batch context bound to one collection (blocking)."""

    def __init__(self, batch: ClientBatch, name: str, tenant: str | None) -> None:
        self._batch = batch
        self._name = name
        self._tenant = tenant

    @property
    def results(self) -> BatchResult:
        """Counts and refusals of this context."""
        return self._batch.results

    def __enter__(self) -> CollectionBatch[P]:
        self._batch.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._batch.__exit__(*exc)

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


class BatchCollection(BatchReport, Generic[P, R]):
    """`collection.batch` (blocking): `dynamic()`, `fixed_size()`, `rate_limit()`, `stream()`."""

    def __init__(self, transport: Transport, context: CollectionContext[P, R]) -> None:
        self._client = BatchClient(transport)
        self._context = context

    def _bind(self, batch: ClientBatch) -> CollectionBatch[P]:
        return CollectionBatch(batch, self._context.name, self._context.tenant)

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
    ) -> CollectionBatch[P]:
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
    ) -> CollectionBatch[P]:
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
    ) -> CollectionBatch[P]:
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
    ) -> CollectionBatch[P]:
        """Server-side batching over one gRPC stream; the server paces and sizes the import."""
        level = self._context.consistency_level
        return self._bind(
            self._client.stream(
                level, on_progress=on_progress, show_progress=show_progress, retry=retry
            )
        )
