# Generated from wvorm_core/_async/iterator.py by scripts/unasync.py; do not edit.
"""`collection.iterator()`: every object of a collection, page by page, through the uuid cursor."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic

from wvorm_core._ops import search
from wvorm_core._ops.cursor import Cursor, IteratorOptions
from wvorm_core._ops.search import ReturnProperties
from wvorm_core._transport.base import Transport
from wvorm_core.outputs import Object
from wvorm_core.outputs.query import P, R


class CollectionIterator(Generic[P, R]):
    """Every object of a collection (blocking), one request per page; use `for`."""

    def __init__(
        self,
        transport: Transport,
        target: search.Target,
        return_properties: ReturnProperties,
        options: IteratorOptions,
    ) -> None:
        self._transport = transport
        self._cursor = Cursor(target, return_properties, options)

    def __iter__(self) -> Iterator[Object[P, R]]:
        cursor = self._cursor
        while not cursor.done:
            yield from cursor.took(self._transport.run(cursor.next_page()))
