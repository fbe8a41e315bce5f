"""Python property values into the gRPC batch messages."""

from __future__ import annotations

import base64
import struct
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import Any
from uuid import UUID

from wvorm_core.classes.data import GeoCoordinate, PhoneNumber
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.proto.v1 import base_pb2, batch_pb2


def rfc3339(value: datetime) -> str:
    """A datetime as Weaviate reads it; a naive datetime is taken as UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.isoformat()


FilterTarget = batch_pb2.BatchObject.Properties | base_pb2.ObjectPropertiesValue


def encode_properties(values: Mapping[str, object], out: FilterTarget) -> None:
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


def _encode_list(name: str, items: Sequence[object], out: FilterTarget) -> None:
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
