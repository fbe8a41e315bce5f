"""Typed repositories (asyncio): `db.repo(Question)` inserts, reads, searches and deletes.

Every search returns what its reader's shaping makes of the reply: `list[Hit[M]]` on the
repository, `list[Hit[S]]` after `select(S)`, `list[HitGroup[M]]` after `group_by(...)`,
`Generated[M]` after `generate(...)`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Generic, TypeVar, overload
from uuid import UUID

from pydantic import BaseModel

from wvorm import _reading as reading
from wvorm import _writing as writing
from wvorm._mapping import to_properties
from wvorm.expressions import Condition, FieldExpr, SortKey
from wvorm.model import WvModel
from wvorm.results import Generated, Hit, HitGroup, InsertResult
from wvorm_core.classes.aggregate import AnyMetrics
from wvorm_core.classes.data import Vector
from wvorm_core.classes.filters import Filter
from wvorm_core.collections import AsyncCollection
from wvorm_core.exceptions import UnexpectedStatusCodeError
from wvorm_core.outputs import AggregateGroupByReturn, AggregateReturn

M = TypeVar("M", bound=WvModel)
S = TypeVar("S", bound=BaseModel)
Out = TypeVar("Out")


class AsyncReader(Generic[Out]):
    """Searches over one model's collection (asyncio)."""

    def __init__(self, collection: AsyncCollection, shaping: reading.Shaping[Out]) -> None:
        self._collection = collection
        self._shaping = shaping

    async def _shape(self, reply: reading.Reply) -> Out:
        """`reply` as `Out`, with the references that need one follow-up query each."""
        uuids = [o.uuid for o in reply.objects]
        extra = [
            await self._collection.query.fetch_objects_by_ids(
                uuids, return_properties=[], return_references=[follow_up], limit=len(uuids)
            )
            for follow_up in self._shaping.follow_ups
            if uuids
        ]
        return self._shaping.shape(reply, reading.follow_up_results(extra))

    async def find(
        self,
        where: Condition | None = None,
        *,
        order_by: SortKey | Sequence[SortKey] = (),
        limit: int | None = None,
        offset: int | None = None,
        include_vector: bool = False,
    ) -> Out:
        """Objects matching `where`, in `order_by` order."""
        asked = self._shaping.fetch(where, limit, include_vector)
        sort, prompts = reading.sort(order_by), self._shaping.prompts
        if prompts is None:
            reply: reading.Reply = await self._collection.query.fetch_objects(
                sort=sort, offset=offset, **asked
            )
        else:
            reply = await self._collection.generate.fetch_objects(
                sort=sort, offset=offset, **asked, **prompts
            )
        return await self._shape(reply)

    async def near_text(
        self,
        query: str,
        *,
        where: Condition | None = None,
        limit: int | None = None,
        distance: float | None = None,
        target_vector: str | None = None,
        include_vector: bool = False,
    ) -> Out:
        """Objects nearest to `query`, vectorized by the collection's vectorizer."""
        asked = self._shaping.search(where, limit, include_vector)
        prompts = self._shaping.prompts
        if prompts is None:
            reply: reading.Reply = await self._collection.query.near_text(
                query, distance=distance, target_vector=target_vector, **asked
            )
        else:
            reply = await self._collection.generate.near_text(
                query, distance=distance, target_vector=target_vector, **asked, **prompts
            )
        return await self._shape(reply)

    async def near_vector(
        self,
        vector: Vector,
        *,
        where: Condition | None = None,
        limit: int | None = None,
        distance: float | None = None,
        target_vector: str | None = None,
        include_vector: bool = False,
    ) -> Out:
        """Objects nearest to `vector`."""
        asked = self._shaping.search(where, limit, include_vector)
        prompts = self._shaping.prompts
        if prompts is None:
            reply: reading.Reply = await self._collection.query.near_vector(
                vector, distance=distance, target_vector=target_vector, **asked
            )
        else:
            reply = await self._collection.generate.near_vector(
                vector, distance=distance, target_vector=target_vector, **asked, **prompts
            )
        return await self._shape(reply)

    async def near_object(
        self,
        obj: WvModel | UUID | str,
        *,
        where: Condition | None = None,
        limit: int | None = None,
        distance: float | None = None,
        target_vector: str | None = None,
        include_vector: bool = False,
    ) -> Out:
        """Objects nearest to a stored object (given or by uuid)."""
        asked = self._shaping.search(where, limit, include_vector)
        uuid, prompts = reading.uuid_of(obj), self._shaping.prompts
        if prompts is None:
            reply: reading.Reply = await self._collection.query.near_object(
                uuid, distance=distance, target_vector=target_vector, **asked
            )
        else:
            reply = await self._collection.generate.near_object(
                uuid, distance=distance, target_vector=target_vector, **asked, **prompts
            )
        return await self._shape(reply)

    async def bm25(
        self,
        query: str,
        *,
        where: Condition | None = None,
        limit: int | None = None,
        query_properties: Sequence[FieldExpr[Any]] | None = None,
        include_vector: bool = False,
    ) -> Out:
        """Keyword search (BM25), over `query_properties` if given."""
        asked = self._shaping.search(where, limit, include_vector)
        names, prompts = reading.property_names(query_properties), self._shaping.prompts
        if prompts is None:
            reply: reading.Reply = await self._collection.query.bm25(
                query, query_properties=names, **asked
            )
        else:
            reply = await self._collection.generate.bm25(
                query, query_properties=names, **asked, **prompts
            )
        return await self._shape(reply)

    async def hybrid(
        self,
        query: str,
        *,
        where: Condition | None = None,
        limit: int | None = None,
        alpha: float | None = None,
        vector: Vector | None = None,
        query_properties: Sequence[FieldExpr[Any]] | None = None,
        target_vector: str | None = None,
        include_vector: bool = False,
    ) -> Out:
        """Keyword and vector search fused; `alpha` 1 is pure vector, 0 pure keyword."""
        asked = self._shaping.search(where, limit, include_vector)
        names, prompts = reading.property_names(query_properties), self._shaping.prompts
        if prompts is None:
            reply: reading.Reply = await self._collection.query.hybrid(
                query, alpha=alpha, vector=vector, query_properties=names,
                target_vector=target_vector, **asked,
            )  # fmt: skip
        else:
            reply = await self._collection.generate.hybrid(
                query, alpha=alpha, vector=vector, query_properties=names,
                target_vector=target_vector, **asked, **prompts,
            )  # fmt: skip
        return await self._shape(reply)


class AsyncRepository(AsyncReader[list[Hit[M]]]):
    """The objects of one model's collection (asyncio): writes, reads and searches."""

    def __init__(self, collection: AsyncCollection, model: type[M]) -> None:
        super().__init__(collection, reading.model_hits(model))
        self.model = model

    def __repr__(self) -> str:
        return f"AsyncRepository({self.model.__name__})"

    def with_tenant(self, tenant: str | None) -> AsyncRepository[M]:
        """The same repository, every call scoped to `tenant`."""
        return AsyncRepository(self._collection.with_tenant(tenant), self.model)

    def select(self, projection: type[S]) -> AsyncReader[list[Hit[S]]]:
        """The same searches, fetching only `projection`'s fields and returning it."""
        return AsyncReader(self._collection, reading.projection_hits(self.model, projection))

    def group_by(
        self, by: FieldExpr[Any], *, number_of_groups: int, objects_per_group: int
    ) -> AsyncReader[list[HitGroup[M]]]:
        """The same searches, with results grouped by the value of `by`."""
        shaping = reading.grouped_hits(self.model, by, number_of_groups, objects_per_group)
        return AsyncReader(self._collection, shaping)

    def generate(
        self,
        *,
        single_prompt: str | None = None,
        grouped_task: str | None = None,
        grouped_properties: Sequence[FieldExpr[Any]] | None = None,
    ) -> AsyncReader[Generated[M]]:
        """The same searches, with text generated per object (`{property}` placeholders in
        `single_prompt`) and/or over all results (`grouped_task`)."""
        shaping = reading.generated_hits(
            self.model, single_prompt, grouped_task, grouped_properties
        )
        return AsyncReader(self._collection, shaping)

    async def insert(self, obj: M, *, vector: Vector | None = None) -> UUID:
        """Store one object in one request; raises with the server's reason when it is
        refused."""
        writing.checked(self.model, [obj], None)
        try:
            return await self._collection.data.insert(
                to_properties(obj), writing.references(obj), obj.uuid, vector
            )
        except UnexpectedStatusCodeError as error:
            raise writing.refusal(self.model, error) from error

    async def insert_many(
        self, objects: Iterable[M], *, vectors: Sequence[Vector] | None = None
    ) -> InsertResult[M]:
        """Store objects through the batcher; refused ones come back in `failures` with why."""
        items = writing.checked(self.model, objects, vectors)
        async with self._collection.batch.dynamic() as batch:
            for index, obj in enumerate(items):
                vector = vectors[index] if vectors is not None else None
                await batch.add_object(
                    to_properties(obj), writing.references(obj), obj.uuid, vector
                )
        return writing.insert_result(items, batch.failed_objects)

    async def get(self, uuid: UUID | str) -> M | None:
        """The object with this uuid, or None."""
        hits = await self.find(Condition(Filter.by_id().equal(UUID(str(uuid)))), limit=1)
        return hits[0].obj if hits else None

    async def update(self, obj: M, *, vector: Vector | None = None) -> None:
        """Write the object's current values over the stored ones (merge)."""
        await self._collection.data.update(
            obj.uuid, to_properties(obj), writing.references(obj), vector
        )

    async def replace(self, obj: M, *, vector: Vector | None = None) -> None:
        """Store the object as given, replacing the stored one entirely."""
        await self._collection.data.replace(
            obj.uuid, to_properties(obj), writing.references(obj), vector
        )

    async def delete(self, obj: M | UUID | str) -> None:
        """Delete one object, given or by uuid; deleting a missing object is not an error."""
        await self._collection.data.delete_by_id(reading.uuid_of(obj))

    async def delete_where(self, where: Condition, *, dry_run: bool = False) -> int:
        """Delete every object matching `where`; returns how many matched."""
        result = await self._collection.data.delete_many(where.filter, dry_run=dry_run)
        return result.matches

    async def count(self, where: Condition | None = None) -> int:
        """How many objects match `where` (all when None)."""
        result = await self._collection.aggregate.over_all(
            total_count=True, filters=reading.where_filter(where)
        )
        return result.total_count or 0

    @overload
    async def aggregate(
        self, *metrics: AnyMetrics, where: Condition | None = None, group_by: None = None
    ) -> AggregateReturn: ...

    @overload
    async def aggregate(
        self, *metrics: AnyMetrics, where: Condition | None = None, group_by: FieldExpr[Any]
    ) -> AggregateGroupByReturn: ...

    async def aggregate(
        self,
        *metrics: AnyMetrics,
        where: Condition | None = None,
        group_by: FieldExpr[Any] | None = None,
    ) -> AggregateReturn | AggregateGroupByReturn:
        """Statistics over the objects matching `where`: `metrics` built from fields, e.g.
        `Book.year.metrics.integer(mean=True)`, per value of `group_by` if given."""
        agg = self._collection.aggregate
        filters, wanted = reading.where_filter(where), list(metrics) or None
        if group_by is None:
            return await agg.over_all(total_count=True, filters=filters, return_metrics=wanted)
        by = group_by.property_name
        return await agg.over_all(
            total_count=True, filters=filters, return_metrics=wanted, group_by=by
        )
