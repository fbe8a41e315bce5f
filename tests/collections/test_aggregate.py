"""`collection.aggregate` against the real server: metrics of every kind, searches, group_by."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone

import pytest

import wvorm_core
from wvorm_core.classes.aggregate import GroupByAggregate, Metrics
from wvorm_core.classes.query import Filter
from wvorm_core.collections import Collection
from wvorm_core.embedded import EmbeddedServer
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.outputs import (
    AggregateBoolean,
    AggregateDate,
    AggregateGroupByReturn,
    AggregateInteger,
    AggregateNumber,
    AggregateReturn,
    AggregateText,
)
from wvorm_core.testing import vectorize

from .test_query import _property, _unique, create_schema

D = datetime(2024, 1, 1, tzinfo=timezone.utc)
ROWS = [
    {"title": "red apple", "kind": "fruit", "count": 1, "price": 1.0, "ripe": True, "when": D},
    {"title": "green apple", "kind": "fruit", "count": 3, "price": 2.0, "ripe": False,
     "when": D.replace(month=3)},
    {"title": "carrot", "kind": "veg", "count": 5, "price": 6.0, "ripe": True,
     "when": D.replace(month=5)},
]  # fmt: skip


@pytest.fixture(scope="module")
def produce(client: wvorm_core.WeaviateClient, server: EmbeddedServer) -> Iterator[Collection]:
    name = _unique("Produce")
    create_schema(
        server,
        {
            "class": name,
            "properties": [
                _property("title", "text"),
                _property("kind", "text", tokenization="field"),
                _property("count", "int"),
                _property("price", "number"),
                _property("ripe", "boolean"),
                _property("when", "date"),
            ],
            "vectorConfig": {
                "default": {
                    "vectorizer": {
                        "text2vec-transformers": {
                            "properties": ["title"],
                            "vectorizeClassName": False,
                        }
                    },
                    "vectorIndexType": "hnsw",
                }
            },
        },
    )
    col = client.collections.use(name)
    assert not col.data.insert_many(ROWS).errors
    yield col
    client.collections.delete(name)


def test_over_all_metrics_of_every_kind(produce: Collection) -> None:
    count, price = Metrics("count").integer(), Metrics("price").number()
    ripe, when = Metrics("ripe").boolean(), Metrics("when").date_()
    kind = Metrics("kind").text(top_occurrences_count=True, top_occurrences_value=True, limit=1)
    res = produce.aggregate.over_all(
        total_count=True, return_metrics=[count, price, ripe, when, kind]
    )
    assert res.total_count == 3
    assert res.metric(count) == AggregateInteger(
        count=3, maximum=5, mean=3.0, median=3.0, minimum=1, mode=1, sum_=9
    )
    assert isinstance(res.metric(count).sum_, int)
    numbers = res.metric(price)
    assert isinstance(numbers, AggregateNumber)
    assert (numbers.sum_, numbers.maximum, numbers.minimum, numbers.mean) == (9.0, 6.0, 1.0, 3.0)
    assert res.metric(ripe) == AggregateBoolean(
        count=3, percentage_false=pytest.approx(1 / 3), percentage_true=pytest.approx(2 / 3),
        total_false=1, total_true=2,
    )  # fmt: skip
    dates = res.metric(when)
    assert isinstance(dates, AggregateDate)
    assert (dates.minimum, dates.maximum, dates.median) == (
        D,
        D.replace(month=5),
        D.replace(month=3),
    )
    text = res.metric(kind)
    assert isinstance(text, AggregateText)
    assert [(t.value, t.count) for t in text.top_occurrences] == [("fruit", 2)]


def test_only_the_asked_metrics(produce: Collection) -> None:
    res = produce.aggregate.over_all(return_metrics=Metrics("count").integer(sum_=True))
    assert res.total_count is None
    assert res.properties["count"] == AggregateInteger(sum_=9)


def test_filters_and_searches(produce: Collection) -> None:
    agg = produce.aggregate
    ripe = agg.over_all(filters=Filter.by_property("ripe").equal(True), total_count=True)
    assert ripe.total_count == 2
    near = agg.near_text("apple", object_limit=2, total_count=True)
    assert near.total_count == 2
    vec = agg.near_vector(
        vectorize("carrot"),  # type: ignore[arg-type]
        distance=0.01,
        return_metrics=Metrics("count").integer(sum_=True),
    )
    assert vec.metric(Metrics("count").integer()).sum_ == 5
    hybrid = agg.hybrid("apple", alpha=0.0, object_limit=5, total_count=True)
    assert hybrid.total_count == 2


def test_group_by(produce: Collection) -> None:
    res = produce.aggregate.over_all(
        group_by=GroupByAggregate("kind"),
        total_count=True,
        return_metrics=Metrics("count").integer(sum_=True),
    )
    assert isinstance(res, AggregateGroupByReturn)
    by_kind = {g.grouped_by.value: g for g in res.groups}
    assert set(by_kind) == {"fruit", "veg"}
    assert by_kind["fruit"].total_count == 2
    assert by_kind["fruit"].metric(Metrics("count").integer()).sum_ == 4
    assert all(g.grouped_by.prop == "kind" for g in res.groups)
    limited = produce.aggregate.over_all(group_by=GroupByAggregate("kind", limit=1))
    assert len(limited.groups) == 1


def test_bad_metrics_are_refused(produce: Collection) -> None:
    with pytest.raises(WeaviateInvalidInputError, match="return_metrics"):
        produce.aggregate.over_all(return_metrics=["count"])  # type: ignore[list-item]


async def test_async_aggregate(
    async_client: wvorm_core.WeaviateAsyncClient, produce: Collection
) -> None:
    col = async_client.collections.use(produce.name)
    res = await col.aggregate.over_all(total_count=True)
    assert isinstance(res, AggregateReturn)
    assert res.total_count == 3
    grouped = await col.aggregate.near_text("apple", object_limit=3, group_by="kind")
    assert {g.grouped_by.value for g in grouped.groups} <= {"fruit", "veg"}
