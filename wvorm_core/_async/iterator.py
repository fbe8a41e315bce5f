"""`collection.iterator()`: every object of a collection, page by page, through the uuid cursor."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Generic

from wvorm_core._ops import search
from wvorm_core._ops.cursor import Cursor, IteratorOptions
from wvorm_core._ops.search import ReturnProperties
from wvorm_core._transport.base import AsyncTransport
from wvorm_core.outputs import Object
from wvorm_core.outputs.query import P, R


class AsyncCollectionIterator(Generic[P, R]):
    """Every object of a collection (asyncio), one request per page; use `async for`."""

    def __init__(
        self,
        transport: AsyncTransport,
        target: search.Target,
        return_properties: ReturnProperties,
        options: IteratorOptions,
    ) -> None:
        self._transport = transport
        self._cursor = Cursor(target, return_properties, options)

    async def __aiter__(self) -> AsyncIterator[Object[P, R]]:
        cursor = self._cursor
        while not cursor.done:
            for obj in cursor.took(await self._transport.run(cursor.next_page())):
                yield obj
