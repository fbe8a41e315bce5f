"""Property values: decoding search replies (encoding is tested in test_encode.py)."""

from __future__ import annotations

import struct
from datetime import datetime, timezone
from uuid import UUID

from wvorm_core._ops.decode import decode_properties
from wvorm_core.classes.data import GeoCoordinate
from wvorm_core.proto.v1 import properties_pb2


def test_decode_every_kind() -> None:
    props = properties_pb2.Properties()
    f = props.fields
    f["t"].text_value = "x"
    f["i"].int_value = 2**60
    f["n"].number_value = 0.5
    f["b"].bool_value = True
    f["d"].date_value = "2024-01-02T03:04:05Z"
    f["u"].uuid_value = str(UUID(int=9))
    f["g"].geo_value.latitude = 1.5
    f["null"].null_value = 0
    f["ints"].list_value.int_values.values = struct.pack("<2q", 1, -2)
    f["nums"].list_value.number_values.values = struct.pack("<1d", 2.5)
    f["texts"].list_value.text_values.values.extend(["a", "b"])
    f["obj"].object_value.fields["k"].text_value = "v"
    f["empty"].list_value.SetInParent()
    decoded = decode_properties(props)
    assert decoded["t"] == "x"
    assert decoded["i"] == 2**60
    assert isinstance(decoded["i"], int)
    assert decoded["n"] == 0.5
    assert decoded["d"] == datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    assert decoded["u"] == UUID(int=9)
    assert decoded["g"] == GeoCoordinate(latitude=1.5, longitude=0.0)
    assert decoded["null"] is None
    assert decoded["ints"] == [1, -2]
    assert decoded["nums"] == [2.5]
    assert decoded["texts"] == ["a", "b"]
    assert decoded["obj"] == {"k": "v"}
    assert decoded["empty"] == []
