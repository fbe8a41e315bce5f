"""Query inputs: `Filter`, `MetadataQuery`, `Sort` (v4 shapes)."""

from __future__ import annotations

from dataclasses import dataclass

from wvorm_core.classes.filters import Filter, GeoRange

__all__ = ["Filter", "GeoRange", "MetadataQuery", "Sort"]


@dataclass(frozen=True, slots=True)
class MetadataQuery:
    """Which search metadata to return with each object."""

    creation_time: bool = False
    last_update_time: bool = False
    distance: bool = False
    certainty: bool = False
    score: bool = False
    explain_score: bool = False
    is_consistent: bool = False

    @classmethod
    def full(cls) -> MetadataQuery:
        return cls(True, True, True, True, True, True, True)


@dataclass(frozen=True, slots=True)
class Sort:
    """A sort key; chain with `.by_property(...)` for more keys."""

    keys: tuple[tuple[str, bool], ...]

    @classmethod
    def by_property(cls, name: str, ascending: bool = True) -> Sort:
        return cls(((name, ascending),))

    @classmethod
    def by_creation_time(cls, ascending: bool = True) -> Sort:
        return cls((("_creationTimeUnix", ascending),))

    @classmethod
    def by_update_time(cls, ascending: bool = True) -> Sort:
        return cls((("_lastUpdateTimeUnix", ascending),))

    def then_by_property(self, name: str, ascending: bool = True) -> Sort:
        return Sort((*self.keys, (name, ascending)))
