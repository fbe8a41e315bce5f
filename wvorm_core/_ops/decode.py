"""Property values out of the gRPC search replies."""

from __future__ import annotations

import struct
from collections.abc import Callable
from datetime import datetime
from typing import Any
from uuid import UUID

from wvorm_core.classes.data import GeoCoordinate
from wvorm_core.proto.v1 import properties_pb2


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
