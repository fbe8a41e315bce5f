"""`collection.data`: writes of single objects and lists of objects."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic

from wvorm_core._ops import batch
from wvorm_core._transport.aio import AsyncTransport
from wvorm_core._transport.sync import SyncTransport
from wvorm_core.collections._context import CollectionContext, P, R
from wvorm_core.outputs import BatchObjectReturn


class DataCollection(Generic[P, R]):
    """Writes to one collection (blocking)."""

    def __init__(self, transport: SyncTransport, context: CollectionContext[P, R]) -> None:
        self._transport = transport
        self._context = context

    def insert_many(self, objects: Sequence[batch.Item]) -> BatchObjectReturn:
        """Insert objects in one gRPC batch; refused objects are in `.errors` with the reason."""
        return self._transport.run(
            batch.insert_many(self._context.name, objects, self._context.tenant)
        )


class AsyncDataCollection(Generic[P, R]):
    """Writes to one collection (asyncio)."""

    def __init__(self, transport: AsyncTransport, context: CollectionContext[P, R]) -> None:
        self._transport = transport
        self._context = context

    async def insert_many(self, objects: Sequence[batch.Item]) -> BatchObjectReturn:
        """Insert objects in one gRPC batch; refused objects are in `.errors` with the reason."""
        return await self._transport.run(
            batch.insert_many(self._context.name, objects, self._context.tenant)
        )
