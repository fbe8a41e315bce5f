"""Property values: encoding into batch messages and decoding search replies."""

from __future__ import annotations

import struct
from datetime import datetime, timezone
from uuid import UUID

import pytest

from wvorm_core._ops.decode import decode_properties
from wvorm_core._ops.encode import encode_properties
from wvorm_core.classes.data import GeoCoordinate, PhoneNumber
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.proto.v1 import batch_pb2, properties_pb2


def _encode(values: dict[str, object]) -> batch_pb2.BatchObject.Properties:
    out = batch_pb2.BatchObject.Properties()
    encode_properties(values, out)
    return out


def test_scalars_go_into_the_struct() -> None:
    when = datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    out = _encode(
        {
            "t": "x",
            "n": 3,
            "f": 1.5,
            "b": True,
            "d": when,
            "u": UUID(int=1),
            "g": GeoCoordinate(1.0, 2.0),
            "p": PhoneNumber("0201234567", "NL"),
            "blob": b"\x00\x01",
        }
    )
    fields = out.non_ref_properties.fields
    assert fields["t"].string_value == "x"
    assert fields["n"].number_value == 3
    assert fields["b"].bool_value is True
    assert fields["d"].string_value == "2024-01-02T03:04:05+00:00"
    assert fields["u"].string_value == str(UUID(int=1))
    assert fields["g"].struct_value.fields["latitude"].number_value == 1.0
    assert fields["p"].struct_value.fields["defaultCountry"].string_value == "NL"
    assert fields["blob"].string_value == "AAE="


def test_lists_go_into_typed_arrays() -> None:
    out = _encode(
        {"ints": [1, 2], "floats": [1.0, 2.5], "texts": ["a"], "bools": [False], "none": []}
    )
    assert list(out.int_array_properties[0].values) == [1, 2]
    assert struct.unpack("<2d", out.number_array_properties[0].values_bytes) == (1.0, 2.5)
    assert list(out.text_array_properties[0].values) == ["a"]
    assert list(out.boolean_array_properties[0].values) == [False]
    assert list(out.empty_list_props) == ["none"]


def test_nested_objects() -> None:
    out = _encode({"o": {"a": 1, "inner": {"b": "x"}}, "arr": [{"c": [1, 2]}]})
    nested = out.object_properties[0]
    assert nested.prop_name == "o"
    assert nested.value.non_ref_properties.fields["a"].number_value == 1
    assert (
        nested.value.object_properties[0].value.non_ref_properties.fields["b"].string_value == "x"
    )
    assert list(out.object_array_properties[0].values[0].int_array_properties[0].values) == [1, 2]


def test_unsendable_values_are_named() -> None:
    with pytest.raises(WeaviateInvalidInputError, match=r"property 'x'.*set"):
        _encode({"x": {1, 2}})
    with pytest.raises(WeaviateInvalidInputError, match="property 'x': a list mixes types"):
        _encode({"x": ["a", 1]})


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
