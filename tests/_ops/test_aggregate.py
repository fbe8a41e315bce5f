"""Aggregate requests and reply parsing, without a server."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from wvorm_core._ops import aggregate as agg
from wvorm_core._ops.calls import GrpcRequest
from wvorm_core._ops.search import Target
from wvorm_core.classes.aggregate import GroupByAggregate, Metrics
from wvorm_core.classes.query import Filter
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.outputs import (
    AggregateBoolean,
    AggregateDate,
    AggregateGroupByReturn,
    AggregateInteger,
    AggregateReturn,
    AggregateText,
    TopOccurrence,
)
from wvorm_core.proto.v1 import aggregate_pb2

Reply = aggregate_pb2.AggregateReply


def run(op: Any, reply: Reply) -> tuple[aggregate_pb2.AggregateRequest, Any]:
    call = next(op)
    assert isinstance(call, GrpcRequest)
    assert call.method == "/weaviate.v1.Weaviate/Aggregate"
    with pytest.raises(StopIteration) as done:
        op.send(reply)
    assert isinstance(call.request, aggregate_pb2.AggregateRequest)
    return call.request, done.value.value


def test_request_flags_and_search() -> None:
    metrics = [
        Metrics("n").integer(sum_=True, mean=True),
        Metrics("t").text(top_occurrences_value=True, limit=3),
        Metrics("b").boolean(),
        Metrics("d").date_(minimum=True),
        Metrics("x").number(),
    ]
    op = agg.aggregate(
        Target("C", tenant="t1"),
        "near_text",
        None,
        {
            "return_metrics": metrics,
            "total_count": True,
            "object_limit": 7,
            "filters": Filter.by_property("n").greater_than(1),
            "distance": 0.4,
        },
        agg.near_text("hello"),
    )
    request, _ = run(op, Reply())
    assert (request.collection, request.tenant, request.objects_count) == ("C", "t1", True)
    assert (request.object_limit, request.filters.target.property) == (7, "n")
    assert list(request.near_text.query) == ["hello"]
    assert request.near_text.distance == pytest.approx(0.4)
    n, t, b, d, x = request.aggregations
    assert (n.property, n.int.sum, n.int.mean, n.int.count) == ("n", True, True, False)
    assert (t.text.top_occurences, t.text.top_occurences_limit, t.text.count) == (True, 3, False)
    assert (b.boolean.total_true, b.boolean.percentage_false, b.boolean.count) == (True,) * 3
    assert (d.date.minimum, d.date.maximum) == (True, False)
    assert (x.number.sum, x.number.median) == (True, True)


def test_single_reply() -> None:
    reply = Reply()
    reply.single_result.objects_count = 4
    aggs = reply.single_result.aggregations.aggregations
    n = aggs.add(property="n")
    n.int.sum, n.int.mean, n.int.count = 10, 2.5, 4
    t = aggs.add(property="t")
    t.text.count = 4
    t.text.top_occurences.items.add(value="a", occurs=3)
    b = aggs.add(property="b")
    b.boolean.total_true, b.boolean.percentage_true = 1, 0.25
    d = aggs.add(property="d")
    d.date.minimum = "2024-01-02T03:04:05Z"
    count = Metrics("n").integer()
    _, res = run(agg.aggregate(Target("C"), "over_all", None, {"total_count": True}), reply)
    assert isinstance(res, AggregateReturn)
    assert res.total_count == 4
    assert res.metric(count) == AggregateInteger(count=4, mean=2.5, sum_=10)
    assert res.properties["t"] == AggregateText(4, [TopOccurrence("a", 3)])
    assert res.properties["b"] == AggregateBoolean(total_true=1, percentage_true=0.25)
    assert res.properties["d"] == AggregateDate(
        minimum=datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    )
    _, uncounted = run(agg.aggregate(Target("C"), "over_all", None, {}), reply)
    assert uncounted.total_count is None


def test_grouped_reply() -> None:
    reply = Reply()
    group = reply.grouped_results.groups.add()
    group.objects_count = 2
    group.grouped_by.path.append("kind")
    group.grouped_by.text = "fruit"
    ints = reply.grouped_results.groups.add()
    ints.grouped_by.path.append("tags")
    ints.grouped_by.texts.values.extend(["a", "b"])
    request, res = run(
        agg.aggregate(
            Target("C"), "over_all", GroupByAggregate("kind", limit=5), {"total_count": True}
        ),
        reply,
    )
    assert (request.group_by.collection, request.group_by.property, request.limit) == (
        "C",
        "kind",
        5,
    )
    assert isinstance(res, AggregateGroupByReturn)
    assert (res.groups[0].grouped_by.prop, res.groups[0].grouped_by.value) == ("kind", "fruit")
    assert res.groups[0].total_count == 2
    assert res.groups[1].grouped_by.value == ["a", "b"]


def test_bad_input() -> None:
    with pytest.raises(WeaviateInvalidInputError, match="return_metrics"):
        next(agg.aggregate(Target("C"), "over_all", None, {"return_metrics": ["n"]}))
    with pytest.raises(WeaviateInvalidInputError, match="unexpected arguments: limit"):
        next(agg.aggregate(Target("C"), "over_all", None, {"limit": 3}))
