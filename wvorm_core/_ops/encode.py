"""Python values into what Weaviate reads: gRPC batch messages and REST JSON.

Scalars of a batch object travel in a protobuf `Struct`, whose numbers are doubles; the server
converts them by the property's schema type, so an `int` property gets an integer back. Weaviate
itself keeps numbers as float64, so integers beyond +-2**53 cannot be stored exactly by any
client: they are refused here instead of being rounded silently.
"""

from __future__ import annotations

import base64
import struct
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import cast
from uuid import UUID

from google.protobuf import struct_pb2
from pydantic import BaseModel

from wvorm_core.classes.data import (
    FloatArray,
    GeoCoordinate,
    PhoneNumber,
    ReferenceInput,
    ReferenceInputs,
    ReferenceToMulti,
    Vector,
    Vectors,
)
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.proto.v1 import base_pb2, batch_pb2

MAX_EXACT_INT = 2**53
"""The largest integer magnitude Weaviate stores exactly (it keeps numbers as float64)."""

BEACON = "weaviate://localhost/"

Target = batch_pb2.BatchObject.Properties | base_pb2.ObjectPropertiesValue


def rfc3339(value: datetime) -> str:
    """A datetime as Weaviate reads it; a naive datetime is taken as UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.isoformat()


def as_mapping(properties: object, where: str) -> Mapping[str, object]:
    """The properties of an object: a mapping as given, a pydantic model through `model_dump`."""
    if isinstance(properties, Mapping):
        return cast(Mapping[str, object], properties)
    if isinstance(properties, BaseModel):
        return properties.model_dump()
    raise WeaviateInvalidInputError(
        f"{where} must be a mapping or a pydantic model, got {type(properties).__name__}"
    )


def _check_int(name: str, value: int) -> int:
    if -MAX_EXACT_INT <= value <= MAX_EXACT_INT:
        return value
    raise WeaviateInvalidInputError(
        f"property {name!r}: {value} is beyond +-2**53; Weaviate stores numbers as float64 and "
        "would round it (store it as text instead)"
    )


def encode_properties(values: Mapping[str, object], out: Target) -> None:
    """Write `values` into a batch `Properties` (or nested object) message in place."""
    fields = None
    for name, value in values.items():
        if isinstance(value, str):
            if fields is None:
                fields = out.non_ref_properties.fields
            fields[name].string_value = value
        elif isinstance(value, bool):
            if fields is None:
                fields = out.non_ref_properties.fields
            fields[name].bool_value = value
        elif isinstance(value, int):
            if fields is None:
                fields = out.non_ref_properties.fields
            fields[name].number_value = _check_int(name, value)
        elif isinstance(value, float):
            if fields is None:
                fields = out.non_ref_properties.fields
            fields[name].number_value = value
        elif isinstance(value, (list, tuple)):
            _encode_list(name, value, out)
        elif isinstance(value, (Mapping, BaseModel)):
            encode_properties(
                as_mapping(value, f"property {name!r}"),
                out.object_properties.add(prop_name=name).value,
            )
        else:
            if fields is None:
                fields = out.non_ref_properties.fields
            _scalar(name, value, fields[name])


def _scalar(name: str, value: object, out: struct_pb2.Value) -> None:
    """Write any other scalar (None, subclasses, dates, uuids, geo, phone, blob) into `out`."""
    if value is None:
        out.null_value = struct_pb2.NULL_VALUE
        return
    data = to_json_value(name, value)
    if isinstance(data, dict):
        out.struct_value.update(data)
    elif isinstance(data, str):
        out.string_value = data
    elif isinstance(data, bool):
        out.bool_value = data
    elif isinstance(data, (int, float)):
        out.number_value = data
    else:
        raise WeaviateInvalidInputError(f"property {name!r}: a list of mixed values: {value!r}")


def to_json_value(name: str, value: object) -> object:
    """One property value as REST JSON (and as the `Struct` payload of special types)."""
    if value is None or isinstance(value, (str, bool, float)):
        return value
    if isinstance(value, int):
        return _check_int(name, value)
    if isinstance(value, datetime):
        return rfc3339(value)
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, GeoCoordinate):
        return {"latitude": value.latitude, "longitude": value.longitude}
    if isinstance(value, PhoneNumber):
        phone: dict[str, object] = {"input": value.number}
        if value.default_country:
            phone["defaultCountry"] = value.default_country
        return phone
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (Mapping, BaseModel)):
        return to_json(as_mapping(value, f"property {name!r}"))
    if isinstance(value, (list, tuple)):
        return [to_json_value(name, v) for v in value]
    raise WeaviateInvalidInputError(
        f"property {name!r}: cannot send a value of type {type(value).__name__}"
    )


def to_json(values: Mapping[str, object]) -> dict[str, object]:
    """Properties as REST JSON."""
    return {name: to_json_value(name, value) for name, value in values.items()}


def _encode_list(name: str, items: Sequence[object], out: Target) -> None:
    if not items:
        out.empty_list_props.append(name)
        return
    first = type(items[0])
    if first is str and all(type(v) is str for v in items):
        out.text_array_properties.add(prop_name=name, values=items)
    elif all(isinstance(v, bool) for v in items):
        out.boolean_array_properties.add(prop_name=name, values=items)
    elif all(isinstance(v, int) and not isinstance(v, bool) for v in items):
        ints = [_check_int(name, cast(int, v)) for v in items]
        out.int_array_properties.add(prop_name=name, values=ints)
    elif all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in items):
        packed = struct.pack(f"<{len(items)}d", *items)
        out.number_array_properties.add(prop_name=name, values_bytes=packed)
    elif all(isinstance(v, (Mapping, BaseModel)) for v in items):
        array = out.object_array_properties.add(prop_name=name)
        for item in items:
            encode_properties(as_mapping(item, f"property {name!r}"), array.values.add())
    else:
        texts = [to_json_value(name, v) for v in items]
        if not all(isinstance(t, str) for t in texts):
            raise WeaviateInvalidInputError(f"property {name!r}: a list mixes types: {items!r}")
        out.text_array_properties.add(prop_name=name, values=cast(list[str], texts))


def pack_vector(vector: Vector, where: str) -> bytes:
    """A vector as packed little-endian float32 bytes."""
    if getattr(getattr(vector, "dtype", None), "str", None) == "<f4":
        array = cast(FloatArray, vector)
        if array.ndim == 1:
            return array.tobytes()
    if isinstance(vector, Sequence):
        try:
            return struct.pack(f"<{len(vector)}f", *vector)
        except (TypeError, struct.error):
            raise WeaviateInvalidInputError(
                f"{where}: a vector must be a sequence of numbers"
            ) from None
    if getattr(vector, "ndim", None) != 1:
        raise WeaviateInvalidInputError(f"{where}: a vector must be a one-dimensional array")
    return vector.astype("<f4", copy=False).tobytes()


def vector_list(vector: Vector, where: str) -> list[float]:
    """A vector as a list of floats (for REST JSON)."""
    packed = pack_vector(vector, where)
    return list(struct.unpack(f"<{len(packed) // 4}f", packed))


def encode_vectors(vectors: Vectors, out: batch_pb2.BatchObject, where: str) -> None:
    """Write an object's vector, or its named vectors, into a batch object."""
    if isinstance(vectors, dict) or (not hasattr(vectors, "ndim") and isinstance(vectors, Mapping)):
        for name, vector in vectors.items():
            out.vectors.add(
                name=name,
                vector_bytes=pack_vector(vector, f"{where}, vector {name!r}"),
                type=base_pb2.Vectors.VECTOR_TYPE_SINGLE_FP32,
            )
    else:
        out.vector_bytes = pack_vector(cast(Vector, vectors), where)


def reference_uuids(target: ReferenceInput, where: str) -> list[str]:
    """The uuids a reference input points to, as strings (checked)."""
    raw = target.uuid_list() if isinstance(target, ReferenceToMulti) else target
    items = [raw] if isinstance(raw, (UUID, str)) else list(raw)
    out = []
    for item in items:
        try:
            out.append(str(item if isinstance(item, UUID) else UUID(item)))
        except (TypeError, ValueError, AttributeError):
            raise WeaviateInvalidInputError(f"{where}: {item!r} is not a uuid") from None
    return out


def encode_references(references: ReferenceInputs, out: batch_pb2.BatchObject.Properties) -> None:
    """Write an object's references into its batch properties."""
    for name, target in references.items():
        uuids = reference_uuids(target, f"reference {name!r}")
        if isinstance(target, ReferenceToMulti):
            out.multi_target_ref_props.add(
                prop_name=name, uuids=uuids, target_collection=target.target_collection
            )
        else:
            out.single_target_ref_props.add(prop_name=name, uuids=uuids)


def beacons(target: ReferenceInput, where: str) -> list[dict[str, str]]:
    """A reference input as REST beacons."""
    prefix = (
        f"{BEACON}{target.target_collection}/" if isinstance(target, ReferenceToMulti) else BEACON
    )
    return [{"beacon": prefix + u} for u in reference_uuids(target, where)]


def references_json(references: ReferenceInputs) -> dict[str, object]:
    """References as REST JSON properties."""
    return {name: beacons(target, f"reference {name!r}") for name, target in references.items()}
