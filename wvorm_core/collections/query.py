"""`collection.query`: searches that return objects."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic
from uuid import UUID

from wvorm_core._ops import search
from wvorm_core._ops.calls import Op
from wvorm_core._transport.aio import AsyncTransport
from wvorm_core._transport.sync import SyncTransport
from wvorm_core.classes.filters import FilterExpression
from wvorm_core.classes.query import MetadataQuery, Sort
from wvorm_core.collections._context import CollectionContext, P, R
from wvorm_core.outputs import QueryReturn
from wvorm_core.proto.v1 import base_search_pb2

Properties = dict[str, object]


class _QueryOps:
    """Builds the search operations of one collection; both fronts run them."""

    def __init__(self, context: CollectionContext[P, R]) -> None:
        self.name = context.name
        self.tenant = context.tenant

    def fetch_objects(
        self,
        limit: int | None,
        offset: int | None,
        after: UUID | str | None,
        filters: FilterExpression | None,
        sort: Sort | None,
        returns: search.Returns,
    ) -> Op[QueryReturn[Properties]]:
        message = search.request(
            self.name,
            returns,
            limit=limit,
            offset=offset,
            after=after,
            filters=filters,
            sort=sort,
            tenant=self.tenant,
        )
        return search.search(message)

    def near_text(
        self,
        query: str | Sequence[str],
        limit: int | None,
        distance: float | None,
        certainty: float | None,
        filters: FilterExpression | None,
        target_vector: str | Sequence[str] | None,
        returns: search.Returns,
    ) -> Op[QueryReturn[Properties]]:
        message = search.request(
            self.name, returns, limit=limit, filters=filters, tenant=self.tenant
        )
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


class QueryCollection(Generic[P, R]):
    """Searches of one collection (blocking)."""

    def __init__(self, transport: SyncTransport, context: CollectionContext[P, R]) -> None:
        self._transport = transport
        self._ops = _QueryOps(context)

    def fetch_objects(
        self,
        *,
        limit: int | None = None,
        offset: int | None = None,
        after: UUID | str | None = None,
        filters: FilterExpression | None = None,
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
        filters: FilterExpression | None = None,
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


class AsyncQueryCollection(Generic[P, R]):
    """Searches of one collection (asyncio)."""

    def __init__(self, transport: AsyncTransport, context: CollectionContext[P, R]) -> None:
        self._transport = transport
        self._ops = _QueryOps(context)

    async def fetch_objects(
        self,
        *,
        limit: int | None = None,
        offset: int | None = None,
        after: UUID | str | None = None,
        filters: FilterExpression | None = None,
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
        filters: FilterExpression | None = None,
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
