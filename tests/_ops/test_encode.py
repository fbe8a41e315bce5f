"""Batch objects written as wire bytes parse into exactly the `BatchObject` protobuf would build.

Each expected message is built with protobuf's own API, the way the server reads it."""

from __future__ import annotations

import struct
from array import array
from datetime import datetime, timedelta, timezone
from enum import Enum, IntEnum
from typing import Any
from uuid import UUID

import numpy as np
import pytest
from pydantic import BaseModel

from wvorm_core._ops import encode
from wvorm_core.classes.data import GeoCoordinate, PhoneNumber, ReferenceToMulti, Vectors
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.proto.v1 import base_pb2, batch_pb2

U = UUID(int=1)
V = UUID(int=2)
SINGLE = base_pb2.Vectors.VECTOR_TYPE_SINGLE_FP32


class Color(str, Enum):
    RED = "red"


class Level(IntEnum):
    HIGH = 3


class Inner(BaseModel):
    a: int
    b: list[str]


def _encoded(
    properties: dict[str, Any] | None = None,
    vector: Vectors | None = None,
    references: dict[str, Any] | None = None,
    tenant: str | None = None,
) -> batch_pb2.BatchObject:
    head = encode.object_head("Note", tenant)
    data = encode.batch_object(str(U), head, properties, vector, references)
    [obj] = batch_pb2.BatchObjectsRequest.FromString(data).objects
    return obj


def _expected(tenant: str = "") -> batch_pb2.BatchObject:
    return batch_pb2.BatchObject(uuid=str(U), collection="Note", tenant=tenant)


def test_an_object_without_properties_has_only_its_head() -> None:
    obj = _encoded(tenant="t1")
    assert obj == _expected("t1")
    assert not obj.HasField("properties")


def test_scalars_go_into_the_struct() -> None:
    aware = datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=2)))
    values: dict[str, Any] = {
        "text": "x",
        "empty": "",
        "unicode": "héllo ☃ 𝄞",
        "long": "w " * 20_000,
        "yes": True,
        "no": False,
        "int": 3,
        "zero": 0,
        "max": 2**53,
        "min": -(2**53),
        "float": 1.5,
        "float_zero": 0.0,
        "none": None,
        "aware": aware,
        "naive": datetime(2024, 1, 2, 3, 4, 5, 6),
        "uuid": V,
        "geo": GeoCoordinate(1.0, -2.5),
        "phone": PhoneNumber("0201234567", "NL"),
        "phone_only": PhoneNumber("+31201234567"),
        "blob": b"\x00\x01",
        "str_enum": Color.RED,
        "int_enum": Level.HIGH,
    }
    expected = _expected()
    f = expected.properties.non_ref_properties.fields
    f["text"].string_value = "x"
    f["empty"].string_value = ""
    f["unicode"].string_value = "héllo ☃ 𝄞"
    f["long"].string_value = "w " * 20_000
    f["yes"].bool_value = True
    f["no"].bool_value = False
    f["int"].number_value = 3
    f["zero"].number_value = 0
    f["max"].number_value = 2**53
    f["min"].number_value = -(2**53)
    f["float"].number_value = 1.5
    f["float_zero"].number_value = 0.0
    f["none"].null_value = 0
    f["aware"].string_value = "2024-01-02T03:04:05+02:00"
    f["naive"].string_value = "2024-01-02T03:04:05.000006+00:00"
    f["uuid"].string_value = str(V)
    f["geo"].struct_value.update({"latitude": 1.0, "longitude": -2.5})
    f["phone"].struct_value.update({"input": "0201234567", "defaultCountry": "NL"})
    f["phone_only"].struct_value.update({"input": "+31201234567"})
    f["blob"].string_value = "AAE="
    f["str_enum"].string_value = "red"
    f["int_enum"].number_value = 3
    obj = _encoded(values)
    assert obj == expected
    assert obj.properties.non_ref_properties.fields["none"].WhichOneof("kind") == "null_value"
    assert obj.properties.non_ref_properties.fields["no"].WhichOneof("kind") == "bool_value"


def test_lists_go_into_typed_arrays() -> None:
    values: dict[str, Any] = {
        "texts": ["a", "ü", ""],
        "bools": [False, True],
        "ints": (1, -2, 2**53),
        "floats": [1.0, 2.5, -3],
        "none": [],
        "uuids": [U, V],
        "dates": [datetime(2024, 1, 2, tzinfo=timezone.utc)],
        "enums": [Color.RED],
    }
    expected = _expected()
    p = expected.properties
    p.text_array_properties.add(prop_name="texts", values=["a", "ü", ""])
    p.boolean_array_properties.add(prop_name="bools", values=[False, True])
    p.int_array_properties.add(prop_name="ints", values=[1, -2, 2**53])
    p.number_array_properties.add(prop_name="floats", values_bytes=struct.pack("<3d", 1, 2.5, -3))
    p.empty_list_props.append("none")
    p.text_array_properties.add(prop_name="uuids", values=[str(U), str(V)])
    p.text_array_properties.add(prop_name="dates", values=["2024-01-02T00:00:00+00:00"])
    p.text_array_properties.add(prop_name="enums", values=["red"])
    assert _encoded(values) == expected


def test_nested_objects_and_arrays_of_them() -> None:
    values: dict[str, Any] = {
        "o": {"a": 1, "inner": {"b": "x", "tags": ["t"]}, "empty": {}},
        "arr": [{"c": [1, 2], "d": [0.5], "e": [True], "f": []}, {}],
        "model": Inner(a=2, b=["y"]),
        "models": [Inner(a=3, b=[])],
    }
    expected = _expected()
    p = expected.properties
    o = p.object_properties.add(prop_name="o").value
    o.non_ref_properties.fields["a"].number_value = 1
    inner = o.object_properties.add(prop_name="inner").value
    inner.non_ref_properties.fields["b"].string_value = "x"
    inner.text_array_properties.add(prop_name="tags", values=["t"])
    o.object_properties.add(prop_name="empty").value.SetInParent()  # the server needs the value
    arr = p.object_array_properties.add(prop_name="arr")
    first = arr.values.add()
    first.int_array_properties.add(prop_name="c", values=[1, 2])
    first.number_array_properties.add(prop_name="d", values_bytes=struct.pack("<d", 0.5))
    first.boolean_array_properties.add(prop_name="e", values=[True])
    first.empty_list_props.append("f")
    arr.values.add()
    model = p.object_properties.add(prop_name="model").value
    model.non_ref_properties.fields["a"].number_value = 2
    model.text_array_properties.add(prop_name="b", values=["y"])
    models = p.object_array_properties.add(prop_name="models").values.add()
    models.non_ref_properties.fields["a"].number_value = 3
    models.empty_list_props.append("b")
    obj = _encoded(values)
    assert obj == expected
    # an empty object still carries its (empty) value: without one the server panics
    assert obj.properties.object_properties[0].value.object_properties[1].HasField("value")
    assert len(obj.properties.object_array_properties[0].values) == 2


def test_many_properties_and_large_values_use_long_lengths() -> None:
    values = {f"p{i}": "v" * i for i in range(300)}
    expected = _expected()
    for name, value in values.items():
        expected.properties.non_ref_properties.fields[name].string_value = value
    assert _encoded(values) == expected


@pytest.mark.parametrize(
    "vector",
    [
        np.array([1.0, 2.5], dtype=np.float32),
        np.array([1.0, 2.5], dtype=np.float64),
        np.array([1.0, 9.0, 2.5], dtype=np.float32)[::2],
        np.array([1.0, 2.5], dtype=">f4"),
        [1.0, 2.5],
        (1, 2.5),
        array("f", [1.0, 2.5]),
    ],
    ids=["f32", "f64", "strided", "big-endian", "list", "tuple", "array"],
)
def test_a_vector_is_packed_float32(vector: Vectors) -> None:
    expected = _expected()
    expected.vector_bytes = struct.pack("<2f", 1.0, 2.5)
    assert _encoded(vector=vector) == expected


def test_named_vectors_and_large_vectors() -> None:
    big = np.arange(4096, dtype=np.float32)
    expected = _expected()
    expected.vectors.add(name="title", vector_bytes=struct.pack("<f", 0.5), type=SINGLE)
    expected.vectors.add(name="big", vector_bytes=big.tobytes(), type=SINGLE)
    assert _encoded(vector={"title": [0.5], "big": big}) == expected
    assert _encoded(vector=[]) == _expected()


def test_references_single_and_multi_target() -> None:
    references = {
        "by": V,
        "many": [str(U), V],
        "in": ReferenceToMulti("Shelf", [U, str(V)]),
        "none": [],
    }
    expected = _expected("t1")
    p = expected.properties
    p.non_ref_properties.fields["text"].string_value = "a"
    p.single_target_ref_props.add(prop_name="by", uuids=[str(V)])
    p.single_target_ref_props.add(prop_name="many", uuids=[str(U), str(V)])
    p.multi_target_ref_props.add(prop_name="in", uuids=[str(U), str(V)], target_collection="Shelf")
    p.single_target_ref_props.add(prop_name="none", uuids=[])
    assert _encoded({"text": "a"}, references=references, tenant="t1") == expected


def test_unsendable_values_are_named() -> None:
    with pytest.raises(WeaviateInvalidInputError, match=r"property 'x'.*set"):
        _encoded({"x": {1, 2}})
    with pytest.raises(WeaviateInvalidInputError, match="property 'x': a list mixes types"):
        _encoded({"x": ["a", 1]})
    with pytest.raises(WeaviateInvalidInputError, match=r"property 'big'.*2\*\*53"):
        _encoded({"big": 2**53 + 1})
    with pytest.raises(WeaviateInvalidInputError, match=r"property 'big'.*2\*\*53"):
        _encoded({"big": [1, -(2**60)]})
    with pytest.raises(WeaviateInvalidInputError, match="not valid unicode"):
        _encoded({"x": "\ud800"})
    with pytest.raises(WeaviateInvalidInputError, match="one-dimensional"):
        _encoded(vector=np.zeros((2, 2), dtype=np.float32))
    with pytest.raises(WeaviateInvalidInputError, match="sequence of numbers"):
        _encoded(vector=["a"])  # type: ignore[list-item]
    with pytest.raises(WeaviateInvalidInputError, match=r"reference 'by'.*not a uuid"):
        _encoded(references={"by": "nope"})
