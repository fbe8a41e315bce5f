"""`collection.aggregate`: statistics over a collection, or over what a search finds.

Without `group_by` a call returns `AggregateReturn`; with it, `AggregateGroupByReturn`.
`result.metric(Metrics("points").integer())` reads one property's statistics, typed by kind.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import Generic, overload
from uuid import UUID

from typing_extensions import Unpack

from wvorm_core._context import CollectionContext, target_of
from wvorm_core._ops import aggregate as agg
from wvorm_core._ops.aggregate import (
    AggregateOptions,
    HybridAggregateOptions,
    NearAggregateOptions,
    NearTextAggregateOptions,
)
from wvorm_core._ops.search import MediaInput, VectorInput
from wvorm_core._transport.base import AsyncTransport
from wvorm_core.classes.aggregate import GroupByAggregate
from wvorm_core.outputs.aggregate import AggregateGroupByReturn, AggregateReturn
from wvorm_core.outputs.query import P, R


class AsyncAggregateCollection(Generic[P, R]):
    """Aggregations over one collection (asyncio)."""

    def __init__(self, transport: AsyncTransport, context: CollectionContext[P, R]) -> None:
        self._transport = transport
        self._target = target_of(context)

    @overload
    async def over_all(
        self, *, group_by: None = None, **options: Unpack[AggregateOptions]
    ) -> AggregateReturn: ...

    @overload
    async def over_all(
        self, *, group_by: GroupByAggregate | str, **options: Unpack[AggregateOptions]
    ) -> AggregateGroupByReturn: ...

    async def over_all(
        self,
        *,
        group_by: GroupByAggregate | str | None = None,
        **options: Unpack[AggregateOptions],
    ) -> AggregateReturn | AggregateGroupByReturn:
        """Statistics over all objects (matching `filters`)."""
        return await self._transport.run(
            agg.aggregate(self._target, "over_all", group_by, options, None)
        )

    @overload
    async def near_vector(
        self,
        near_vector: VectorInput,
        *,
        group_by: None = None,
        **options: Unpack[NearAggregateOptions],
    ) -> AggregateReturn: ...

    @overload
    async def near_vector(
        self,
        near_vector: VectorInput,
        *,
        group_by: GroupByAggregate | str,
        **options: Unpack[NearAggregateOptions],
    ) -> AggregateGroupByReturn: ...

    async def near_vector(
        self,
        near_vector: VectorInput,
        *,
        group_by: GroupByAggregate | str | None = None,
        **options: Unpack[NearAggregateOptions],
    ) -> AggregateReturn | AggregateGroupByReturn:
        """Statistics over the objects nearest to a vector (`object_limit` or `distance`)."""
        return await self._transport.run(
            agg.aggregate(
                self._target, "near_vector", group_by, options, agg.near_vector(near_vector)
            )
        )

    @overload
    async def near_text(
        self,
        query: str | Sequence[str],
        *,
        group_by: None = None,
        **options: Unpack[NearTextAggregateOptions],
    ) -> AggregateReturn: ...

    @overload
    async def near_text(
        self,
        query: str | Sequence[str],
        *,
        group_by: GroupByAggregate | str,
        **options: Unpack[NearTextAggregateOptions],
    ) -> AggregateGroupByReturn: ...

    async def near_text(
        self,
        query: str | Sequence[str],
        *,
        group_by: GroupByAggregate | str | None = None,
        **options: Unpack[NearTextAggregateOptions],
    ) -> AggregateReturn | AggregateGroupByReturn:
        """Statistics over the objects nearest to a text."""
        return await self._transport.run(
            agg.aggregate(self._target, "near_text", group_by, options, agg.near_text(query))
        )

    @overload
    async def near_object(
        self,
        near_object: UUID | str,
        *,
        group_by: None = None,
        **options: Unpack[NearAggregateOptions],
    ) -> AggregateReturn: ...

    @overload
    async def near_object(
        self,
        near_object: UUID | str,
        *,
        group_by: GroupByAggregate | str,
        **options: Unpack[NearAggregateOptions],
    ) -> AggregateGroupByReturn: ...

    async def near_object(
        self,
        near_object: UUID | str,
        *,
        group_by: GroupByAggregate | str | None = None,
        **options: Unpack[NearAggregateOptions],
    ) -> AggregateReturn | AggregateGroupByReturn:
        """Statistics over the objects nearest to a stored object."""
        return await self._transport.run(
            agg.aggregate(
                self._target, "near_object", group_by, options, agg.near_object(near_object)
            )
        )

    @overload
    async def near_image(
        self,
        near_image: MediaInput,
        *,
        group_by: None = None,
        **options: Unpack[NearAggregateOptions],
    ) -> AggregateReturn: ...

    @overload
    async def near_image(
        self,
        near_image: MediaInput,
        *,
        group_by: GroupByAggregate | str,
        **options: Unpack[NearAggregateOptions],
    ) -> AggregateGroupByReturn: ...

    async def near_image(
        self,
        near_image: MediaInput,
        *,
        group_by: GroupByAggregate | str | None = None,
        **options: Unpack[NearAggregateOptions],
    ) -> AggregateReturn | AggregateGroupByReturn:
        """Statistics over the objects nearest to an image."""
        if isinstance(near_image, Path):
            near_image = await asyncio.to_thread(near_image.read_bytes)
        return await self._transport.run(
            agg.aggregate(self._target, "near_image", group_by, options, agg.near_image(near_image))
        )

    @overload
    async def hybrid(
        self, query: str | None, *, group_by: None = None, **options: Unpack[HybridAggregateOptions]
    ) -> AggregateReturn: ...

    @overload
    async def hybrid(
        self,
        query: str | None,
        *,
        group_by: GroupByAggregate | str,
        **options: Unpack[HybridAggregateOptions],
    ) -> AggregateGroupByReturn: ...

    async def hybrid(
        self,
        query: str | None,
        *,
        group_by: GroupByAggregate | str | None = None,
        **options: Unpack[HybridAggregateOptions],
    ) -> AggregateReturn | AggregateGroupByReturn:
        """Statistics over the objects a hybrid search finds."""
        return await self._transport.run(
            agg.aggregate(self._target, "hybrid", group_by, options, agg.hybrid(query))
        )
