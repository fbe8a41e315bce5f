"""Aggregate requests (gRPC `Aggregate`) and their replies as typed statistics."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypedDict
from uuid import UUID

from wvorm_core._ops import search
from wvorm_core._ops.calls import Op, grpc
from wvorm_core._ops.decode import parse_date
from wvorm_core._ops.filters import compile_filter
from wvorm_core._ops.search import SERVICE, Options, Target
from wvorm_core.classes.aggregate import (
    AnyMetrics,
    BooleanMetrics,
    DateMetrics,
    GroupByAggregate,
    IntegerMetrics,
    NumberMetrics,
    TextMetrics,
)
from wvorm_core.classes.filters import FilterExpression
from wvorm_core.classes.query import Move, TargetVectorArg
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.outputs.aggregate import (
    AggregateBoolean,
    AggregateDate,
    AggregateGroup,
    AggregateGroupByReturn,
    AggregateInteger,
    AggregateNumber,
    AggregateResult,
    AggregateReturn,
    AggregateText,
    GroupedBy,
    GroupedValue,
    TopOccurrence,
)
from wvorm_core.proto.v1 import aggregate_pb2

_Request = aggregate_pb2.AggregateRequest
_Reply = aggregate_pb2.AggregateReply


class AggregateOptions(TypedDict, total=False):
    filters: FilterExpression | None
    return_metrics: AnyMetrics | Sequence[AnyMetrics] | None
    total_count: bool


class NearAggregateOptions(AggregateOptions, total=False):
    object_limit: int | None
    certainty: float | None
    distance: float | None
    target_vector: TargetVectorArg


class NearTextAggregateOptions(NearAggregateOptions, total=False):
    move_to: Move | None
    move_away: Move | None


class HybridAggregateOptions(AggregateOptions, total=False):
    object_limit: int | None
    alpha: float | None
    vector: Any
    query_properties: Sequence[str] | None
    max_vector_distance: float | None
    target_vector: TargetVectorArg


Fill = Callable[[Options, _Request], None]


def _metrics(value: AnyMetrics | Sequence[AnyMetrics] | None) -> list[AnyMetrics]:
    if value is None:
        return []
    metrics = [value] if not isinstance(value, Sequence) else list(value)
    for m in metrics:
        if not isinstance(
            m, (TextMetrics, IntegerMetrics, NumberMetrics, BooleanMetrics, DateMetrics)
        ):
            raise WeaviateInvalidInputError(
                f"return_metrics: expected Metrics(...).text()/integer()/..., got {m!r}"
            )
    return metrics


def _fill_metric(metric: AnyMetrics, out: _Request.Aggregation) -> None:
    out.property = metric.property
    flags = metric.flags()
    if isinstance(metric, TextMetrics):
        out.text.count = flags["count"]
        out.text.top_occurences = flags["top_occurrences_count"] or flags["top_occurrences_value"]
        if metric.limit is not None:
            out.text.top_occurences_limit = metric.limit
        return
    kind: Any
    if isinstance(metric, (IntegerMetrics, NumberMetrics)):
        kind = out.int if isinstance(metric, IntegerMetrics) else out.number
        flags["sum"] = flags.pop("sum_")
    elif isinstance(metric, BooleanMetrics):
        kind = out.boolean
    else:
        kind = out.date
    for name, wanted in flags.items():
        setattr(kind, name, wanted)


def aggregate(
    target: Target,
    method: str,
    group_by: GroupByAggregate | str | None,
    options: Mapping[str, Any],
    fill: Fill | None = None,
) -> Op[AggregateReturn | AggregateGroupByReturn]:
    """Build, send and parse one aggregation; `fill` adds the search operator."""
    opts = Options(options)
    message = _Request(collection=target.collection)
    if target.tenant:
        message.tenant = target.tenant
    metrics = _metrics(opts.pop("return_metrics"))
    for metric in metrics:
        _fill_metric(metric, message.aggregations.add())
    counted = bool(opts.pop("total_count", False))
    message.objects_count = counted
    object_limit = opts.pop("object_limit")
    if object_limit is not None:
        message.object_limit = object_limit
    filters = opts.pop("filters")
    if filters is not None:
        compile_filter(filters, message.filters)
    if group_by is not None:
        by = GroupByAggregate(group_by) if isinstance(group_by, str) else group_by
        message.group_by.collection = target.collection
        message.group_by.property = by.prop
        if by.limit is not None:
            message.limit = by.limit
    if fill is not None:
        fill(opts, message)
    opts.done(method)
    reply = yield from grpc(SERVICE, "Aggregate", message, _Reply)
    if group_by is None:
        result: AggregateReturn = _result(AggregateReturn, reply.single_result, counted)
        return result
    return AggregateGroupByReturn(
        [_result(AggregateGroup, g, counted, _grouped_by(g)) for g in reply.grouped_results.groups]
    )


def _result(make: Any, part: Any, counted: bool, *extra: Any) -> Any:
    """A result; `total_count` stays None unless it was asked for."""
    values = {a.property: _aggregation(a) for a in part.aggregations.aggregations}
    count = part.objects_count if counted and part.HasField("objects_count") else None
    return make(values, count, *extra)


def _opt(message: Any, *names: str) -> dict[str, Any]:
    return {n: getattr(message, n) if message.HasField(n) else None for n in names}


def _aggregation(a: _Reply.Aggregations.Aggregation) -> AggregateResult:
    kind = a.WhichOneof("aggregation")
    if kind == "text":
        items = a.text.top_occurences.items
        return AggregateText(
            a.text.count if a.text.HasField("count") else None,
            [TopOccurrence(i.value, i.occurs) for i in items],
        )
    if kind == "int":
        values = _opt(a.int, "count", "maximum", "mean", "median", "minimum", "mode", "sum")
        values["sum_"] = values.pop("sum")
        return AggregateInteger(**values)
    if kind == "number":
        values = _opt(a.number, "count", "maximum", "mean", "median", "minimum", "mode", "sum")
        values["sum_"] = values.pop("sum")
        return AggregateNumber(**values)
    if kind == "boolean":
        return AggregateBoolean(
            **_opt(
                a.boolean,
                "count",
                "percentage_false",
                "percentage_true",
                "total_false",
                "total_true",
            )
        )
    if kind == "date":
        d = a.date
        dates = {
            n: parse_date(getattr(d, n)) if d.HasField(n) else None
            for n in ("maximum", "median", "minimum", "mode")
        }
        return AggregateDate(d.count if d.HasField("count") else None, **dates)
    raise WeaviateInvalidInputError(f"aggregation of {a.property!r}: unsupported kind {kind!r}")


def _grouped_by(group: _Reply.Group) -> GroupedBy:
    g = group.grouped_by
    kind = g.WhichOneof("value")
    value: GroupedValue = None
    if kind in ("text", "int", "boolean", "number"):
        value = getattr(g, kind)
    elif kind in ("texts", "ints", "booleans", "numbers"):
        value = list(getattr(g, kind).values)
    return GroupedBy(g.path[0] if g.path else "", value)


def near_vector(vector: Any) -> Fill:
    return lambda opts, m: search.fill_near_vector(vector, opts, m.near_vector)


def near_text(query: str | Sequence[str]) -> Fill:
    return lambda opts, m: search.fill_near_text(query, opts, m.near_text)


def near_object(uuid: UUID | str) -> Fill:
    return lambda opts, m: search.fill_near_object(uuid, opts, m.near_object)


def near_image(image: search.EncodedMedia) -> Fill:
    return lambda opts, m: search.fill_near_image(image, opts, m.near_image)


def hybrid(query: str | None) -> Fill:
    return lambda opts, m: search.fill_hybrid(query, opts, m.hybrid)
