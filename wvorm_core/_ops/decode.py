"""Property values out of the gRPC search replies."""

from __future__ import annotations

import struct
from collections.abc import Callable
from datetime import datetime
from operator import attrgetter
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


def _object_values(value: properties_pb2.Value) -> dict[str, object]:
    return decode_properties(value.object_value)


def _list_value(value: properties_pb2.Value) -> list[Any]:
    return _decode_list(value.list_value)


def _geo(value: properties_pb2.Value) -> GeoCoordinate:
    geo = value.geo_value
    return GeoCoordinate(latitude=geo.latitude, longitude=geo.longitude)


_DECODERS: dict[str | None, Callable[[properties_pb2.Value], object]] = {
    "text_value": attrgetter("text_value"),
    "int_value": attrgetter("int_value"),
    "number_value": attrgetter("number_value"),
    "bool_value": attrgetter("bool_value"),
    "blob_value": attrgetter("blob_value"),
    "date_value": lambda v: parse_date(v.date_value),
    "uuid_value": lambda v: UUID(v.uuid_value),
    "null_value": lambda _: None,
    "object_value": _object_values,
    "list_value": _list_value,
    "geo_value": _geo,
    "phone_value": lambda v: _decode_phone(v.phone_value),
    None: lambda _: None,
}


def decode_value(value: properties_pb2.Value) -> object:
    """A property value as Python: str, int, float, bool, datetime, UUID, list, dict, ..."""
    return _DECODERS[value.WhichOneof("kind")](value)


def decode_properties(props: properties_pb2.Properties) -> dict[str, object]:
    """Every property of a `Properties` message."""
    fields = props.fields
    decoders = _DECODERS
    out: dict[str, object] = {}
    for name in fields:
        value = fields[name]
        out[name] = decoders[value.WhichOneof("kind")](value)
    return out


def properties_decoder(
    names: tuple[str, ...],
) -> Callable[[properties_pb2.Properties], dict[str, object]]:
    """A decoder of the properties `names` (the ones asked for), into a dict."""
    decoders = _DECODERS

    def decode(props: properties_pb2.Properties) -> dict[str, object]:
        fields = props.fields
        out: dict[str, object] = {}
        for name in names:
            if name in fields:
                value = fields[name]
                out[name] = decoders[value.WhichOneof("kind")](value)
        return out

    return decode
