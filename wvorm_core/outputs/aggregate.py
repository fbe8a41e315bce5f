"""Typed results of aggregations."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from wvorm_core.classes.aggregate import _Metrics

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class TopOccurrence:
    value: str
    count: int


@dataclass(frozen=True, slots=True)
class AggregateText:
    count: int | None = None
    top_occurrences: list[TopOccurrence] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class AggregateInteger:
    count: int | None = None
    maximum: int | None = None
    mean: float | None = None
    median: float | None = None
    minimum: int | None = None
    mode: int | None = None
    sum_: int | None = None


@dataclass(frozen=True, slots=True)
class AggregateNumber:
    count: int | None = None
    maximum: float | None = None
    mean: float | None = None
    median: float | None = None
    minimum: float | None = None
    mode: float | None = None
    sum_: float | None = None


@dataclass(frozen=True, slots=True)
class AggregateBoolean:
    count: int | None = None
    percentage_false: float | None = None
    percentage_true: float | None = None
    total_false: int | None = None
    total_true: int | None = None


@dataclass(frozen=True, slots=True)
class AggregateDate:
    count: int | None = None
    maximum: datetime | None = None
    median: datetime | None = None
    minimum: datetime | None = None
    mode: datetime | None = None


AggregateResult = (
    AggregateText | AggregateInteger | AggregateNumber | AggregateBoolean | AggregateDate
)


@dataclass(frozen=True, slots=True)
class AggregateReturn:
    """Statistics over the matching objects; `properties` is keyed by property name."""

    properties: dict[str, AggregateResult]
    total_count: int | None

    def metric(self, metrics: _Metrics[T]) -> T:
        """The result of one `Metrics(...)` request, typed by its kind."""
        return self.properties[metrics.property]  # type: ignore[return-value]


GroupedValue = str | int | float | bool | list[str] | list[int] | list[float] | list[bool] | None


@dataclass(frozen=True, slots=True)
class GroupedBy:
    prop: str
    value: GroupedValue


@dataclass(frozen=True, slots=True)
class AggregateGroup(AggregateReturn):
    """The statistics of one group, and the value its members share."""

    grouped_by: GroupedBy = field(default_factory=lambda: GroupedBy("", None))


@dataclass(frozen=True, slots=True)
class AggregateGroupByReturn:
    groups: list[AggregateGroup]
