"""`client.collections`: create, use, list and delete collections."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, overload

from wvorm_core._ops import schema
from wvorm_core._transport.aio import AsyncTransport
from wvorm_core._transport.sync import SyncTransport
from wvorm_core.classes.config import (
    Property,
    ReferenceProperty,
    VectorConfig,
)
from wvorm_core.collections._context import CollectionContext, P, R
from wvorm_core.collections.collection import AsyncCollection, Collection


class Collections:
    """The collections of one server (blocking)."""

    def __init__(self, transport: SyncTransport) -> None:
        self._transport = transport

    def create(
        self,
        name: str,
        *,
        description: str | None = None,
        properties: Sequence[Property] = (),
        references: Sequence[ReferenceProperty] = (),
        vector_config: VectorConfig | Sequence[VectorConfig] | None = None,
    ) -> Collection:
        """Create a collection and return a handle to it."""
        body = schema.create_body(
            name,
            description=description,
            properties=properties,
            references=references,
            vector_config=vector_config,
        )
        self._transport.run(schema.create(body))
        return self.use(name)

    @overload
    def use(self, name: str) -> Collection: ...
    @overload
    def use(
        self, name: str, data_model_properties: type[P], data_model_references: None = None
    ) -> Collection[P, None]: ...
    @overload
    def use(
        self, name: str, data_model_properties: None = None, *, data_model_references: type[R]
    ) -> Collection[dict[str, object], R]: ...
    @overload
    def use(
        self, name: str, data_model_properties: type[P], data_model_references: type[R]
    ) -> Collection[P, R]: ...
    def use(
        self,
        name: str,
        data_model_properties: type[Any] | None = None,
        data_model_references: type[Any] | None = None,
    ) -> Collection[Any, Any]:
        """A handle to a collection; makes no request.

        `data_model_properties` (a TypedDict or pydantic model) types the results and decides
        which properties queries fetch; `data_model_references` does the same for references.
        """
        context: CollectionContext[Any, Any] = CollectionContext(
            name, properties_model=data_model_properties, references_model=data_model_references
        )
        return Collection(self._transport, context)

    get = use

    def exists(self, name: str) -> bool:
        return self._transport.run(schema.exists(name))

    def delete(self, name: str | Sequence[str]) -> None:
        """Delete one collection or several; deleting a missing one is not an error."""
        for each in [name] if isinstance(name, str) else name:
            self._transport.run(schema.delete(each))

    def delete_all(self) -> None:
        self._transport.run(schema.delete_all())

    def list_all(self) -> list[str]:
        """The names of all collections."""
        return self._transport.run(schema.list_names())


class AsyncCollections:
    """The collections of one server (asyncio)."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport

    async def create(
        self,
        name: str,
        *,
        description: str | None = None,
        properties: Sequence[Property] = (),
        references: Sequence[ReferenceProperty] = (),
        vector_config: VectorConfig | Sequence[VectorConfig] | None = None,
    ) -> AsyncCollection:
        """Create a collection and return a handle to it."""
        body = schema.create_body(
            name,
            description=description,
            properties=properties,
            references=references,
            vector_config=vector_config,
        )
        await self._transport.run(schema.create(body))
        return self.use(name)

    @overload
    def use(self, name: str) -> AsyncCollection: ...
    @overload
    def use(
        self, name: str, data_model_properties: type[P], data_model_references: None = None
    ) -> AsyncCollection[P, None]: ...
    @overload
    def use(
        self, name: str, data_model_properties: None = None, *, data_model_references: type[R]
    ) -> AsyncCollection[dict[str, object], R]: ...
    @overload
    def use(
        self, name: str, data_model_properties: type[P], data_model_references: type[R]
    ) -> AsyncCollection[P, R]: ...
    def use(
        self,
        name: str,
        data_model_properties: type[Any] | None = None,
        data_model_references: type[Any] | None = None,
    ) -> AsyncCollection[Any, Any]:
        """A handle to a collection; makes no request.

        `data_model_properties` (a TypedDict or pydantic model) types the results and decides
        which properties queries fetch; `data_model_references` does the same for references.
        """
        context: CollectionContext[Any, Any] = CollectionContext(
            name, properties_model=data_model_properties, references_model=data_model_references
        )
        return AsyncCollection(self._transport, context)

    get = use

    async def exists(self, name: str) -> bool:
        return await self._transport.run(schema.exists(name))

    async def delete(self, name: str | Sequence[str]) -> None:
        """Delete one collection or several; deleting a missing one is not an error."""
        for each in [name] if isinstance(name, str) else name:
            await self._transport.run(schema.delete(each))

    async def delete_all(self) -> None:
        await self._transport.run(schema.delete_all())

    async def list_all(self) -> list[str]:
        """The names of all collections."""
        return await self._transport.run(schema.list_names())
