"""Aggregation inputs: `Metrics(property).text(...)/integer(...)/...`, `GroupByAggregate`."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Generic, TypeVar

from wvorm_core.outputs.aggregate import (
    AggregateBoolean,
    AggregateDate,
    AggregateInteger,
    AggregateNumber,
    AggregateText,
)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Metrics(Generic[T]):
    property: str

    def flags(self) -> dict[str, bool]:
        """The metric flags; when none is set, every metric is asked for."""
        values = {f.name: bool(getattr(self, f.name)) for f in fields(self) if f.name != "property"}
        values = {k: v for k, v in values.items() if k != "limit"}
        if not any(values.values()):
            values = dict.fromkeys(values, True)
        return values


@dataclass(frozen=True, slots=True)
class TextMetrics(_Metrics[AggregateText]):
    count: bool = False
    top_occurrences_count: bool = False
    top_occurrences_value: bool = False
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class _NumericMetrics(_Metrics[T]):
    """The metrics `int` and `number` properties share."""

    count: bool = False
    maximum: bool = False
    mean: bool = False
    median: bool = False
    minimum: bool = False
    mode: bool = False
    sum_: bool = False


@dataclass(frozen=True, slots=True)
class IntegerMetrics(_NumericMetrics[AggregateInteger]):
    """The metrics of an `int` property (`Metrics(name).integer(...)`)."""


@dataclass(frozen=True, slots=True)
class NumberMetrics(_NumericMetrics[AggregateNumber]):
    """The metrics of a `number` property (`Metrics(name).number(...)`)."""


@dataclass(frozen=True, slots=True)
class BooleanMetrics(_Metrics[AggregateBoolean]):
    count: bool = False
    percentage_false: bool = False
    percentage_true: bool = False
    total_false: bool = False
    total_true: bool = False


@dataclass(frozen=True, slots=True)
class DateMetrics(_Metrics[AggregateDate]):
    count: bool = False
    maximum: bool = False
    median: bool = False
    minimum: bool = False
    mode: bool = False


AnyMetrics = TextMetrics | IntegerMetrics | NumberMetrics | BooleanMetrics | DateMetrics


class Metrics:
    """The statistics to compute for one property; with no flag set, all of its kind."""

    def __init__(self, property_: str) -> None:
        self.property = property_

    def text(
        self,
        count: bool = False,
        top_occurrences_count: bool = False,
        top_occurrences_value: bool = False,
        limit: int | None = None,
    ) -> TextMetrics:
        """For `text` and `text[]` properties."""
        return TextMetrics(
            self.property, count, top_occurrences_count, top_occurrences_value, limit
        )

    def integer(
        self,
        count: bool = False,
        maximum: bool = False,
        mean: bool = False,
        median: bool = False,
        minimum: bool = False,
        mode: bool = False,
        sum_: bool = False,
    ) -> IntegerMetrics:
        """For `int` and `int[]` properties."""
        return IntegerMetrics(self.property, count, maximum, mean, median, minimum, mode, sum_)

    def number(
        self,
        count: bool = False,
        maximum: bool = False,
        mean: bool = False,
        median: bool = False,
        minimum: bool = False,
        mode: bool = False,
        sum_: bool = False,
    ) -> NumberMetrics:
        """For `number` and `number[]` properties."""
        return NumberMetrics(self.property, count, maximum, mean, median, minimum, mode, sum_)

    def boolean(
        self,
        count: bool = False,
        percentage_false: bool = False,
        percentage_true: bool = False,
        total_false: bool = False,
        total_true: bool = False,
    ) -> BooleanMetrics:
        """For `boolean` and `boolean[]` properties."""
        return BooleanMetrics(
            self.property, count, percentage_false, percentage_true, total_false, total_true
        )

    def date_(
        self,
        count: bool = False,
        maximum: bool = False,
        median: bool = False,
        minimum: bool = False,
        mode: bool = False,
    ) -> DateMetrics:
        """For `date` and `date[]` properties."""
        return DateMetrics(self.property, count, maximum, median, minimum, mode)


@dataclass(frozen=True, slots=True)
class GroupByAggregate:
    """Aggregate per value of `prop`; `limit` caps the number of groups."""

    prop: str
    limit: int | None = None
