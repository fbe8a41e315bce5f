# Generated from wvorm_core/_async/aggregate.py by scripts/unasync.py; do not edit.
"""`collection.aggregate`: statistics over a collection, or over what a search finds.

Without `group_by` a call returns `AggregateReturn`; with it, `AggregateGroupByReturn`.
`result.metric(Metrics("points").integer())` reads one property's statistics, typed by kind.
"""

from __future__ import annotations

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
from wvorm_core._transport.base import Transport
from wvorm_core.classes.aggregate import GroupByAggregate
from wvorm_core.outputs.aggregate import AggregateGroupByReturn, AggregateReturn
from wvorm_core.outputs.query import P, R


class AggregateCollection(Generic[P, R]):
    """Aggregations over one collection (blocking)."""

    def __init__(self, transport: Transport, context: CollectionContext[P, R]) -> None:
        self._transport = transport
        self._target = target_of(context)

    @overload
    def over_all(
        self, *, group_by: None = None, **options: Unpack[AggregateOptions]
    ) -> AggregateReturn: ...

    @overload
    def over_all(
        self, *, group_by: GroupByAggregate | str, **options: Unpack[AggregateOptions]
    ) -> AggregateGroupByReturn: ...

    def over_all(
        self,
        *,
        group_by: GroupByAggregate | str | None = None,
        **options: Unpack[AggregateOptions],
    ) -> AggregateReturn | AggregateGroupByReturn:
        """Statistics over all objects (matching `filters`)."""
        return self._transport.run(agg.aggregate(self._target, "over_all", group_by, options, None))

    @overload
    def near_vector(
        self,
        near_vector: VectorInput,
        *,
        group_by: None = None,
        **options: Unpack[NearAggregateOptions],
    ) -> AggregateReturn: ...

    @overload
    def near_vector(
        self,
        near_vector: VectorInput,
        *,
        group_by: GroupByAggregate | str,
        **options: Unpack[NearAggregateOptions],
    ) -> AggregateGroupByReturn: ...

    def near_vector(
        self,
        near_vector: VectorInput,
        *,
        group_by: GroupByAggregate | str | None = None,
        **options: Unpack[NearAggregateOptions],
    ) -> AggregateReturn | AggregateGroupByReturn:
        """Statistics over the objects nearest to a vector (`object_limit` or `distance`)."""
        return self._transport.run(
            agg.aggregate(
                self._target, "near_vector", group_by, options, agg.near_vector(near_vector)
            )
        )

    @overload
    def near_text(
        self,
        query: str | Sequence[str],
        *,
        group_by: None = None,
        **options: Unpack[NearTextAggregateOptions],
    ) -> AggregateReturn: ...

    @overload
    def near_text(
        self,
        query: str | Sequence[str],
        *,
        group_by: GroupByAggregate | str,
        **options: Unpack[NearTextAggregateOptions],
    ) -> AggregateGroupByReturn: ...

    def near_text(
        self,
        query: str | Sequence[str],
        *,
        group_by: GroupByAggregate | str | None = None,
        **options: Unpack[NearTextAggregateOptions],
    ) -> AggregateReturn | AggregateGroupByReturn:
        """Statistics over the objects nearest to a text."""
        return self._transport.run(
            agg.aggregate(self._target, "near_text", group_by, options, agg.near_text(query))
        )

    @overload
    def near_object(
        self,
        near_object: UUID | str,
        *,
        group_by: None = None,
        **options: Unpack[NearAggregateOptions],
    ) -> AggregateReturn: ...

    @overload
    def near_object(
        self,
        near_object: UUID | str,
        *,
        group_by: GroupByAggregate | str,
        **options: Unpack[NearAggregateOptions],
    ) -> AggregateGroupByReturn: ...

    def near_object(
        self,
        near_object: UUID | str,
        *,
        group_by: GroupByAggregate | str | None = None,
        **options: Unpack[NearAggregateOptions],
    ) -> AggregateReturn | AggregateGroupByReturn:
        """Statistics over the objects nearest to a stored object."""
        return self._transport.run(
            agg.aggregate(
                self._target, "near_object", group_by, options, agg.near_object(near_object)
            )
        )

    @overload
    def near_image(
        self,
        near_image: MediaInput,
        *,
        group_by: None = None,
        **options: Unpack[NearAggregateOptions],
    ) -> AggregateReturn: ...

    @overload
    def near_image(
        self,
        near_image: MediaInput,
        *,
        group_by: GroupByAggregate | str,
        **options: Unpack[NearAggregateOptions],
    ) -> AggregateGroupByReturn: ...

    def near_image(
        self,
        near_image: MediaInput,
        *,
        group_by: GroupByAggregate | str | None = None,
        **options: Unpack[NearAggregateOptions],
    ) -> AggregateReturn | AggregateGroupByReturn:
        """Statistics over the objects nearest to an image."""
        if isinstance(near_image, Path):
            near_image = near_image.read_bytes()
        return self._transport.run(
            agg.aggregate(self._target, "near_image", group_by, options, agg.near_image(near_image))
        )

    @overload
    def hybrid(
        self, query: str | None, *, group_by: None = None, **options: Unpack[HybridAggregateOptions]
    ) -> AggregateReturn: ...

    @overload
    def hybrid(
        self,
        query: str | None,
        *,
        group_by: GroupByAggregate | str,
        **options: Unpack[HybridAggregateOptions],
    ) -> AggregateGroupByReturn: ...

    def hybrid(
        self,
        query: str | None,
        *,
        group_by: GroupByAggregate | str | None = None,
        **options: Unpack[HybridAggregateOptions],
    ) -> AggregateReturn | AggregateGroupByReturn:
        """Statistics over the objects a hybrid search finds."""
        return self._transport.run(
            agg.aggregate(self._target, "hybrid", group_by, options, agg.hybrid(query))
        )
