"""Property values between Python and the gRPC messages, both ways."""

from __future__ import annotations

import base64
import struct
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timezone
from typing import Any
from uuid import UUID

from wvorm_core.classes.data import GeoCoordinate, PhoneNumber
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.proto.v1 import base_pb2, batch_pb2, properties_pb2


def rfc3339(value: datetime) -> str:
    """A datetime as Weaviate reads it; a naive datetime is taken as UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.isoformat()


def parse_date(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _unpack(fmt: str) -> Callable[[bytes], list[Any]]:
    def unpack(data: bytes) -> list[Any]:
        return list(struct.unpack(f"<{len(data) // 8}{fmt}", data))

    return unpack


_LIST_DECODERS: dict[str, Callable[[Any], list[Any]]] = {
    "text_values": lambda v: list(v.values),
    "int_values": lambda v: _unpack("q")(v.values),
    "number_values": lambda v: _unpack("d")(v.values),
    "bool_values": lambda v: list(v.values),
    "date_values": lambda v: [parse_date(d) for d in v.values],
    "uuid_values": lambda v: [UUID(u) for u in v.values],
    "object_values": lambda v: [decode_properties(p) for p in v.values],
}


def _decode_list(value: properties_pb2.ListValue) -> list[Any]:
    kind = value.WhichOneof("kind")
    return [] if kind is None else _LIST_DECODERS[kind](getattr(value, kind))


def _decode_phone(value: properties_pb2.PhoneNumber) -> dict[str, object]:
    return {
        "input": value.input,
        "defaultCountry": value.default_country,
        "internationalFormatted": value.international_formatted,
        "countryCode": value.country_code,
        "national": value.national,
        "nationalFormatted": value.national_formatted,
        "valid": value.valid,
    }


_DECODERS: dict[str, Callable[[Any], object]] = {
    "text_value": lambda v: v,
    "int_value": lambda v: v,
    "number_value": lambda v: v,
    "bool_value": lambda v: v,
    "date_value": parse_date,
    "uuid_value": UUID,
    "null_value": lambda _: None,
    "blob_value": lambda v: v,
    "object_value": lambda v: decode_properties(v),
    "list_value": _decode_list,
    "geo_value": lambda v: GeoCoordinate(latitude=v.latitude, longitude=v.longitude),
    "phone_value": _decode_phone,
}


def decode_value(value: properties_pb2.Value) -> object:
    kind = value.WhichOneof("kind")
    return None if kind is None else _DECODERS[kind](getattr(value, kind))


def decode_properties(props: properties_pb2.Properties) -> dict[str, object]:
    return {name: decode_value(value) for name, value in props.fields.items()}


_Target = batch_pb2.BatchObject.Properties | base_pb2.ObjectPropertiesValue


def encode_properties(values: Mapping[str, object], out: _Target) -> None:
    """Write `values` into a batch `Properties` (or nested object) message in place."""
    scalars: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, (list, tuple)):
            _encode_list(name, value, out)
        elif isinstance(value, Mapping):
            nested = out.object_properties.add(prop_name=name)
            encode_properties(value, nested.value)
        else:
            scalars[name] = _scalar(name, value)
    if scalars:
        out.non_ref_properties.update(scalars)


def _scalar(name: str, value: object) -> Any:
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
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
    raise WeaviateInvalidInputError(
        f"property {name!r}: cannot send a value of type {type(value).__name__}"
    )


def _encode_list(name: str, items: Sequence[object], out: _Target) -> None:
    if not items:
        out.empty_list_props.append(name)
    elif all(isinstance(v, bool) for v in items):
        out.boolean_array_properties.add(prop_name=name, values=items)
    elif all(isinstance(v, int) and not isinstance(v, bool) for v in items):
        out.int_array_properties.add(prop_name=name, values=items)
    elif all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in items):
        packed = struct.pack(f"<{len(items)}d", *items)
        out.number_array_properties.add(prop_name=name, values_bytes=packed)
    elif all(isinstance(v, Mapping) for v in items):
        array = out.object_array_properties.add(prop_name=name)
        for item in items:
            assert isinstance(item, Mapping)
            encode_properties(item, array.values.add())
    else:
        texts = [_scalar(name, v) for v in items]
        if not all(isinstance(t, str) for t in texts):
            raise WeaviateInvalidInputError(f"property {name!r}: a list mixes types: {items!r}")
        out.text_array_properties.add(prop_name=name, values=texts)
