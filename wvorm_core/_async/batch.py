"""`client.batch` (asyncio): import objects and references in the background.

The logic is `wvorm_core._ops.batch`; the senders that move requests are `wvorm_core._batch`.
"""

from __future__ import annotations

from uuid import UUID

from typing_extensions import Self

from wvorm_core._batch import AsyncBatchSender, AsyncStreamSender, BatchModes, BatchReport
from wvorm_core._ops.batch import Batcher, StreamBatcher
from wvorm_core._transport.base import AsyncTransport
from wvorm_core.classes.data import ReferenceInput, ReferenceInputs, Vectors
from wvorm_core.exceptions import WeaviateError
from wvorm_core.outputs.batch import BatchResult


class AsyncClientBatch(BatchReport):
    """One batch context of `client.batch` (asyncio); add objects and references to it."""

    def __init__(self, sender: AsyncBatchSender | AsyncStreamSender) -> None:
        self._sender = sender
        self._entered = False

    @property
    def results(self) -> BatchResult:
        """Counts and refusals of this context."""
        return self._sender.batcher.results

    async def __aenter__(self) -> Self:
        await self._sender.start()
        self._entered = True
        return self

    async def __aexit__(self, *exc: object) -> None:
        sender = self._running()
        self._entered = False
        await sender.finish()

    def _running(self) -> AsyncBatchSender | AsyncStreamSender:
        if not self._entered:
            raise WeaviateError("use the batch as a context manager: `async with ... as batch:`")
        return self._sender

    async def add_object(
        self,
        collection: str,
        properties: object = None,
        references: ReferenceInputs | None = None,
        uuid: UUID | str | None = None,
        vector: Vectors | None = None,
        tenant: str | None = None,
    ) -> UUID:
        """Queue an object; returns its uuid. Bad input raises here, before anything is sent."""
        sender = self._running()
        sender.check()
        batcher = sender.batcher
        ident, full = batcher.add_object(collection, properties, references, uuid, vector, tenant)
        if full:
            await sender.seal()
        return ident

    async def add_reference(
        self,
        from_uuid: UUID | str,
        from_collection: str,
        from_property: str,
        to: ReferenceInput,
        tenant: str | None = None,
    ) -> None:
        """Queue a reference; it is sent after the objects added before it."""
        sender = self._running()
        sender.check()
        batcher = sender.batcher
        records = batcher.new_references(from_uuid, from_collection, from_property, to, tenant)
        await sender.add_references(records)

    async def flush(self) -> None:
        """Send everything queued and wait for the answers."""
        await self._running().flush()


class AsyncClientStreamBatch(AsyncClientBatch):
    """One `stream()` batch context of `client.batch` (asyncio): the server paces the import."""


class AsyncBatchClient(BatchModes[AsyncClientBatch, AsyncClientStreamBatch]):
    """`client.batch` (asyncio): `dynamic()`, `fixed_size()`, `rate_limit()`, `stream()`."""

    def __init__(self, transport: AsyncTransport) -> None:
        super().__init__(lambda: transport.grpc_max_message_size)
        self._transport = transport

    def _open(self, batcher: Batcher) -> AsyncClientBatch:
        return AsyncClientBatch(AsyncBatchSender(self._transport, batcher))

    def _open_stream(self, batcher: StreamBatcher) -> AsyncClientStreamBatch:
        return AsyncClientStreamBatch(AsyncStreamSender(self._transport, batcher))
