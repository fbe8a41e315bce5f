"""Every `Filter` operator against the real server (the same filters drive reads and deletes)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from uuid import UUID

import pytest

import wvorm_core
from wvorm_core._ops.calls import rest
from wvorm_core.classes.config import DataType, Property
from wvorm_core.classes.data import GeoCoordinate
from wvorm_core.classes.filters import FilterExpression
from wvorm_core.classes.query import Filter
from wvorm_core.collections import Collection

PROPERTIES = [
    Property(name="name", data_type=DataType.TEXT),
    Property(name="points", data_type=DataType.INT),
    Property(name="score", data_type=DataType.NUMBER),
    Property(name="done", data_type=DataType.BOOL),
    Property(name="tags", data_type=DataType.TEXT_ARRAY),
    Property(name="sizes", data_type=DataType.INT_ARRAY),
    Property(name="when", data_type=DataType.DATE),
    Property(name="place", data_type=DataType.GEO_COORDINATES),
]
T0 = datetime(2024, 5, 1, tzinfo=timezone.utc)
ROWS: list[dict[str, object]] = [
    {
        "name": "alpha",
        "points": 1,
        "score": 0.5,
        "done": True,
        "tags": ["red", "blue"],
        "sizes": [1, 2],
        "when": T0,
        "place": GeoCoordinate(52.37, 4.89),
    },
    {
        "name": "beta",
        "points": 5,
        "score": 2.5,
        "done": False,
        "tags": ["blue"],
        "sizes": [3],
        "when": T0 + timedelta(days=1),
        "place": GeoCoordinate(48.85, 2.35),
    },
    {"name": "gamma", "points": 9, "score": 7.25, "tags": ["green", "red", "blue"], "sizes": []},
]


@pytest.fixture
def items(client: wvorm_core.WeaviateClient, collection_name: str) -> Collection:
    body = {
        "class": collection_name,
        "properties": [p.to_dict() for p in PROPERTIES],
        "invertedIndexConfig": {
            "indexTimestamps": True,
            "indexNullState": True,
            "indexPropertyLength": True,
        },
    }
    client._transport.run(rest("POST", "/schema", json=body))
    col = client.collections.use(collection_name)
    result = col.data.insert_many([{**row} for row in ROWS])
    assert not result.has_errors
    return col


def names(col: Collection, where: FilterExpression) -> list[object]:
    return sorted(o.properties["name"] for o in col.query.fetch_objects(filters=where).objects)  # type: ignore[type-var]


def test_comparisons(items: Collection) -> None:
    points = Filter.by_property("points")
    assert names(items, points.equal(5)) == ["beta"]
    assert names(items, points.not_equal(5)) == ["alpha", "gamma"]
    assert names(items, points.less_than(5)) == ["alpha"]
    assert names(items, points.less_or_equal(5)) == ["alpha", "beta"]
    assert names(items, points.greater_than(5)) == ["gamma"]
    assert names(items, points.greater_or_equal(5)) == ["beta", "gamma"]
    assert names(items, Filter.by_property("score").greater_than(2.5)) == ["gamma"]
    assert names(items, Filter.by_property("done").equal(True)) == ["alpha"]
    assert names(items, Filter.by_property("when").greater_than(T0)) == ["beta"]
    assert names(items, Filter.by_property("name").like("?et*")) == ["beta"]


def test_arrays_lengths_and_nulls(items: Collection) -> None:
    tags = Filter.by_property("tags")
    assert names(items, tags.contains_any(["green", "nope"])) == ["gamma"]
    assert names(items, tags.contains_all(["red", "blue"])) == ["alpha", "gamma"]
    assert names(items, tags.contains_none(["red"])) == ["beta"]
    assert names(items, Filter.by_property("sizes").contains_any([3, 2])) == ["alpha", "beta"]
    assert names(items, Filter.by_property("tags", length=True).equal(3)) == ["gamma"]
    assert names(items, Filter.by_property("name", length=True).greater_than(4)) == [
        "alpha",
        "gamma",
    ]
    assert names(items, Filter.by_property("done").is_none(True)) == ["gamma"]
    assert names(items, Filter.by_property("when").is_none(False)) == ["alpha", "beta"]


def test_ids_times_geo_and_combinations(items: Collection) -> None:
    stored = {o.properties["name"]: o.uuid for o in items.query.fetch_objects().objects}
    assert names(items, Filter.by_id().equal(stored["beta"])) == ["beta"]
    assert names(items, Filter.by_id().contains_any([stored["alpha"], UUID(int=3)])) == ["alpha"]
    soon = datetime.now(timezone.utc) + timedelta(minutes=1)
    assert len(names(items, Filter.by_creation_time().less_than(soon))) == 3
    assert names(items, Filter.by_update_time().greater_than(soon)) == []
    paris = Filter.by_property("place").within_geo_range(GeoCoordinate(48.86, 2.34), 10_000)
    assert names(items, paris) == ["beta"]

    low = Filter.by_property("points").less_than(6)
    red = Filter.by_property("tags").contains_any(["red"])
    assert names(items, low & red) == ["alpha"]
    assert names(items, low | red) == ["alpha", "beta", "gamma"]
    assert names(items, Filter.all_of([low, red, Filter.by_property("done").equal(True)])) == [
        "alpha"
    ]
    assert names(items, Filter.any_of([Filter.by_property("points").equal(9), low])) == [
        "alpha",
        "beta",
        "gamma",
    ]
    assert names(items, Filter.not_(low)) == ["gamma"]

    gone = items.data.delete_many(Filter.not_(red))
    assert gone.successful == 1
    assert names(items, Filter.by_property("points").greater_than(0)) == ["alpha", "gamma"]
