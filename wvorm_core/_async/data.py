"""`collection.data`: inserts, updates, deletes and references of one collection."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Generic, Literal, overload
from uuid import UUID

from wvorm_core._context import CollectionContext
from wvorm_core._ops import batch, data
from wvorm_core._transport.base import AsyncTransport
from wvorm_core.classes.data import (
    DataObject,
    DataReferences,
    ReferenceInput,
    ReferenceInputs,
    Vectors,
)
from wvorm_core.classes.filters import FilterExpression
from wvorm_core.outputs.batch import BatchObjectReturn, BatchReferenceReturn
from wvorm_core.outputs.data import DeleteManyObject, DeleteManyReturn
from wvorm_core.outputs.query import P, R


class AsyncDataCollection(Generic[P, R]):
    """Writes to one collection (asyncio)."""

    def __init__(self, transport: AsyncTransport, context: CollectionContext[P, R]) -> None:
        self._transport = transport
        self._scope = data.Scope(context.name, context.tenant, context.consistency_level)

    async def insert(
        self,
        properties: P,
        references: ReferenceInputs | None = None,
        uuid: UUID | str | None = None,
        vector: Vectors | None = None,
    ) -> UUID:
        """Insert one object; returns its uuid (a random one unless `uuid` is given)."""
        return await self._transport.run(
            data.insert(self._scope, properties, references, uuid, vector)
        )

    async def insert_many(
        self, objects: Sequence[P | DataObject[P] | DataObject[Mapping[str, object]]]
    ) -> BatchObjectReturn:
        """Insert objects in one gRPC batch; refused objects are in `.errors` with the reason."""
        s = self._scope
        return await self._transport.run(
            batch.insert_many(s.collection, objects, s.tenant, s.level)
        )

    async def replace(
        self,
        uuid: UUID | str,
        properties: P,
        references: ReferenceInputs | None = None,
        vector: Vectors | None = None,
    ) -> None:
        """Replace an object: properties not given are removed."""
        return await self._transport.run(
            data.write(self._scope, uuid, properties, references, vector, merge=False)
        )

    async def update(
        self,
        uuid: UUID | str,
        properties: P | Mapping[str, object] | None = None,
        references: ReferenceInputs | None = None,
        vector: Vectors | None = None,
    ) -> None:
        """Merge the given properties (and vector) into an object; others stay."""
        return await self._transport.run(
            data.write(self._scope, uuid, properties, references, vector, merge=True)
        )

    async def delete_by_id(self, uuid: UUID | str) -> bool:
        """Delete one object by uuid; False if the server answers 404 (Weaviate 1.39 also
        confirms deleting a uuid that is not there)."""
        return await self._transport.run(data.delete_by_id(self._scope, uuid))

    @overload
    async def delete_many(
        self, where: FilterExpression, *, verbose: Literal[False] = False, dry_run: bool = False
    ) -> DeleteManyReturn[None]: ...
    @overload
    async def delete_many(
        self, where: FilterExpression, *, verbose: Literal[True], dry_run: bool = False
    ) -> DeleteManyReturn[list[DeleteManyObject]]: ...
    @overload
    async def delete_many(
        self, where: FilterExpression, *, verbose: bool = False, dry_run: bool = False
    ) -> DeleteManyReturn[list[DeleteManyObject]] | DeleteManyReturn[None]: ...
    async def delete_many(
        self, where: FilterExpression, *, verbose: bool = False, dry_run: bool = False
    ) -> DeleteManyReturn[list[DeleteManyObject]] | DeleteManyReturn[None]:
        """Delete every object matching `where` (gRPC); `dry_run` only counts the matches."""
        s = self._scope
        return await self._transport.run(
            batch.delete_many(s.collection, where, verbose, dry_run, s.tenant, s.level)
        )

    async def exists(self, uuid: UUID | str) -> bool:
        """Whether an object with this uuid exists."""
        return await self._transport.run(data.exists(self._scope, uuid))

    async def reference_add(
        self, from_uuid: UUID | str, from_property: str, to: ReferenceInput
    ) -> None:
        """Add a reference from one object of this collection to `to`."""
        return await self._transport.run(
            data.reference_add(self._scope, from_uuid, from_property, to)
        )

    async def reference_add_many(self, refs: Sequence[DataReferences]) -> BatchReferenceReturn:
        """Add many references in one gRPC batch; refused ones are in `.errors`."""
        s = self._scope
        return await self._transport.run(
            batch.add_references(batch.reference_records(s.collection, refs, s.tenant), s.level)
        )

    async def reference_delete(
        self, from_uuid: UUID | str, from_property: str, to: ReferenceInput
    ) -> None:
        """Remove a reference from one object of this collection."""
        return await self._transport.run(
            data.reference_delete(self._scope, from_uuid, from_property, to)
        )

    async def reference_replace(
        self, from_uuid: UUID | str, from_property: str, to: ReferenceInput
    ) -> None:
        """Make a reference property of one object point to exactly `to`."""
        return await self._transport.run(
            data.reference_replace(self._scope, from_uuid, from_property, to)
        )
