"""Every data type round-trips through the real server, by each write path (REST, gRPC, batch)."""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone
from uuid import UUID

import pytest

import wvorm_core
from wvorm_core.classes.config import DataType as D
from wvorm_core.classes.config import Property
from wvorm_core.classes.data import GeoCoordinate, PhoneNumber
from wvorm_core.classes.query import Filter
from wvorm_core.collections import Collection
from wvorm_core.exceptions import WeaviateInvalidInputError

PROPERTIES = [
    Property(name="text", data_type=D.TEXT),
    Property(name="texts", data_type=D.TEXT_ARRAY),
    Property(name="count", data_type=D.INT),
    Property(name="counts", data_type=D.INT_ARRAY),
    Property(name="price", data_type=D.NUMBER),
    Property(name="prices", data_type=D.NUMBER_ARRAY),
    Property(name="flag", data_type=D.BOOL),
    Property(name="flags", data_type=D.BOOL_ARRAY),
    Property(name="when", data_type=D.DATE),
    Property(name="whens", data_type=D.DATE_ARRAY),
    Property(name="ref_id", data_type=D.UUID),
    Property(name="ref_ids", data_type=D.UUID_ARRAY),
    Property(name="place", data_type=D.GEO_COORDINATES),
    Property(name="phone", data_type=D.PHONE_NUMBER),
    Property(name="payload", data_type=D.BLOB),
    Property(
        name="meta",
        data_type=D.OBJECT,
        nested_properties=[
            Property(name="level", data_type=D.INT),
            Property(name="tags", data_type=D.TEXT_ARRAY),
            Property(
                name="inner",
                data_type=D.OBJECT,
                nested_properties=[Property(name="ratio", data_type=D.NUMBER)],
            ),
        ],
    ),
    Property(
        name="parts",
        data_type=D.OBJECT_ARRAY,
        nested_properties=[
            Property(name="n", data_type=D.INT),
            Property(name="w", data_type=D.NUMBER),
        ],
    ),
]

PLUS_TWO = timezone(timedelta(hours=2))
FULL: dict[str, object] = {
    "text": "héllo wörld",
    "texts": ["a", "b"],
    "count": 2**53,
    "counts": [0, -7, 2**53, -(2**53)],
    "price": 2.0,
    "prices": [1.0, 2.5, -0.125],
    "flag": False,
    "flags": [True, False],
    "when": datetime(2024, 1, 2, 3, 4, 5, 123456, tzinfo=PLUS_TWO),
    "whens": [datetime(2020, 2, 29, tzinfo=timezone.utc)],
    "ref_id": UUID(int=5),
    "ref_ids": [UUID(int=6), UUID(int=7)],
    "place": GeoCoordinate(52.375, 4.875),
    "phone": PhoneNumber("020 555 1234", "NL"),
    "payload": b"\x00\x01\xfe\xff",
    "meta": {"level": 3, "tags": ["x"], "inner": {"ratio": 0.5}},
    "parts": [{"n": 1, "w": 1.0}, {"n": 2, "w": 0.25}],
}
SPARSE: dict[str, object] = {"text": None, "texts": [], "counts": [], "parts": []}


def _via_insert(col: Collection, rows: list[dict[str, object]]) -> list[UUID]:
    return [col.data.insert(row) for row in rows]


def _via_insert_many(col: Collection, rows: list[dict[str, object]]) -> list[UUID]:
    result = col.data.insert_many(rows)
    assert not result.has_errors, result.errors
    return [result.uuids[i] for i in range(len(rows))]


def _via_batch(col: Collection, rows: list[dict[str, object]]) -> list[UUID]:
    with col.batch.fixed_size(batch_size=1) as batch:
        uuids = [batch.add_object(row) for row in rows]
    assert col.batch.failed_objects == []
    return uuids


@pytest.mark.parametrize("write", [_via_insert, _via_insert_many, _via_batch])
def test_every_type_round_trips(
    client: wvorm_core.WeaviateClient,
    collection_name: str,
    write: Callable[[Collection, list[dict[str, object]]], list[UUID]],
) -> None:
    col = client.collections.create(collection_name, properties=PROPERTIES)
    full, sparse = write(col, [FULL, SPARSE])

    got = _fetch(col, full)
    expected = {k: v for k, v in FULL.items() if k not in ("phone", "payload")}
    assert {k: got[k] for k in expected} == expected
    assert _shape(got) == _shape(FULL)  # ints stay ints, floats stay floats, at every depth
    assert got["when"].utcoffset() == timedelta(hours=2)  # type: ignore[attr-defined]
    assert isinstance(got["price"], float)
    phone = got["phone"]
    assert isinstance(phone, Mapping)
    assert (phone["input"], phone["defaultCountry"], phone["valid"]) == ("020 555 1234", "NL", True)
    assert phone["internationalFormatted"] == "+31 20 555 1234"
    blob = col.query.fetch_objects(
        filters=Filter.by_id().equal(full), return_properties=["payload"]
    ).objects[0]
    assert base64.b64decode(str(blob.properties["payload"])) == FULL["payload"]

    empty = _fetch(col, sparse)
    assert empty["text"] is None
    assert empty["texts"] == []
    assert empty["counts"] == []
    assert not empty["parts"]
    assert empty["count"] is None


def _shape(value: object) -> object:
    """The value with every leaf replaced by its type name."""
    if isinstance(value, Mapping):
        return {k: _shape(v) for k, v in value.items() if k not in ("phone", "payload")}
    if isinstance(value, list):
        return [_shape(v) for v in value]
    return type(value).__name__


def _fetch(col: Collection, ident: UUID) -> dict[str, object]:
    found = col.query.fetch_objects(filters=Filter.by_id().equal(ident)).objects
    assert len(found) == 1
    return dict(found[0].properties)


def test_integers_beyond_the_exact_range_are_refused(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    col = client.collections.create(collection_name, properties=PROPERTIES)
    for value in ({"count": 2**53 + 1}, {"counts": [1, -(2**53) - 1]}, {"meta": {"level": 2**64}}):
        with pytest.raises(WeaviateInvalidInputError, match=r"2\*\*53"):
            col.data.insert_many([value])
        with pytest.raises(WeaviateInvalidInputError, match=r"2\*\*53"):
            col.data.insert(value)
        with (
            pytest.raises(WeaviateInvalidInputError, match=r"2\*\*53"),
            col.batch.dynamic() as batch,
        ):
            batch.add_object(value)
    assert col.query.fetch_objects().objects == []


def test_geo_and_dates_filter_on_the_stored_values(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    col = client.collections.create(collection_name, properties=PROPERTIES)
    col.data.insert_many([FULL, {"text": "far", "place": GeoCoordinate(-33.9, 151.2)}])
    near = Filter.by_property("place").within_geo_range(GeoCoordinate(52.37, 4.89), 5000)
    assert [o.properties["text"] for o in col.query.fetch_objects(filters=near).objects] == [
        FULL["text"]
    ]
    utc = timezone.utc
    just_after = Filter.by_property("when").greater_than(datetime(2024, 1, 2, 1, 4, 6, tzinfo=utc))
    assert col.query.fetch_objects(filters=just_after).objects == []
    just_before = Filter.by_property("when").greater_than(datetime(2024, 1, 2, 1, 4, 5, tzinfo=utc))
    assert len(col.query.fetch_objects(filters=just_before).objects) == 1
