"""`collection.iterator()`: every object of a collection, page by page, through the uuid cursor."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any, Generic, TypedDict
from uuid import UUID

from wvorm_core._ops import search
from wvorm_core._ops.calls import Op
from wvorm_core._ops.search import ReturnProperties
from wvorm_core._transport.base import AsyncTransport, Transport
from wvorm_core.classes.query import MetadataName, MetadataQuery
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.outputs import Object, QueryReturn
from wvorm_core.outputs.query import P, R


class IteratorOptions(TypedDict, total=False):
    include_vector: bool | str | Sequence[str]
    return_metadata: MetadataQuery | Sequence[MetadataName] | None
    cache_size: int
    """Objects fetched per request (default 100)."""
    after: UUID | str | None
    """Start after this uuid."""
    validate: bool


class _Pages:
    """The cursor's state: which page to ask for next, and whether the end was reached."""

    def __init__(
        self, target: search.Target, return_properties: ReturnProperties, options: IteratorOptions
    ) -> None:
        size = options.get("cache_size", 100)
        if not isinstance(size, int) or isinstance(size, bool) or size < 1:
            raise WeaviateInvalidInputError(f"cache_size must be a positive int, got {size!r}")
        self._target = target
        self._properties = return_properties
        self._options: dict[str, Any] = {
            k: v for k, v in options.items() if k not in ("cache_size", "after")
        }
        self._options["limit"] = size
        self._size = size
        self._after = options.get("after")
        self.done = False

    def next_page(self) -> Op[QueryReturn[Any, Any]]:
        options = {**self._options, "after": self._after}
        return search.query(self._target, "iterator", self._properties, options)

    def took(self, page: QueryReturn[Any, Any]) -> list[Object[Any, Any]]:
        objects = page.objects
        if len(objects) < self._size:
            self.done = True
        if objects:
            self._after = objects[-1].uuid
        return objects


class CollectionIterator(Generic[P, R]):
    """Iterates over every object of a collection (blocking); each page is one request."""

    def __init__(
        self,
        transport: Transport,
        target: search.Target,
        return_properties: ReturnProperties,
        options: IteratorOptions,
    ) -> None:
        self._transport = transport
        self._pages = _Pages(target, return_properties, options)

    def __iter__(self) -> Iterator[Object[P, R]]:
        pages = self._pages
        while not pages.done:
            yield from pages.took(self._transport.run(pages.next_page()))


class AsyncCollectionIterator(Generic[P, R]):
    """Iterates over every object of a collection (asyncio); use `async for`."""

    def __init__(
        self,
        transport: AsyncTransport,
        target: search.Target,
        return_properties: ReturnProperties,
        options: IteratorOptions,
    ) -> None:
        self._transport = transport
        self._pages = _Pages(target, return_properties, options)

    async def __aiter__(self) -> AsyncIterator[Object[P, R]]:
        pages = self._pages
        while not pages.done:
            for obj in pages.took(await self._transport.run(pages.next_page())):
                yield obj
