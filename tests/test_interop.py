"""Interop with the official client on the same server: each reads what the other wrote.

Every data type is written once by the official client and once by wvorm_core; both clients
then read both objects, and every value (and the vector) must come back the same.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime, timezone
from typing import Any
from uuid import UUID

import pytest
import weaviate
import weaviate.classes as wvc

import wvorm_core
from wvorm_core.classes.data import DataObject, GeoCoordinate, PhoneNumber
from wvorm_core.embedded import EmbeddedServer

from .collections.test_query import _property, create_schema

WHEN = datetime(2024, 2, 29, 13, 45, 30, 123000, tzinfo=timezone.utc)
ID_A, ID_B = UUID(int=0xA1), UUID(int=0xB2)
BY_OFFICIAL, BY_OURS = UUID(int=1), UUID(int=2)
VECTOR = [0.25, -0.5, 0.125, 1.0]

SCHEMA = [
    _property("text", "text"),
    _property("texts", "text[]"),
    _property("int", "int"),
    _property("ints", "int[]"),
    _property("number", "number"),
    _property("numbers", "number[]"),
    _property("flag", "boolean"),
    _property("flags", "boolean[]"),
    _property("date", "date"),
    _property("dates", "date[]"),
    _property("uuid", "uuid"),
    _property("uuids", "uuid[]"),
    _property("geo", "geoCoordinates"),
    _property("phone", "phoneNumber"),
    _property("blob", "blob"),
    _property(
        "obj",
        "object",
        nestedProperties=[_property("name", "text"), _property("rank", "int")],
    ),
    _property(
        "objs",
        "object[]",
        nestedProperties=[_property("name", "text"), _property("score", "number")],
    ),
]

COMMON: dict[str, Any] = {
    "text": "héllo wörld",
    "texts": ["a", "b c"],
    "int": 2**53 - 1,
    "ints": [1, -2, 3],
    "number": 2.5,
    "numbers": [0.5, 1.0, -3.25],
    "flag": True,
    "flags": [True, False],
    "date": WHEN,
    "dates": [WHEN, WHEN.replace(year=2020)],
    "uuid": ID_A,
    "uuids": [ID_A, ID_B],
    "blob": "aGVsbG8=",
    "obj": {"name": "inner", "rank": 7},
    "objs": [{"name": "x", "score": 0.5}, {"name": "y", "score": 1.5}],
}


def _canon(value: Any) -> Any:
    """One comparable form for values read by either client."""
    if isinstance(value, GeoCoordinate) or type(value).__name__ == "GeoCoordinate":
        return ("geo", round(value.latitude, 4), round(value.longitude, 4))
    if type(value).__name__ == "_PhoneNumber":
        return ("phone", value.international_formatted, value.country_code, value.valid)
    if isinstance(value, Mapping) and "internationalFormatted" in value:
        return ("phone", value["internationalFormatted"], value["countryCode"], value["valid"])
    if isinstance(value, Mapping):
        return {k: _canon(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_canon(v) for v in value]
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc)
    return value


EXPECTED = {
    **_canon(COMMON),
    "geo": ("geo", 52.3702, 4.8952),
    "phone": ("phone", "+31 20 123 4567", 31, True),
}


@pytest.fixture
def official(server: EmbeddedServer) -> Iterator[weaviate.WeaviateClient]:
    connected = weaviate.connect_to_local(
        host=server.host, port=server.port, grpc_port=server.grpc_port, skip_init_checks=True
    )
    yield connected
    connected.close()


def test_each_client_reads_what_the_other_wrote(
    client: wvorm_core.WeaviateClient,
    official: weaviate.WeaviateClient,
    server: EmbeddedServer,
    collection_name: str,
) -> None:
    create_schema(
        server,
        {
            "class": collection_name,
            "properties": SCHEMA,
            "vectorConfig": {"default": {"vectorizer": {"none": {}}, "vectorIndexType": "flat"}},
        },
    )
    theirs = official.collections.use(collection_name)
    written = theirs.data.insert(
        {
            **COMMON,
            "geo": wvc.data.GeoCoordinate(latitude=52.3702, longitude=4.8952),
            "phone": wvc.data.PhoneNumber(number="020 123 4567", default_country="NL"),
        },
        uuid=BY_OFFICIAL,
        vector=VECTOR,
    )
    assert written == BY_OFFICIAL
    ours = client.collections.use(collection_name)
    own = {
        **COMMON,
        "blob": b"hello",
        "geo": GeoCoordinate(52.3702, 4.8952),
        "phone": PhoneNumber("020 123 4567", "NL"),
    }
    result = ours.data.insert_many([DataObject(own, uuid=BY_OURS, vector=VECTOR)])
    assert not result.errors

    names = [str(p["name"]) for p in SCHEMA]  # blobs come back only when named
    for ident in (BY_OFFICIAL, BY_OURS):
        mine = ours.query.fetch_object_by_id(ident, include_vector=True, return_properties=names)
        assert mine is not None
        read_by_official = theirs.query.fetch_objects(
            filters=wvc.query.Filter.by_id().equal(ident),
            include_vector=True,
            return_properties=names,
        ).objects[0]
        assert _canon(dict(mine.properties)) == EXPECTED
        assert _canon(dict(read_by_official.properties)) == EXPECTED
        assert isinstance(mine.properties["int"], int)
        assert list(mine.vector["default"]) == VECTOR == read_by_official.vector["default"]
        assert mine.uuid == read_by_official.uuid == ident
