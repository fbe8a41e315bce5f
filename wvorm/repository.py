"""Typed repositories: `db.repo(Question)` inserts, reads, searches and deletes `Question`s.

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
from wvorm._mapping import to_properties, to_references
from wvorm.expressions import Condition, FieldExpr, SortKey
from wvorm.model import WvModel
from wvorm.results import Failure, Generated, Hit, HitGroup, InsertResult
from wvorm_core.classes.aggregate import AnyMetrics
from wvorm_core.classes.data import ReferenceInput
from wvorm_core.classes.filters import Filter
from wvorm_core.collections import AsyncCollection, Collection
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.outputs import AggregateGroupByReturn, AggregateReturn, ErrorObject

M = TypeVar("M", bound=WvModel)
S = TypeVar("S", bound=BaseModel)
Out = TypeVar("Out")

Vector = Sequence[float]


def _check(model: type[M], objects: Iterable[M], vectors: Sequence[Vector] | None) -> list[M]:
    items = list(objects)
    for index, item in enumerate(items):
        if not isinstance(item, model):
            raise WeaviateInvalidInputError(
                f"object {index} is a {type(item).__name__}, not a {model.__name__}"
            )
    if vectors is not None and len(vectors) != len(items):
        raise WeaviateInvalidInputError(f"{len(items)} objects but {len(vectors)} vectors")
    return items


def _insert_result(items: list[M], refused: Sequence[ErrorObject]) -> InsertResult[M]:
    by_uuid = {item.uuid: item for item in items}
    failures = [Failure(by_uuid[error.uuid], error.message) for error in refused]
    failed = {error.uuid for error in refused}
    return InsertResult([item.uuid for item in items if item.uuid not in failed], failures)


def _single(model: type[M], result: InsertResult[M]) -> UUID:
    if result.failures:
        raise WeaviateInvalidInputError(f"{model.__name__}: {result.failures[0].message}")
    return result.uuids[0]


def _find_options(
    where: Condition | None,
    order_by: SortKey | Sequence[SortKey],
    limit: int | None,
    offset: int | None,
    include_vector: bool,
) -> dict[str, Any]:
    return {
        "filters": reading.where_filter(where),
        "sort": reading.sort(order_by),
        "limit": limit,
        "offset": offset,
        "include_vector": include_vector,
    }


def _search_options(
    where: Condition | None, limit: int | None, include_vector: bool, **more: Any
) -> dict[str, Any]:
    return {
        "filters": reading.where_filter(where),
        "limit": limit,
        "include_vector": include_vector,
        "return_metadata": reading.SEARCH_METADATA,
        **more,
    }


def _refs(obj: WvModel) -> dict[str, ReferenceInput] | None:
    return to_references(obj) or None


def _no_grouping(shaping: reading.Shaping[Any]) -> None:
    if shaping.searches_only:
        raise WeaviateInvalidInputError("group_by applies to searches; find() cannot group")


class Reader(Generic[Out]):
    """Searches over one model's collection (blocking)."""

    def __init__(self, collection: Collection, shaping: reading.Shaping[Out]) -> None:
        self._collection = collection
        self._shaping = shaping

    def _run(self, kind: str, first: tuple[Any, ...], options: dict[str, Any]) -> Out:
        space = self._collection.generate if self._shaping.generative else self._collection.query
        reply = getattr(space, kind)(*first, **self._shaping.arguments(options))
        uuids = [o.uuid for o in reply.objects]
        extra = [
            self._collection.query.fetch_objects_by_ids(uuids, **reading.follow_up(query, uuids))
            for query in self._shaping.follow_ups
            if uuids
        ]
        return self._shaping.shape(reply, reading.follow_up_results(extra))

    def find(
        self,
        where: Condition | None = None,
        *,
        order_by: SortKey | Sequence[SortKey] = (),
        limit: int | None = None,
        offset: int | None = None,
        include_vector: bool = False,
    ) -> Out:
        """Objects matching `where`, in `order_by` order."""
        _no_grouping(self._shaping)
        options = _find_options(where, order_by, limit, offset, include_vector)
        return self._run("fetch_objects", (), options)

    def near_text(
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
        options = _search_options(
            where, limit, include_vector, distance=distance, target_vector=target_vector
        )
        return self._run("near_text", (query,), options)

    def near_vector(
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
        options = _search_options(
            where, limit, include_vector, distance=distance, target_vector=target_vector
        )
        return self._run("near_vector", (vector,), options)

    def near_object(
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
        options = _search_options(
            where, limit, include_vector, distance=distance, target_vector=target_vector
        )
        return self._run("near_object", (reading.uuid_of(obj),), options)

    def bm25(
        self,
        query: str,
        *,
        where: Condition | None = None,
        limit: int | None = None,
        query_properties: Sequence[FieldExpr[Any]] | None = None,
        include_vector: bool = False,
    ) -> Out:
        """Keyword search (BM25), over `query_properties` if given."""
        names = reading.property_names(query_properties)
        options = _search_options(where, limit, include_vector, query_properties=names)
        return self._run("bm25", (query,), options)

    def hybrid(
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
        names = reading.property_names(query_properties)
        options = _search_options(
            where,
            limit,
            include_vector,
            alpha=alpha,
            vector=vector,
            query_properties=names,
            target_vector=target_vector,
        )
        return self._run("hybrid", (query,), options)


class Repository(Reader[list[Hit[M]]]):
    """The objects of one model's collection (blocking): writes, reads and searches."""

    def __init__(self, collection: Collection, model: type[M]) -> None:
        super().__init__(collection, reading.model_hits(model))
        self.model = model

    def __repr__(self) -> str:
        return f"Repository({self.model.__name__})"

    def with_tenant(self, tenant: str | None) -> Repository[M]:
        """The same repository, every call scoped to `tenant`."""
        return Repository(self._collection.with_tenant(tenant), self.model)

    def select(self, projection: type[S]) -> Reader[list[Hit[S]]]:
        """The same searches, fetching only `projection`'s fields and returning it."""
        return Reader(self._collection, reading.projection_hits(self.model, projection))

    def group_by(
        self, by: FieldExpr[Any], *, number_of_groups: int, objects_per_group: int
    ) -> Reader[list[HitGroup[M]]]:
        """The same searches, with results grouped by the value of `by`."""
        shaping = reading.grouped_hits(self.model, by, number_of_groups, objects_per_group)
        return Reader(self._collection, shaping)

    def generate(
        self,
        *,
        single_prompt: str | None = None,
        grouped_task: str | None = None,
        grouped_properties: Sequence[FieldExpr[Any]] | None = None,
    ) -> Reader[Generated[M]]:
        """The same searches, with text generated per object (`{property}` placeholders in
        `single_prompt`) and/or over all results (`grouped_task`)."""
        shaping = reading.generated_hits(
            self.model, single_prompt, grouped_task, grouped_properties
        )
        return Reader(self._collection, shaping)

    def insert(self, obj: M, *, vector: Vector | None = None) -> UUID:
        """Store one object; raises with the server's reason when it is refused."""
        result = self.insert_many([obj], vectors=None if vector is None else [vector])
        return _single(self.model, result)

    def insert_many(
        self, objects: Iterable[M], *, vectors: Sequence[Vector] | None = None
    ) -> InsertResult[M]:
        """Store objects through the batcher; refused ones come back in `failures` with why."""
        items = _check(self.model, objects, vectors)
        with self._collection.batch.dynamic() as batch:
            for index, obj in enumerate(items):
                vector = vectors[index] if vectors is not None else None
                batch.add_object(to_properties(obj), _refs(obj), obj.uuid, vector)
        return _insert_result(items, batch.failed_objects)

    def get(self, uuid: UUID | str) -> M | None:
        """The object with this uuid, or None."""
        hits = self.find(Condition(Filter.by_id().equal(UUID(str(uuid)))), limit=1)
        return hits[0].obj if hits else None

    def update(self, obj: M, *, vector: Vector | None = None) -> None:
        """Write the object's current values over the stored ones (merge)."""
        self._collection.data.update(obj.uuid, to_properties(obj), _refs(obj), vector)

    def replace(self, obj: M, *, vector: Vector | None = None) -> None:
        """Store the object as given, replacing the stored one entirely."""
        self._collection.data.replace(obj.uuid, to_properties(obj), _refs(obj), vector)

    def delete(self, obj: M | UUID | str) -> None:
        """Delete one object, given or by uuid; deleting a missing object is not an error."""
        self._collection.data.delete_by_id(reading.uuid_of(obj))

    def delete_where(self, where: Condition, *, dry_run: bool = False) -> int:
        """Delete every object matching `where`; returns how many matched."""
        return self._collection.data.delete_many(where.filter, dry_run=dry_run).matches

    def count(self, where: Condition | None = None) -> int:
        """How many objects match `where` (all when None)."""
        result = self._collection.aggregate.over_all(
            total_count=True, filters=reading.where_filter(where)
        )
        return result.total_count or 0

    @overload
    def aggregate(
        self, *metrics: AnyMetrics, where: Condition | None = None, group_by: None = None
    ) -> AggregateReturn: ...
    @overload
    def aggregate(
        self, *metrics: AnyMetrics, where: Condition | None = None, group_by: FieldExpr[Any]
    ) -> AggregateGroupByReturn: ...
    def aggregate(
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
            return agg.over_all(total_count=True, filters=filters, return_metrics=wanted)
        by = group_by.property_name
        return agg.over_all(total_count=True, filters=filters, return_metrics=wanted, group_by=by)


class AsyncReader(Generic[Out]):
    """Searches over one model's collection (asyncio)."""

    def __init__(self, collection: AsyncCollection, shaping: reading.Shaping[Out]) -> None:
        self._collection = collection
        self._shaping = shaping

    async def _run(self, kind: str, first: tuple[Any, ...], options: dict[str, Any]) -> Out:
        space = self._collection.generate if self._shaping.generative else self._collection.query
        reply = await getattr(space, kind)(*first, **self._shaping.arguments(options))
        uuids = [o.uuid for o in reply.objects]
        extra = [
            await self._collection.query.fetch_objects_by_ids(
                uuids, **reading.follow_up(query, uuids)
            )
            for query in self._shaping.follow_ups
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
        _no_grouping(self._shaping)
        options = _find_options(where, order_by, limit, offset, include_vector)
        return await self._run("fetch_objects", (), options)

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
        options = _search_options(
            where, limit, include_vector, distance=distance, target_vector=target_vector
        )
        return await self._run("near_text", (query,), options)

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
        options = _search_options(
            where, limit, include_vector, distance=distance, target_vector=target_vector
        )
        return await self._run("near_vector", (vector,), options)

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
        options = _search_options(
            where, limit, include_vector, distance=distance, target_vector=target_vector
        )
        return await self._run("near_object", (reading.uuid_of(obj),), options)

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
        names = reading.property_names(query_properties)
        options = _search_options(where, limit, include_vector, query_properties=names)
        return await self._run("bm25", (query,), options)

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
        names = reading.property_names(query_properties)
        options = _search_options(
            where,
            limit,
            include_vector,
            alpha=alpha,
            vector=vector,
            query_properties=names,
            target_vector=target_vector,
        )
        return await self._run("hybrid", (query,), options)


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
        """Store one object; raises with the server's reason when it is refused."""
        result = await self.insert_many([obj], vectors=None if vector is None else [vector])
        return _single(self.model, result)

    async def insert_many(
        self, objects: Iterable[M], *, vectors: Sequence[Vector] | None = None
    ) -> InsertResult[M]:
        """Store objects through the batcher; refused ones come back in `failures` with why."""
        items = _check(self.model, objects, vectors)
        async with self._collection.batch.dynamic() as batch:
            for index, obj in enumerate(items):
                vector = vectors[index] if vectors is not None else None
                await batch.add_object(to_properties(obj), _refs(obj), obj.uuid, vector)
        return _insert_result(items, batch.failed_objects)

    async def get(self, uuid: UUID | str) -> M | None:
        """The object with this uuid, or None."""
        hits = await self.find(Condition(Filter.by_id().equal(UUID(str(uuid)))), limit=1)
        return hits[0].obj if hits else None

    async def update(self, obj: M, *, vector: Vector | None = None) -> None:
        """Write the object's current values over the stored ones (merge)."""
        await self._collection.data.update(obj.uuid, to_properties(obj), _refs(obj), vector)

    async def replace(self, obj: M, *, vector: Vector | None = None) -> None:
        """Store the object as given, replacing the stored one entirely."""
        await self._collection.data.replace(obj.uuid, to_properties(obj), _refs(obj), vector)

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
