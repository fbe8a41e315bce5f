"""Typed repositories: `db.repo(Question)` inserts, reads, searches and deletes `Question`s."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Generic, TypeVar
from uuid import UUID

from wvorm._mapping import from_properties, property_names, to_properties, to_references
from wvorm.expressions import Condition, SortKey
from wvorm.model import WvModel, info_of
from wvorm.results import Failure, Hit, InsertResult
from wvorm_core.classes.data import DataObject
from wvorm_core.classes.filters import Filter
from wvorm_core.classes.query import MetadataQuery, Sort
from wvorm_core.client import WeaviateAsyncClient, WeaviateClient
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.outputs import BatchObjectReturn, QueryReturn

M = TypeVar("M", bound=WvModel)

Vector = Sequence[float]


def _sort(order_by: SortKey | Sequence[SortKey]) -> Sort | None:
    keys = [order_by] if isinstance(order_by, SortKey) else list(order_by)
    if not keys:
        return None
    return Sort(tuple((key.name, key.ascending) for key in keys))


def _data_object(obj: WvModel, vector: Vector | None) -> DataObject[Mapping[str, object]]:
    return DataObject(to_properties(obj), obj.uuid, vector, to_references(obj))


def _check(model: type[M], objects: Iterable[M]) -> list[M]:
    items = list(objects)
    for index, item in enumerate(items):
        if not isinstance(item, model):
            raise WeaviateInvalidInputError(
                f"object {index} is a {type(item).__name__}, not a {model.__name__}"
            )
    return items


def _insert_result(model: type[M], items: list[M], reply: BatchObjectReturn) -> InsertResult[M]:
    failures = [Failure(items[i], error.message) for i, error in sorted(reply.errors.items())]
    return InsertResult([reply.uuids[i] for i in sorted(reply.uuids)], failures)


def _hits(model: type[M], reply: QueryReturn[dict[str, object]]) -> list[Hit[M]]:
    return [
        Hit(from_properties(model, o.uuid, o.properties), o.uuid, o.metadata, o.vector)
        for o in reply.objects
    ]


class Repository(Generic[M]):
    """The objects of one model's collection (blocking)."""

    def __init__(self, client: WeaviateClient, model: type[M]) -> None:
        self.model = model
        self._collection = client.collections.use(info_of(model).collection)
        self._returns = property_names(model)

    def __repr__(self) -> str:
        return f"Repository({self.model.__name__})"

    def insert(self, obj: M, *, vector: Vector | None = None) -> UUID:
        """Store one object; raises with the server's reason when it is refused."""
        result = self.insert_many([obj], vectors=None if vector is None else [vector])
        if result.failures:
            raise WeaviateInvalidInputError(f"{self.model.__name__}: {result.failures[0].message}")
        return result.uuids[0]

    def insert_many(
        self, objects: Iterable[M], *, vectors: Sequence[Vector] | None = None
    ) -> InsertResult[M]:
        """Store objects in one batch; refused objects come back in `failures` with the reason."""
        items = _check(self.model, objects)
        given = list(vectors) if vectors is not None else [None] * len(items)
        batch = [_data_object(obj, vector) for obj, vector in zip(items, given, strict=True)]
        return _insert_result(self.model, items, self._collection.data.insert_many(batch))

    def get(self, uuid: UUID | str) -> M | None:
        """The object with this uuid, or None."""
        reply = self._collection.query.fetch_objects(
            filters=Filter.by_id().equal(UUID(str(uuid))), limit=1, return_properties=self._returns
        )
        hits = _hits(self.model, reply)
        return hits[0].obj if hits else None

    def find(
        self,
        where: Condition | None = None,
        *,
        order_by: SortKey | Sequence[SortKey] = (),
        limit: int | None = None,
        offset: int | None = None,
        include_vector: bool = False,
    ) -> list[Hit[M]]:
        """Objects matching `where`, in `order_by` order."""
        reply = self._collection.query.fetch_objects(
            filters=where.filter if where is not None else None,
            sort=_sort(order_by),
            limit=limit,
            offset=offset,
            return_properties=self._returns,
            include_vector=include_vector,
        )
        return _hits(self.model, reply)

    def near_text(
        self,
        query: str,
        *,
        where: Condition | None = None,
        limit: int | None = None,
        distance: float | None = None,
        include_vector: bool = False,
    ) -> list[Hit[M]]:
        """Objects nearest to `query`, vectorized by the collection's vectorizer."""
        reply = self._collection.query.near_text(
            query,
            filters=where.filter if where is not None else None,
            limit=limit,
            distance=distance,
            return_properties=self._returns,
            return_metadata=MetadataQuery(distance=True),
            include_vector=include_vector,
        )
        return _hits(self.model, reply)


class AsyncRepository(Generic[M]):
    """The objects of one model's collection (asyncio)."""

    def __init__(self, client: WeaviateAsyncClient, model: type[M]) -> None:
        self.model = model
        self._collection = client.collections.use(info_of(model).collection)
        self._returns = property_names(model)

    def __repr__(self) -> str:
        return f"AsyncRepository({self.model.__name__})"

    async def insert(self, obj: M, *, vector: Vector | None = None) -> UUID:
        """Store one object; raises with the server's reason when it is refused."""
        result = await self.insert_many([obj], vectors=None if vector is None else [vector])
        if result.failures:
            raise WeaviateInvalidInputError(f"{self.model.__name__}: {result.failures[0].message}")
        return result.uuids[0]

    async def insert_many(
        self, objects: Iterable[M], *, vectors: Sequence[Vector] | None = None
    ) -> InsertResult[M]:
        """Store objects in one batch; refused objects come back in `failures` with the reason."""
        items = _check(self.model, objects)
        given = list(vectors) if vectors is not None else [None] * len(items)
        batch = [_data_object(obj, vector) for obj, vector in zip(items, given, strict=True)]
        return _insert_result(self.model, items, await self._collection.data.insert_many(batch))

    async def get(self, uuid: UUID | str) -> M | None:
        """The object with this uuid, or None."""
        reply = await self._collection.query.fetch_objects(
            filters=Filter.by_id().equal(UUID(str(uuid))), limit=1, return_properties=self._returns
        )
        hits = _hits(self.model, reply)
        return hits[0].obj if hits else None

    async def find(
        self,
        where: Condition | None = None,
        *,
        order_by: SortKey | Sequence[SortKey] = (),
        limit: int | None = None,
        offset: int | None = None,
        include_vector: bool = False,
    ) -> list[Hit[M]]:
        """Objects matching `where`, in `order_by` order."""
        reply = await self._collection.query.fetch_objects(
            filters=where.filter if where is not None else None,
            sort=_sort(order_by),
            limit=limit,
            offset=offset,
            return_properties=self._returns,
            include_vector=include_vector,
        )
        return _hits(self.model, reply)

    async def near_text(
        self,
        query: str,
        *,
        where: Condition | None = None,
        limit: int | None = None,
        distance: float | None = None,
        include_vector: bool = False,
    ) -> list[Hit[M]]:
        """Objects nearest to `query`, vectorized by the collection's vectorizer."""
        reply = await self._collection.query.near_text(
            query,
            filters=where.filter if where is not None else None,
            limit=limit,
            distance=distance,
            return_properties=self._returns,
            return_metadata=MetadataQuery(distance=True),
            include_vector=include_vector,
        )
        return _hits(self.model, reply)
