"""One collection: its `data` and `query` namespaces."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from wvorm_core._ops import batch, search
from wvorm_core._ops.calls import Op
from wvorm_core._transport.aio import AsyncTransport
from wvorm_core._transport.sync import SyncTransport
from wvorm_core.classes.query import MetadataQuery, Sort, _Filters
from wvorm_core.outputs import BatchObjectReturn, QueryReturn
from wvorm_core.proto.v1 import base_search_pb2

Properties = dict[str, object]


class _Ops:
    """Builds the operations of one collection; both fronts run them."""

    def __init__(self, name: str) -> None:
        self.name = name

    def insert_many(self, objects: Sequence[batch.Item]) -> Op[BatchObjectReturn]:
        return batch.insert_many(self.name, objects)

    def fetch_objects(
        self,
        limit: int | None,
        offset: int | None,
        after: UUID | str | None,
        filters: _Filters | None,
        sort: Sort | None,
        returns: search.Returns,
    ) -> Op[QueryReturn[Properties]]:
        message = search.request(
            self.name, returns, limit=limit, offset=offset, after=after, filters=filters, sort=sort
        )
        return search.search(message)

    def near_text(
        self,
        query: str | Sequence[str],
        limit: int | None,
        distance: float | None,
        certainty: float | None,
        filters: _Filters | None,
        target_vector: str | Sequence[str] | None,
        returns: search.Returns,
    ) -> Op[QueryReturn[Properties]]:
        message = search.request(self.name, returns, limit=limit, filters=filters)
        near = base_search_pb2.NearTextSearch(query=[query] if isinstance(query, str) else query)
        if distance is not None:
            near.distance = distance
        if certainty is not None:
            near.certainty = certainty
        if target_vector is not None:
            targets = [target_vector] if isinstance(target_vector, str) else target_vector
            near.targets.target_vectors.extend(targets)
        message.near_text.CopyFrom(near)
        return search.search(message)


class _Data:
    def __init__(self, transport: SyncTransport, ops: _Ops) -> None:
        self._transport = transport
        self._ops = ops

    def insert_many(self, objects: Sequence[batch.Item]) -> BatchObjectReturn:
        """Insert objects in one gRPC batch; refused objects are in `.errors` with the reason."""
        return self._transport.run(self._ops.insert_many(objects))


class _AsyncData:
    def __init__(self, transport: AsyncTransport, ops: _Ops) -> None:
        self._transport = transport
        self._ops = ops

    async def insert_many(self, objects: Sequence[batch.Item]) -> BatchObjectReturn:
        """Insert objects in one gRPC batch; refused objects are in `.errors` with the reason."""
        return await self._transport.run(self._ops.insert_many(objects))


class _Query:
    def __init__(self, transport: SyncTransport, ops: _Ops) -> None:
        self._transport = transport
        self._ops = ops

    def fetch_objects(
        self,
        *,
        limit: int | None = None,
        offset: int | None = None,
        after: UUID | str | None = None,
        filters: _Filters | None = None,
        sort: Sort | None = None,
        return_properties: Sequence[str] | None = None,
        return_metadata: MetadataQuery | None = None,
        include_vector: bool | Sequence[str] = False,
    ) -> QueryReturn[Properties]:
        """Objects matching `filters`, in `sort` order (or by uuid)."""
        returns = search.Returns(return_properties, return_metadata, include_vector)
        return self._transport.run(
            self._ops.fetch_objects(limit, offset, after, filters, sort, returns)
        )

    def near_text(
        self,
        query: str | Sequence[str],
        *,
        limit: int | None = None,
        distance: float | None = None,
        certainty: float | None = None,
        filters: _Filters | None = None,
        target_vector: str | Sequence[str] | None = None,
        return_properties: Sequence[str] | None = None,
        return_metadata: MetadataQuery | None = None,
        include_vector: bool | Sequence[str] = False,
    ) -> QueryReturn[Properties]:
        """Objects nearest to the text, vectorized by the collection's vectorizer."""
        returns = search.Returns(return_properties, return_metadata, include_vector)
        return self._transport.run(
            self._ops.near_text(query, limit, distance, certainty, filters, target_vector, returns)
        )


class _AsyncQuery:
    def __init__(self, transport: AsyncTransport, ops: _Ops) -> None:
        self._transport = transport
        self._ops = ops

    async def fetch_objects(
        self,
        *,
        limit: int | None = None,
        offset: int | None = None,
        after: UUID | str | None = None,
        filters: _Filters | None = None,
        sort: Sort | None = None,
        return_properties: Sequence[str] | None = None,
        return_metadata: MetadataQuery | None = None,
        include_vector: bool | Sequence[str] = False,
    ) -> QueryReturn[Properties]:
        """Objects matching `filters`, in `sort` order (or by uuid)."""
        returns = search.Returns(return_properties, return_metadata, include_vector)
        return await self._transport.run(
            self._ops.fetch_objects(limit, offset, after, filters, sort, returns)
        )

    async def near_text(
        self,
        query: str | Sequence[str],
        *,
        limit: int | None = None,
        distance: float | None = None,
        certainty: float | None = None,
        filters: _Filters | None = None,
        target_vector: str | Sequence[str] | None = None,
        return_properties: Sequence[str] | None = None,
        return_metadata: MetadataQuery | None = None,
        include_vector: bool | Sequence[str] = False,
    ) -> QueryReturn[Properties]:
        """Objects nearest to the text, vectorized by the collection's vectorizer."""
        returns = search.Returns(return_properties, return_metadata, include_vector)
        return await self._transport.run(
            self._ops.near_text(query, limit, distance, certainty, filters, target_vector, returns)
        )


class Collection:
    """A handle to one collection (blocking); made by `client.collections.use(name)`."""

    def __init__(self, transport: SyncTransport, name: str) -> None:
        self.name = name
        ops = _Ops(name)
        self.data = _Data(transport, ops)
        self.query = _Query(transport, ops)

    def __repr__(self) -> str:
        return f"Collection({self.name!r})"


class AsyncCollection:
    """A handle to one collection (asyncio); made by `client.collections.use(name)`."""

    def __init__(self, transport: AsyncTransport, name: str) -> None:
        self.name = name
        ops = _Ops(name)
        self.data = _AsyncData(transport, ops)
        self.query = _AsyncQuery(transport, ops)

    def __repr__(self) -> str:
        return f"AsyncCollection({self.name!r})"
