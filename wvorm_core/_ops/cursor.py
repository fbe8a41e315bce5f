"""The uuid cursor behind `collection.iterator()`: which page to ask for next, and when to stop."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypedDict
from uuid import UUID

from wvorm_core._ops import search
from wvorm_core._ops.calls import Op
from wvorm_core._ops.search import ReturnProperties
from wvorm_core.classes.query import MetadataName, MetadataQuery, QueryReference
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.outputs import Object, QueryReturn

ITERATOR_CACHE_SIZE = 100
"""Objects an iterator fetches per request unless told `cache_size`."""


class IteratorOptions(TypedDict, total=False):
    include_vector: bool | str | Sequence[str]
    return_metadata: MetadataQuery | Sequence[MetadataName] | None
    return_references: QueryReference | Sequence[QueryReference] | None
    """Follow these references (a multi-target one names its `target_collection`)."""
    cache_size: int
    """Objects fetched per request (default 100)."""
    after: UUID | str | None
    """Start after this uuid."""
    validate: bool


class Cursor:
    """The cursor's state: which page to ask for next, and whether the end was reached."""

    def __init__(
        self, target: search.Target, return_properties: ReturnProperties, options: IteratorOptions
    ) -> None:
        size = options.get("cache_size", ITERATOR_CACHE_SIZE)
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
