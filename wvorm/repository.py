"""Typed repositories: `db.repo(Question)` inserts, reads, searches and deletes `Question`s."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Generic, TypeVar
from uuid import UUID

from pydantic import BaseModel

from wvorm._mapping import (
    from_properties,
    load_values,
    projection_fields,
    to_properties,
    to_references,
)
from wvorm.expressions import Condition, SortKey
from wvorm.model import StoredField, WvModel, info_of
from wvorm.results import Failure, Hit, InsertResult
from wvorm_core.classes.data import DataObject
from wvorm_core.classes.filters import Filter, FilterExpression
from wvorm_core.classes.query import MetadataQuery, Sort
from wvorm_core.client import WeaviateAsyncClient, WeaviateClient
from wvorm_core.collections import AsyncCollection, Collection
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.outputs import ErrorObject, QueryReturn

M = TypeVar("M", bound=WvModel)
S = TypeVar("S", bound=BaseModel)
T = TypeVar("T")
Props = Mapping[str, object]

Vector = Sequence[float]


def _sort(order_by: SortKey | Sequence[SortKey]) -> Sort | None:
    keys = [order_by] if isinstance(order_by, SortKey) else list(order_by)
    if not keys:
        return None
    return Sort(tuple((key.name, key.ascending) for key in keys))


def _data_object(obj: WvModel, vector: Vector | None) -> DataObject[dict[str, object]]:
    return DataObject(to_properties(obj), obj.uuid, vector, to_references(obj))


def _check(model: type[M], objects: Iterable[M]) -> list[M]:
    items = list(objects)
    for index, item in enumerate(items):
        if not isinstance(item, model):
            raise WeaviateInvalidInputError(
                f"object {index} is a {type(item).__name__}, not a {model.__name__}"
            )
    return items


def _insert_result(items: list[M], refused: Sequence[ErrorObject]) -> InsertResult[M]:
    by_uuid = {item.uuid: item for item in items}
    failures = [Failure(by_uuid[error.uuid], error.message) for error in refused]
    failed = {error.uuid for error in refused}
    return InsertResult([item.uuid for item in items if item.uuid not in failed], failures)


class _Reading(Generic[T]):
    """Which properties a read asks for and how its replies become hits (no I/O)."""

    def __init__(self, fields: Sequence[StoredField], build: Callable[[UUID, Props], T]) -> None:
        self.returns = [f.name for f in fields]
        self._build = build

    @classmethod
    def of_model(cls, model: type[M]) -> _Reading[M]:
        fields = [f for f in info_of(model).fields.values() if not f.is_reference]
        return _Reading(fields, lambda uuid, props: from_properties(model, uuid, props))

    @classmethod
    def of_projection(cls, model: type[WvModel], projection: type[S]) -> _Reading[S]:
        fields = projection_fields(model, projection)
        return _Reading(
            fields, lambda _, props: projection.model_validate(load_values(fields, props))
        )

    def hits(self, reply: QueryReturn[dict[str, object]]) -> list[Hit[T]]:
        build = self._build
        return [
            Hit(build(o.uuid, o.properties), o.uuid, o.metadata, o.vector) for o in reply.objects
        ]


def _filter(where: Condition | None) -> FilterExpression | None:
    return None if where is None else where.filter


def _by_id(uuid: UUID | str) -> Condition:
    return Condition(Filter.by_id().equal(UUID(str(uuid))))


def _batch(
    model: type[M], objects: Iterable[M], vectors: Sequence[Vector] | None
) -> tuple[list[M], list[DataObject[dict[str, object]]]]:
    items = _check(model, objects)
    given: Sequence[Vector | None] = list(vectors) if vectors is not None else [None] * len(items)
    if len(given) != len(items):
        raise WeaviateInvalidInputError(f"{len(items)} objects but {len(given)} vectors")
    return items, [_data_object(obj, vector) for obj, vector in zip(items, given, strict=True)]


def _uuid_of(obj: WvModel | UUID | str) -> UUID:
    return obj.uuid if isinstance(obj, WvModel) else UUID(str(obj))


def _references(obj: WvModel) -> dict[str, list[UUID]] | None:
    return to_references(obj) or None


def _single(model: type[M], result: InsertResult[M]) -> UUID:
    if result.failures:
        raise WeaviateInvalidInputError(f"{model.__name__}: {result.failures[0].message}")
    return result.uuids[0]


class Reader(Generic[T]):
    """Searches over one model's collection returning `Hit[T]` (blocking)."""

    def __init__(self, collection: Collection, reading: _Reading[T]) -> None:
        self._collection = collection
        self._reading = reading

    def find(
        self,
        where: Condition | None = None,
        *,
        order_by: SortKey | Sequence[SortKey] = (),
        limit: int | None = None,
        offset: int | None = None,
        include_vector: bool = False,
    ) -> list[Hit[T]]:
        """Objects matching `where`, in `order_by` order."""
        reply = self._collection.query.fetch_objects(
            filters=_filter(where),
            sort=_sort(order_by),
            limit=limit,
            offset=offset,
            return_properties=self._reading.returns,
            include_vector=include_vector,
        )
        return self._reading.hits(reply)

    def near_text(
        self,
        query: str,
        *,
        where: Condition | None = None,
        limit: int | None = None,
        distance: float | None = None,
        include_vector: bool = False,
    ) -> list[Hit[T]]:
        """Objects nearest to `query`, vectorized by the collection's vectorizer."""
        reply = self._collection.query.near_text(
            query,
            filters=_filter(where),
            limit=limit,
            distance=distance,
            return_properties=self._reading.returns,
            return_metadata=MetadataQuery(distance=True),
            include_vector=include_vector,
        )
        return self._reading.hits(reply)


class Repository(Reader[M]):
    """The objects of one model's collection (blocking): writes, reads and searches."""

    def __init__(self, client: WeaviateClient, model: type[M]) -> None:
        super().__init__(
            client.collections.use(info_of(model).collection), _Reading.of_model(model)
        )
        self.model = model

    def __repr__(self) -> str:
        return f"Repository({self.model.__name__})"

    def select(self, projection: type[S]) -> Reader[S]:
        """The same searches, fetching only `projection`'s fields and returning it."""
        return Reader(self._collection, _Reading.of_projection(self.model, projection))

    def insert(self, obj: M, *, vector: Vector | None = None) -> UUID:
        """Store one object; raises with the server's reason when it is refused."""
        result = self.insert_many([obj], vectors=None if vector is None else [vector])
        return _single(self.model, result)

    def insert_many(
        self, objects: Iterable[M], *, vectors: Sequence[Vector] | None = None
    ) -> InsertResult[M]:
        """Store objects through the batcher; refused ones come back in `failures` with why."""
        items, batch = _batch(self.model, objects, vectors)
        with self._collection.batch.dynamic() as sending:
            for item in batch:
                sending.add_object(item.properties, item.references, item.uuid, item.vector)
        return _insert_result(items, sending.failed_objects)

    def get(self, uuid: UUID | str) -> M | None:
        """The object with this uuid, or None."""
        hits = self.find(_by_id(uuid), limit=1)
        return hits[0].obj if hits else None

    def update(self, obj: M, *, vector: Vector | None = None) -> None:
        """Write the object's current values over the stored ones (merge)."""
        self._collection.data.update(obj.uuid, to_properties(obj), _references(obj), vector)

    def replace(self, obj: M, *, vector: Vector | None = None) -> None:
        """Store the object as given, replacing the stored one entirely."""
        self._collection.data.replace(obj.uuid, to_properties(obj), _references(obj), vector)

    def delete(self, obj: M | UUID | str) -> None:
        """Delete one object, given or by uuid; deleting a missing object is not an error."""
        self._collection.data.delete_by_id(_uuid_of(obj))

    def delete_where(self, where: Condition, *, dry_run: bool = False) -> int:
        """Delete every object matching `where`; returns how many matched."""
        return self._collection.data.delete_many(where.filter, dry_run=dry_run).matches


class AsyncReader(Generic[T]):
    """Searches over one model's collection returning `Hit[T]` (asyncio)."""

    def __init__(self, collection: AsyncCollection, reading: _Reading[T]) -> None:
        self._collection = collection
        self._reading = reading

    async def find(
        self,
        where: Condition | None = None,
        *,
        order_by: SortKey | Sequence[SortKey] = (),
        limit: int | None = None,
        offset: int | None = None,
        include_vector: bool = False,
    ) -> list[Hit[T]]:
        """Objects matching `where`, in `order_by` order."""
        reply = await self._collection.query.fetch_objects(
            filters=_filter(where),
            sort=_sort(order_by),
            limit=limit,
            offset=offset,
            return_properties=self._reading.returns,
            include_vector=include_vector,
        )
        return self._reading.hits(reply)

    async def near_text(
        self,
        query: str,
        *,
        where: Condition | None = None,
        limit: int | None = None,
        distance: float | None = None,
        include_vector: bool = False,
    ) -> list[Hit[T]]:
        """Objects nearest to `query`, vectorized by the collection's vectorizer."""
        reply = await self._collection.query.near_text(
            query,
            filters=_filter(where),
            limit=limit,
            distance=distance,
            return_properties=self._reading.returns,
            return_metadata=MetadataQuery(distance=True),
            include_vector=include_vector,
        )
        return self._reading.hits(reply)


class AsyncRepository(AsyncReader[M]):
    """The objects of one model's collection (asyncio): writes, reads and searches."""

    def __init__(self, client: WeaviateAsyncClient, model: type[M]) -> None:
        super().__init__(
            client.collections.use(info_of(model).collection), _Reading.of_model(model)
        )
        self.model = model

    def __repr__(self) -> str:
        return f"AsyncRepository({self.model.__name__})"

    def select(self, projection: type[S]) -> AsyncReader[S]:
        """The same searches, fetching only `projection`'s fields and returning it."""
        return AsyncReader(self._collection, _Reading.of_projection(self.model, projection))

    async def insert(self, obj: M, *, vector: Vector | None = None) -> UUID:
        """Store one object; raises with the server's reason when it is refused."""
        result = await self.insert_many([obj], vectors=None if vector is None else [vector])
        return _single(self.model, result)

    async def insert_many(
        self, objects: Iterable[M], *, vectors: Sequence[Vector] | None = None
    ) -> InsertResult[M]:
        """Store objects through the batcher; refused ones come back in `failures` with why."""
        items, batch = _batch(self.model, objects, vectors)
        async with self._collection.batch.dynamic() as sending:
            for item in batch:
                await sending.add_object(item.properties, item.references, item.uuid, item.vector)
        return _insert_result(items, sending.failed_objects)

    async def get(self, uuid: UUID | str) -> M | None:
        """The object with this uuid, or None."""
        hits = await self.find(_by_id(uuid), limit=1)
        return hits[0].obj if hits else None

    async def update(self, obj: M, *, vector: Vector | None = None) -> None:
        """Write the object's current values over the stored ones (merge)."""
        await self._collection.data.update(obj.uuid, to_properties(obj), _references(obj), vector)

    async def replace(self, obj: M, *, vector: Vector | None = None) -> None:
        """Store the object as given, replacing the stored one entirely."""
        await self._collection.data.replace(obj.uuid, to_properties(obj), _references(obj), vector)

    async def delete(self, obj: M | UUID | str) -> None:
        """Delete one object, given or by uuid; deleting a missing object is not an error."""
        await self._collection.data.delete_by_id(_uuid_of(obj))

    async def delete_where(self, where: Condition, *, dry_run: bool = False) -> int:
        """Delete every object matching `where`; returns how many matched."""
        result = await self._collection.data.delete_many(where.filter, dry_run=dry_run)
        return result.matches
