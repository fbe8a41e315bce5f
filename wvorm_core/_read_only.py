"""`ReadOnlyList`: the arrays of configuration read back from the server."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


class ReadOnlyList(tuple[T, ...]):
    """An immutable array that also equals a list with the same items, so that v4 code
    comparing read-back settings with a list (`source_properties == ["title"]`) holds."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, list):
            return list(self) == other
        return tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = tuple.__hash__
