"""Filter expressions compile to the expected `Filters` messages."""

from __future__ import annotations

from datetime import datetime, timezone
from uuid import UUID

import pytest

from wvorm_core._ops.filters import compile_filter
from wvorm_core.classes.data import GeoCoordinate
from wvorm_core.classes.query import Filter
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.proto.v1 import base_pb2

F = base_pb2.Filters


def test_leaf_values() -> None:
    assert compile_filter(Filter.by_property("n").equal(3)) == F(
        operator=F.OPERATOR_EQUAL, value_int=3, target=base_pb2.FilterTarget(property="n")
    )
    assert compile_filter(Filter.by_property("b").not_equal(True)).value_boolean is True
    assert compile_filter(Filter.by_property("x").less_than(1.5)).value_number == 1.5
    when = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
    assert compile_filter(Filter.by_property("d").greater_than(when)).value_text == (
        "2024-05-01T12:00:00+00:00"
    )
    ident = UUID(int=7)
    assert compile_filter(Filter.by_id().equal(ident)).value_text == str(ident)
    assert compile_filter(Filter.by_id().equal(ident)).target.property == "_id"


def test_arrays_by_element_type() -> None:
    assert list(
        compile_filter(Filter.by_property("t").contains_any(["a", "b"])).value_text_array.values
    ) == ["a", "b"]
    assert list(
        compile_filter(Filter.by_property("i").contains_all([1, 2])).value_int_array.values
    ) == [1, 2]
    assert list(
        compile_filter(Filter.by_property("f").contains_none([1, 2.5])).value_number_array.values
    ) == [1.0, 2.5]
    assert list(
        compile_filter(Filter.by_property("b").contains_any([True])).value_boolean_array.values
    ) == [True]
    with pytest.raises(WeaviateInvalidInputError, match="at least one value"):
        compile_filter(Filter.by_property("t").contains_any([]))
    with pytest.raises(WeaviateInvalidInputError, match="mix types"):
        compile_filter(Filter.by_property("t").contains_any(["a", 1]))


def test_combinations() -> None:
    a = Filter.by_property("a").equal(1)
    b = Filter.by_property("b").equal(2)
    both = compile_filter(a & b)
    assert both.operator == F.OPERATOR_AND
    assert [f.target.property for f in both.filters] == ["a", "b"]
    assert compile_filter(a | b).operator == F.OPERATOR_OR
    negated = compile_filter(Filter.not_(a))
    assert negated.operator == F.OPERATOR_NOT
    assert len(negated.filters) == 1
    assert compile_filter(Filter.all_of([a, b, a])).filters[2].target.property == "a"
    assert compile_filter(Filter.any_of([a])).operator == F.OPERATOR_OR


def test_targets() -> None:
    length = compile_filter(Filter.by_property("title", length=True).equal(5))
    assert length.target.property == "len(title)"
    ref = compile_filter(Filter.by_ref("author").by_property("name").equal("Ann"))
    assert ref.target.single_target.on == "author"
    assert ref.target.single_target.target.property == "name"
    multi = compile_filter(
        Filter.by_ref_multi_target("writtenBy", "Person").by_property("age").less_than(3)
    )
    assert multi.target.multi_target.target_collection == "Person"
    count = compile_filter(Filter.by_ref_count("author").greater_or_equal(2))
    assert count.target.count.on == "author"
    assert (
        compile_filter(Filter.by_creation_time().less_or_equal(5)).target.property
        == "_creationTimeUnix"
    )


def test_special_operators() -> None:
    assert compile_filter(Filter.by_property("t").like("do*")).operator == F.OPERATOR_LIKE
    assert compile_filter(Filter.by_property("t").is_none(True)).operator == F.OPERATOR_IS_NULL
    geo = compile_filter(
        Filter.by_property("loc").within_geo_range(GeoCoordinate(52.5, 13.4), 1000)
    )
    assert geo.operator == F.OPERATOR_WITHIN_GEO_RANGE
    assert (geo.value_geo.latitude, geo.value_geo.distance) == (52.5, 1000)
