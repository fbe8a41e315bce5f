"""Typed filter expressions built from model class attributes.

`Question.points >= 200` is a `Condition`; combine conditions with `&`, `|` and `~`.
Conditions compile to `wvorm_core` filters, so the ORM and the core client share one filter
compiler.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar, overload

from wvorm_core.classes.aggregate import Metrics
from wvorm_core.classes.data import GeoCoordinate
from wvorm_core.classes.filters import Filter, FilterExpression

T = TypeVar("T")
E = TypeVar("E")


class Condition:
    """A filter condition on a model; pass it as `where=`."""

    __slots__ = ("filter",)

    def __init__(self, filter: FilterExpression) -> None:
        self.filter = filter

    def __and__(self, other: Condition) -> Condition:
        return Condition(Filter.all_of([self.filter, other.filter]))

    def __or__(self, other: Condition) -> Condition:
        return Condition(Filter.any_of([self.filter, other.filter]))

    def __invert__(self) -> Condition:
        return Condition(Filter.not_(self.filter))

    def __bool__(self) -> bool:
        raise TypeError(
            "a Condition has no truth value: combine conditions with &, | and ~ "
            "(not `and`, `or`, `not`), and compare fields outside `if`"
        )

    def __repr__(self) -> str:
        return f"Condition({self.filter!r})"


class FieldExpr(Generic[T]):
    """A property seen from the class: comparisons build conditions on it."""

    __slots__ = ("_hops", "_name")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, name: str, hops: tuple[tuple[str, str | None], ...] = ()) -> None:
        self._name = name
        self._hops = hops

    @property
    def property_name(self) -> str:
        """The property's name in Weaviate."""
        return self._name

    def _test(self, length: bool = False) -> Any:
        start: Any = Filter
        for link_on, target in self._hops:
            start = (
                start.by_ref(link_on)
                if target is None
                else start.by_ref_multi_target(link_on, target)
            )
        return start.by_property(self._name, length=length)

    def __eq__(self, value: T) -> Condition:  # type: ignore[override]
        if value is None:
            return Condition(self._test().is_none(True))
        return Condition(self._test().equal(value))

    def __ne__(self, value: T) -> Condition:  # type: ignore[override]
        if value is None:
            return Condition(self._test().is_none(False))
        return Condition(self._test().not_equal(value))

    def __lt__(self, value: T) -> Condition:
        return Condition(self._test().less_than(value))

    def __le__(self, value: T) -> Condition:
        return Condition(self._test().less_or_equal(value))

    def __gt__(self, value: T) -> Condition:
        return Condition(self._test().greater_than(value))

    def __ge__(self, value: T) -> Condition:
        return Condition(self._test().greater_or_equal(value))

    def like(self: FieldExpr[str] | FieldExpr[str | None], pattern: str) -> Condition:
        """Wildcard match on text: `?` one character, `*` any run."""
        return Condition(self._test().like(pattern))

    def is_none(self, value: bool = True) -> Condition:
        return Condition(self._test().is_none(value))

    @overload
    def contains_any(self: FieldExpr[list[E]], values: Sequence[E]) -> Condition: ...
    @overload
    def contains_any(self: FieldExpr[list[E] | None], values: Sequence[E]) -> Condition: ...
    @overload
    def contains_any(self: FieldExpr[E], values: Sequence[E]) -> Condition: ...
    def contains_any(self, values: Sequence[Any]) -> Condition:
        """Matches when the property holds any of `values`."""
        return Condition(self._test().contains_any(values))

    @overload
    def contains_all(self: FieldExpr[list[E]], values: Sequence[E]) -> Condition: ...
    @overload
    def contains_all(self: FieldExpr[list[E] | None], values: Sequence[E]) -> Condition: ...
    @overload
    def contains_all(self: FieldExpr[E], values: Sequence[E]) -> Condition: ...
    def contains_all(self, values: Sequence[Any]) -> Condition:
        """Matches when the property holds all of `values`."""
        return Condition(self._test().contains_all(values))

    @overload
    def contains_none(self: FieldExpr[list[E]], values: Sequence[E]) -> Condition: ...
    @overload
    def contains_none(self: FieldExpr[list[E] | None], values: Sequence[E]) -> Condition: ...
    @overload
    def contains_none(self: FieldExpr[E], values: Sequence[E]) -> Condition: ...
    def contains_none(self, values: Sequence[Any]) -> Condition:
        """Matches when the property holds none of `values`."""
        return Condition(self._test().contains_none(values))

    def asc(self) -> SortKey:
        """Ascending order on this property: `order_by=Question.points.asc()`."""
        return SortKey(self._name, True)

    def desc(self) -> SortKey:
        """Descending order on this property: `order_by=Question.points.desc()`."""
        return SortKey(self._name, False)

    @property
    def metrics(self) -> Metrics:
        """Aggregation metrics of this property: `Book.year.metrics.integer(mean=True)`."""
        return Metrics(self._name)

    def length(self) -> LengthExpr:
        """The length of a text or array property (needs `index_property_length`)."""
        return LengthExpr(self)

    def within(
        self: FieldExpr[GeoCoordinate] | FieldExpr[GeoCoordinate | None],
        center: GeoCoordinate,
        meters: float,
    ) -> Condition:
        """Matches geo coordinates within `meters` of `center`."""
        return Condition(self._test().within_geo_range(center, meters))

    def __repr__(self) -> str:
        path = ".".join([hop for hop, _ in self._hops] + [self._name])
        return f"FieldExpr({path})"


class LengthExpr:
    """The length of a property, for comparisons."""

    __slots__ = ("_field",)
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, field: FieldExpr[Any]) -> None:
        self._field = field

    def __eq__(self, value: int) -> Condition:  # type: ignore[override]
        return Condition(self._field._test(length=True).equal(value))

    def __lt__(self, value: int) -> Condition:
        return Condition(self._field._test(length=True).less_than(value))

    def __le__(self, value: int) -> Condition:
        return Condition(self._field._test(length=True).less_or_equal(value))

    def __gt__(self, value: int) -> Condition:
        return Condition(self._field._test(length=True).greater_than(value))

    def __ge__(self, value: int) -> Condition:
        return Condition(self._field._test(length=True).greater_or_equal(value))


class SortKey:
    """A sort order on one property: `Question.points.desc()` or `asc(Question.points)`."""

    __slots__ = ("ascending", "name")

    def __init__(self, name: str, ascending: bool) -> None:
        self.name = name
        self.ascending = ascending


def asc(field: FieldExpr[Any]) -> SortKey:
    """Ascending order on `field` (the same as `field.asc()`)."""
    return field.asc()


def desc(field: FieldExpr[Any]) -> SortKey:
    """Descending order on `field` (the same as `field.desc()`)."""
    return field.desc()
