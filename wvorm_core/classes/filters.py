"""Filter expressions: `Filter.by_property(...)`, `&`, `|`, `Filter.not_(...)` (v4 shapes)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from wvorm_core.classes.config import check_property_name
from wvorm_core.classes.data import GeoCoordinate

FilterValue = (
    str
    | int
    | float
    | bool
    | datetime
    | UUID
    | Sequence[str]
    | Sequence[int]
    | Sequence[float]
    | Sequence[bool]
    | Sequence[datetime]
    | Sequence[UUID]
)


@dataclass(frozen=True, slots=True)
class FilterTarget:
    """What a filter tests: a property (through reference hops), its length, or a count."""

    path: tuple[tuple[str, str | None], ...]
    """Reference hops as (link property, target collection or None)."""
    prop: str
    count: bool = False


class FilterExpression:
    """A filter expression; combine with `&` and `|`."""

    def __and__(self, other: FilterExpression) -> FilterExpression:
        return FilterAll(tuple([self, other]))

    def __or__(self, other: FilterExpression) -> FilterExpression:
        return FilterAny(tuple([self, other]))


@dataclass(frozen=True, slots=True)
class FilterLeaf(FilterExpression):
    target: FilterTarget
    operator: str
    value: FilterValue | GeoRange | None


@dataclass(frozen=True, slots=True)
class FilterAll(FilterExpression):
    filters: tuple[FilterExpression, ...]


@dataclass(frozen=True, slots=True)
class FilterAny(FilterExpression):
    filters: tuple[FilterExpression, ...]


@dataclass(frozen=True, slots=True)
class FilterNot(FilterExpression):
    filter: FilterExpression


@dataclass(frozen=True, slots=True)
class GeoRange:
    """The circle of a `within_geo_range` filter; `distance` in meters."""

    latitude: float
    longitude: float
    distance: float


class _PropertyTest:
    def __init__(self, target: FilterTarget) -> None:
        self._target = target

    def _leaf(self, operator: str, value: FilterValue | GeoRange | None) -> FilterLeaf:
        return FilterLeaf(self._target, operator, value)

    def equal(self, val: FilterValue) -> FilterExpression:
        return self._leaf("equal", val)

    def not_equal(self, val: FilterValue) -> FilterExpression:
        return self._leaf("not_equal", val)

    def less_than(self, val: FilterValue) -> FilterExpression:
        return self._leaf("less_than", val)

    def less_or_equal(self, val: FilterValue) -> FilterExpression:
        return self._leaf("less_or_equal", val)

    def greater_than(self, val: FilterValue) -> FilterExpression:
        return self._leaf("greater_than", val)

    def greater_or_equal(self, val: FilterValue) -> FilterExpression:
        return self._leaf("greater_or_equal", val)

    def like(self, val: str) -> FilterExpression:
        """Wildcard match: `?` one character, `*` any run of characters."""
        return self._leaf("like", val)

    def contains_any(
        self, val: Sequence[str | int | float | bool | UUID | datetime]
    ) -> FilterExpression:
        return self._leaf("contains_any", list(val))  # type: ignore[arg-type]

    def contains_all(
        self, val: Sequence[str | int | float | bool | UUID | datetime]
    ) -> FilterExpression:
        return self._leaf("contains_all", list(val))  # type: ignore[arg-type]

    def contains_none(
        self, val: Sequence[str | int | float | bool | UUID | datetime]
    ) -> FilterExpression:
        return self._leaf("contains_none", list(val))  # type: ignore[arg-type]

    def is_none(self, val: bool) -> FilterExpression:
        return self._leaf("is_none", val)

    def within_geo_range(self, coordinate: GeoCoordinate, distance: float) -> FilterExpression:
        return self._leaf(
            "within_geo_range", GeoRange(coordinate.latitude, coordinate.longitude, distance)
        )


class _CountTest:
    """Tests on how many objects a reference property points to."""

    def __init__(self, target: FilterTarget) -> None:
        self._test = _PropertyTest(target)

    def equal(self, count: int) -> FilterExpression:
        return self._test.equal(count)

    def not_equal(self, count: int) -> FilterExpression:
        return self._test.not_equal(count)

    def less_than(self, count: int) -> FilterExpression:
        return self._test.less_than(count)

    def less_or_equal(self, count: int) -> FilterExpression:
        return self._test.less_or_equal(count)

    def greater_than(self, count: int) -> FilterExpression:
        return self._test.greater_than(count)

    def greater_or_equal(self, count: int) -> FilterExpression:
        return self._test.greater_or_equal(count)


class _RefTest:
    def __init__(self, path: tuple[tuple[str, str | None], ...]) -> None:
        self._path = path

    def by_ref(self, link_on: str) -> _RefTest:
        return _RefTest((*self._path, (check_property_name(link_on), None)))

    def by_ref_multi_target(self, link_on: str, target_collection: str) -> _RefTest:
        return _RefTest((*self._path, (check_property_name(link_on), target_collection)))

    def by_property(self, name: str, length: bool = False) -> _PropertyTest:
        prop = f"len({check_property_name(name)})" if length else name
        return _PropertyTest(FilterTarget(self._path, prop))

    def by_id(self) -> _PropertyTest:
        return _PropertyTest(FilterTarget(self._path, "_id"))

    def by_ref_count(self, link_on: str) -> _CountTest:
        return _CountTest(FilterTarget(self._path, check_property_name(link_on), count=True))

    def by_creation_time(self) -> _PropertyTest:
        return _PropertyTest(FilterTarget(self._path, "_creationTimeUnix"))

    def by_update_time(self) -> _PropertyTest:
        return _PropertyTest(FilterTarget(self._path, "_lastUpdateTimeUnix"))


class Filter:
    """Entry points of filter expressions, e.g. `Filter.by_property("points").greater_than(3)`."""

    @staticmethod
    def by_property(name: str, length: bool = False) -> _PropertyTest:
        return _RefTest(()).by_property(name, length)

    @staticmethod
    def by_id() -> _PropertyTest:
        return _RefTest(()).by_id()

    @staticmethod
    def by_creation_time() -> _PropertyTest:
        return _RefTest(()).by_creation_time()

    @staticmethod
    def by_update_time() -> _PropertyTest:
        return _RefTest(()).by_update_time()

    @staticmethod
    def by_ref(link_on: str) -> _RefTest:
        return _RefTest(()).by_ref(link_on)

    @staticmethod
    def by_ref_multi_target(link_on: str, target_collection: str) -> _RefTest:
        return _RefTest(()).by_ref_multi_target(link_on, target_collection)

    @staticmethod
    def by_ref_count(link_on: str) -> _CountTest:
        return _RefTest(()).by_ref_count(link_on)

    @staticmethod
    def all_of(filters: Sequence[FilterExpression]) -> FilterExpression:
        return FilterAll(tuple(filters))

    @staticmethod
    def any_of(filters: Sequence[FilterExpression]) -> FilterExpression:
        return FilterAny(tuple(filters))

    @staticmethod
    def not_(filter: FilterExpression) -> FilterExpression:
        return FilterNot(filter)
