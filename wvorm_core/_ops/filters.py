"""Compile `Filter` expressions into the gRPC `Filters` message (shared by reads and deletes)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from uuid import UUID

from wvorm_core._ops.encode import rfc3339
from wvorm_core.classes.filters import (
    FilterAll,
    FilterAny,
    FilterExpression,
    FilterLeaf,
    FilterNot,
    FilterTarget,
    GeoRange,
)
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.proto.v1 import base_pb2

_F = base_pb2.Filters
_OPERATORS = {
    "equal": _F.OPERATOR_EQUAL,
    "not_equal": _F.OPERATOR_NOT_EQUAL,
    "less_than": _F.OPERATOR_LESS_THAN,
    "less_or_equal": _F.OPERATOR_LESS_THAN_EQUAL,
    "greater_than": _F.OPERATOR_GREATER_THAN,
    "greater_or_equal": _F.OPERATOR_GREATER_THAN_EQUAL,
    "like": _F.OPERATOR_LIKE,
    "contains_any": _F.OPERATOR_CONTAINS_ANY,
    "contains_all": _F.OPERATOR_CONTAINS_ALL,
    "contains_none": _F.OPERATOR_CONTAINS_NONE,
    "is_none": _F.OPERATOR_IS_NULL,
    "within_geo_range": _F.OPERATOR_WITHIN_GEO_RANGE,
}


def compile_filter(
    expression: FilterExpression, out: base_pb2.Filters | None = None
) -> base_pb2.Filters:
    """The `Filters` message for an expression (written into `out` when given)."""
    message = base_pb2.Filters() if out is None else out
    if isinstance(expression, (FilterAll, FilterAny)):
        message.operator = _F.OPERATOR_AND if isinstance(expression, FilterAll) else _F.OPERATOR_OR
        for child in expression.filters:
            compile_filter(child, message.filters.add())
    elif isinstance(expression, FilterNot):
        message.operator = _F.OPERATOR_NOT
        compile_filter(expression.filter, message.filters.add())
    elif isinstance(expression, FilterLeaf):
        message.operator = _OPERATORS[expression.operator]
        _target(expression.target, message.target)
        _value(expression, message)
    else:
        raise WeaviateInvalidInputError(f"not a filter: {expression!r}")
    return message


def _target(target: FilterTarget, out: base_pb2.FilterTarget) -> None:
    for link_on, collection in target.path:
        if collection is None:
            out.single_target.on = link_on
            out = out.single_target.target
        else:
            out.multi_target.on = link_on
            out.multi_target.target_collection = collection
            out = out.multi_target.target
    if target.count:
        out.count.on = target.prop
    else:
        out.property = target.prop


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_EARLIEST = _EPOCH + timedelta(microseconds=-(2**63 // 1000) + 1)
_LATEST = _EPOCH + timedelta(microseconds=(2**63 - 1) // 1000)
"""The dates the server compares correctly: it keeps them as int64 nanoseconds since 1970."""


def _checked(leaf: FilterLeaf, value: object) -> object:
    """`value` if the wire and the server carry it unchanged; else a refusal naming the
    property (the server wraps dates past 2262 around, protobuf refuses the rest bare)."""
    problem = None
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value != value:
        problem = "is NaN, which the server does not compare as Python does"
    elif isinstance(value, int) and not -(2**63) <= value < 2**63:
        problem = "is beyond the 64-bit range the server compares"
    elif isinstance(value, str) and not value.isascii():
        try:
            value.encode()
        except UnicodeEncodeError as error:
            problem = f"is not valid unicode ({error.reason})"
    elif isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        if not _EARLIEST <= aware <= _LATEST:
            problem = "is outside the dates the server compares (1677-09-22 to 2262-04-11)"
    if problem is None:
        return value
    raise WeaviateInvalidInputError(
        f"filter {leaf.operator} on {leaf.target.prop!r}: {value!r} {problem}"
    )


def _value(leaf: FilterLeaf, out: base_pb2.Filters) -> None:
    value = _checked(leaf, leaf.value)
    if isinstance(value, GeoRange):
        out.value_geo.latitude = value.latitude
        out.value_geo.longitude = value.longitude
        out.value_geo.distance = value.distance
    elif isinstance(value, bool):
        out.value_boolean = value
    elif isinstance(value, int):
        out.value_int = value
    elif isinstance(value, float):
        out.value_number = value
    elif isinstance(value, str):
        out.value_text = value
    elif isinstance(value, (datetime, UUID)):
        out.value_text = _text(value)
    elif isinstance(value, Sequence):
        _array(leaf, list(value), out)
    else:
        raise WeaviateInvalidInputError(
            f"filter on {leaf.target.prop!r}: unsupported value {value!r}"
        )


def _text(value: datetime | UUID | str) -> str:
    return rfc3339(value) if isinstance(value, datetime) else str(value)


def _array(leaf: FilterLeaf, values: list[object], out: base_pb2.Filters) -> None:
    values = [_checked(leaf, v) for v in values]
    if not values:
        raise WeaviateInvalidInputError(
            f"filter {leaf.operator} on {leaf.target.prop!r} needs at least one value"
        )
    if all(isinstance(v, bool) for v in values):
        out.value_boolean_array.values.extend(values)  # type: ignore[arg-type]
    elif all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        out.value_int_array.values.extend(values)  # type: ignore[arg-type]
    elif all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        out.value_number_array.values.extend(float(v) for v in values)  # type: ignore[arg-type]
    elif all(isinstance(v, (str, UUID, datetime)) for v in values):
        out.value_text_array.values.extend(_text(v) for v in values)  # type: ignore[arg-type]
    else:
        raise WeaviateInvalidInputError(
            f"filter {leaf.operator} on {leaf.target.prop!r}: values mix types: {values!r}"
        )
