"""Python values into what Weaviate reads: gRPC batch objects (as wire bytes) and REST JSON.

A batch object is written straight into protobuf wire bytes (`batch_object`), which parse into
the `BatchObject` message the server reads; building it through protobuf's Python API would
cost a map access per value. Scalars travel in a protobuf `Struct`, whose numbers are doubles;
the server converts them by the property's schema type, so an `int` property gets an integer
back. Weaviate itself keeps numbers as float64, so integers beyond +-2**53 cannot be stored
exactly by any client: they are refused here instead of being rounded silently.
"""

from __future__ import annotations

import base64
import functools
import math
import struct
import sys
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import NamedTuple, cast
from uuid import UUID

from pydantic import BaseModel

from wvorm_core._ops.wire import VARINT, field, tag, text_field
from wvorm_core.classes.data import (
    GeoCoordinate,
    PhoneNumber,
    ReferenceInput,
    ReferenceInputs,
    ReferenceToMulti,
    Vector,
    Vectors,
)
from wvorm_core.exceptions import WeaviateInvalidInputError

MAX_EXACT_INT = 2**53
"""The largest integer magnitude Weaviate stores exactly (it keeps numbers as float64)."""

BEACON = "weaviate://localhost/"

_NATIVE_FLOAT32 = "f" if sys.byteorder == "little" else "<f"
"""The buffer format of a little-endian float32 array (numpy `<f4`, `array("f")`)."""


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


def _check_float(name: str, value: float) -> float:
    if value - value == 0.0:  # neither NaN nor an infinity
        return value
    raise WeaviateInvalidInputError(
        f"property {name!r}: {value} is not a finite number; Weaviate stores only finite ones"
    )


def _unicode_error(name: str, error: UnicodeEncodeError) -> WeaviateInvalidInputError:
    bad = error.object[error.start : error.end]
    return WeaviateInvalidInputError(
        f"property {name!r}: a text is not valid unicode ({bad!r} at {error.start}: {error.reason})"
    )


def _nested_error(name: str, error: WeaviateInvalidInputError) -> WeaviateInvalidInputError:
    return WeaviateInvalidInputError(f"property {name!r}: {error}")


def to_json_value(name: str, value: object) -> object:
    """One property value as REST JSON (and as the `Struct` payload of special types)."""
    if isinstance(value, str):
        if not value.isascii():
            try:
                value.encode()
            except UnicodeEncodeError as error:
                raise _unicode_error(name, error) from None
        return value
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, float):
        return _check_float(name, value)
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
        try:
            return _to_json(as_mapping(value, f"property {name!r}"))
        except WeaviateInvalidInputError as error:
            raise _nested_error(name, error) from None
    if isinstance(value, (list, tuple)):
        return [to_json_value(name, v) for v in value]
    raise WeaviateInvalidInputError(
        f"property {name!r}: cannot send a value of type {type(value).__name__}"
    )


def to_json(values: Mapping[str, object]) -> dict[str, object]:
    """Properties as REST JSON."""
    try:
        return _to_json(values)
    except RecursionError:
        raise _too_deep(values) from None


def _to_json(values: Mapping[str, object]) -> dict[str, object]:
    return {name: to_json_value(name, value) for name, value in values.items()}


def _depth(value: object) -> int:
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if isinstance(item, Mapping):
            stack.extend((child, level + 1) for child in item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend((child, level + 1) for child in item)
    return deepest


def _too_deep(values: Mapping[str, object]) -> WeaviateInvalidInputError:
    """The error for properties nested past Python's recursion limit, naming the deepest."""
    name = max(values, key=lambda n: _depth(values[n]))
    return WeaviateInvalidInputError(f"property {name!r}: nested too deeply to send")


def _float32_view(vector: object) -> memoryview | None:
    """A view of `vector`'s bytes when it is a one-dimensional array of little-endian float32
    (numpy `<f4`, `array("f")`): those bytes are sent as they are."""
    if isinstance(vector, (list, tuple, dict)):
        return None
    try:
        view = memoryview(vector)  # type: ignore[arg-type]
    except TypeError:
        return None
    if view.format == _NATIVE_FLOAT32 and view.ndim == 1 and view.c_contiguous:
        return view
    return None


def pack_vector(vector: Vector, where: str) -> bytes:
    """A vector as packed little-endian float32 bytes."""
    view = _float32_view(vector)
    if view is not None:
        return view.tobytes()
    if isinstance(vector, Sequence):
        try:
            return struct.pack(f"<{len(vector)}f", *vector)
        except (TypeError, struct.error):
            raise WeaviateInvalidInputError(
                f"{where}: a vector must be a sequence of numbers"
            ) from None
        except OverflowError:
            raise WeaviateInvalidInputError(
                f"{where}: a vector's numbers must fit in float32 (at most 3.4e38)"
            ) from None
    if getattr(vector, "ndim", None) != 1:
        raise WeaviateInvalidInputError(f"{where}: a vector must be a one-dimensional array")
    return vector.astype("<f4", copy=False).tobytes()


def vector_list(vector: Vector, where: str) -> list[float]:
    """A vector as a list of floats (for REST JSON)."""
    packed = pack_vector(vector, where)
    values = list(struct.unpack(f"<{len(packed) // 4}f", packed))
    if not math.isfinite(sum(values)):
        raise WeaviateInvalidInputError(f"{where}: a vector must hold finite numbers only")
    return values


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


def beacons(target: ReferenceInput, where: str) -> list[dict[str, str]]:
    """A reference input as REST beacons."""
    prefix = (
        f"{BEACON}{target.target_collection}/" if isinstance(target, ReferenceToMulti) else BEACON
    )
    return [{"beacon": prefix + u} for u in reference_uuids(target, where)]


def references_json(references: ReferenceInputs) -> dict[str, object]:
    """References as REST JSON properties."""
    return {name: beacons(target, f"reference {name!r}") for name, target in references.items()}


# -- gRPC batch objects as wire bytes ------------------------------------------------------


class _Tags(NamedTuple):
    """The field keys of a properties message (`BatchObject.Properties` or a nested object's
    `ObjectPropertiesValue`; the scalar `Struct` is field 1 in both)."""

    number_array: bytes
    int_array: bytes
    text_array: bytes
    boolean_array: bytes
    object: bytes
    object_array: bytes
    empty_list: bytes


_TOP = _Tags(*(tag(n) for n in (4, 5, 6, 7, 8, 9, 10)))
_NESTED = _Tags(*(tag(n) for n in (2, 3, 4, 5, 6, 7, 10)))
_SINGLE_REF, _MULTI_REF = tag(2), tag(3)
_OBJECT_UUID = tag(1) + b"\x24"
_OBJECT_PROPERTIES, _OBJECT_COLLECTION, _OBJECT_TENANT = tag(3), tag(4), tag(5)
_OBJECT_VECTOR, _OBJECT_VECTORS = tag(6), tag(23)
_VECTOR_TYPE_SINGLE_FP32 = tag(4, 0) + b"\x01"
_NULL = tag(1, 0) + b"\x00"
_DOUBLE = struct.Struct("<d").pack
_KEY_CACHE = 4096

_keys: dict[str, bytes] = {}
"""Property name -> the start of its `Struct` map entry: the key field and the value's tag."""
_number_keys: dict[str, bytes] = {}
"""Property name -> everything of its `Struct` map entry before a number's 8 bytes."""
_text_keys: dict[tuple[str, int], bytes] = {}
"""(Property name, text size) -> everything of its `Struct` map entry before the text."""
_TEXT_KEY_CACHE = 16384


def _entry_key(name: str) -> bytes:
    key = _keys.get(name)
    if key is None:
        key = text_field(b"\x0a", name) + b"\x12"
        if len(_keys) < _KEY_CACHE:
            _keys[name] = key
    return key


def _number_key(name: str) -> bytes:
    key = _entry_key(name)
    prefix = b"\x0a" + VARINT[len(key) + 10] + key + b"\x09\x11"
    if len(_number_keys) < _KEY_CACHE:
        _number_keys[name] = prefix
    return prefix


def _text_key(name: str, size: int) -> bytes:
    value_head = VARINT[1 + len(VARINT[size]) + size] + b"\x1a" + VARINT[size]
    key = _entry_key(name) + value_head
    prefix = b"\x0a" + VARINT[len(key) + size] + key
    if len(_text_keys) < _TEXT_KEY_CACHE:
        _text_keys[name, size] = prefix
    return prefix


def _entry(name: str, value: bytes) -> bytes:
    """A `Struct` map entry: `name` and an encoded `Value` message."""
    return field(b"\x0a", _entry_key(name) + VARINT[len(value)] + value)


def _json_value(name: str, data: object) -> bytes:
    """A JSON-like value (what `to_json_value` gives) as a `google.protobuf.Value` message."""
    if data is None:
        return _NULL
    if isinstance(data, str):
        return text_field(b"\x1a", data)
    if isinstance(data, bool):
        return b"\x20\x01" if data else b"\x20\x00"
    if isinstance(data, (int, float)):
        return b"\x11" + _DOUBLE(data)
    if isinstance(data, dict):
        entries = b"".join(_entry(k, _json_value(name, v)) for k, v in data.items())
        return field(b"\x2a", entries)
    raise WeaviateInvalidInputError(f"property {name!r}: cannot send {data!r}")


def _properties(values: Mapping[str, object], tags: _Tags) -> bytes:
    """A properties message: scalars into its `Struct`, lists and objects into typed fields.

    Text and numbers, the common values, are written inline from cached prefixes."""
    scalars: list[bytes] = []
    typed: list[bytes] = []
    name = ""
    try:
        for name, value in values.items():
            if isinstance(value, str):
                data = value.encode()
                size = len(data)
                scalars += (_text_keys.get((name, size)) or _text_key(name, size), data)
            elif (isinstance(value, float) and value - value == 0.0) or (
                type(value) is int and -MAX_EXACT_INT <= value <= MAX_EXACT_INT
            ):
                scalars += (_number_keys.get(name) or _number_key(name), _DOUBLE(value))
            elif isinstance(value, (list, tuple)):
                typed.append(_list(name, value, tags))
            elif isinstance(value, (Mapping, BaseModel)):
                typed.append(_object(name, value, tags))
            else:
                scalars.append(_entry(name, _json_value(name, to_json_value(name, value))))
    except UnicodeEncodeError as error:
        raise _unicode_error(name, error) from None
    if scalars:
        typed.insert(0, field(b"\x0a", b"".join(scalars)))
    return b"".join(typed)


def _object(name: str, value: Mapping[str, object] | BaseModel, tags: _Tags) -> bytes:
    """A nested object property. Its value field is written even when the object is empty:
    the server fails on an object property without one."""
    try:
        nested = _properties(as_mapping(value, f"property {name!r}"), _NESTED)
    except WeaviateInvalidInputError as error:
        raise _nested_error(name, error) from None
    return field(tags.object, field(b"\x0a", nested) + text_field(b"\x12", name))


def _list(name: str, items: Sequence[object], tags: _Tags) -> bytes:
    """A list property as its typed array field (an empty one by its name only)."""
    label = text_field(b"\x12", name)
    if not items:
        return text_field(tags.empty_list, name)
    first = type(items[0])
    if first is str and all(type(v) is str for v in items):
        texts = b"".join(text_field(b"\x0a", cast(str, v)) for v in items)
        return field(tags.text_array, texts + label)
    if all(isinstance(v, bool) for v in items):
        return field(tags.boolean_array, field(b"\x0a", bytes(cast(Sequence[bool], items))) + label)
    if all(isinstance(v, int) and not isinstance(v, bool) for v in items):
        ints = b"".join(VARINT[_check_int(name, cast(int, v))] for v in items)
        return field(tags.int_array, field(b"\x0a", ints) + label)
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in items):
        for v in items:
            _check_float(name, float(cast(float, v)))
        packed = struct.pack(f"<{len(items)}d", *items)
        return field(tags.number_array, label + field(b"\x1a", packed))
    if all(isinstance(v, (Mapping, BaseModel)) for v in items):
        try:
            objects = b"".join(
                field(b"\x0a", _properties(as_mapping(v, f"property {name!r}"), _NESTED))
                for v in items
            )
        except WeaviateInvalidInputError as error:
            raise _nested_error(name, error) from None
        return field(tags.object_array, objects + label)
    texts_json = [to_json_value(name, v) for v in items]
    if not all(isinstance(t, str) for t in texts_json):
        raise WeaviateInvalidInputError(f"property {name!r}: a list mixes types: {items!r}")
    texts = b"".join(text_field(b"\x0a", cast(str, t)) for t in texts_json)
    return field(tags.text_array, texts + label)


def _references(references: ReferenceInputs) -> bytes:
    """An object's references as the ref fields of its `BatchObject.Properties`."""
    out = []
    for name, target in references.items():
        uuids = reference_uuids(target, f"reference {name!r}")
        body = b"".join(text_field(b"\x0a", u) for u in uuids) + text_field(b"\x12", name)
        if isinstance(target, ReferenceToMulti):
            body += text_field(b"\x1a", target.target_collection)
            out.append(field(_MULTI_REF, body))
        else:
            out.append(field(_SINGLE_REF, body))
    return b"".join(out)


def _vectors(vectors: Vectors) -> bytes:
    """An object's vector, or its named vectors, as `BatchObject` fields."""
    view = _float32_view(vectors)
    if view is not None:
        return b"".join((_OBJECT_VECTOR, VARINT[view.nbytes], view))
    if isinstance(vectors, dict) or (not hasattr(vectors, "ndim") and isinstance(vectors, Mapping)):
        return b"".join(
            field(
                _OBJECT_VECTORS,
                text_field(b"\x0a", name)
                + field(b"\x1a", pack_vector(vector, f"vector {name!r}"))
                + _VECTOR_TYPE_SINGLE_FP32,
            )
            for name, vector in vectors.items()
        )
    return field(_OBJECT_VECTOR, pack_vector(cast(Vector, vectors), "vector"))


@functools.lru_cache(maxsize=256)
def object_head(collection: str, tenant: str | None) -> bytes:
    """The fields every object of `collection` (and `tenant`) carries: encode them once."""
    head = text_field(_OBJECT_COLLECTION, collection)
    return head + text_field(_OBJECT_TENANT, tenant) if tenant else head


def batch_object(
    uuid: str,
    head: bytes,
    properties: Mapping[str, object] | None,
    vector: Vectors | None,
    references: ReferenceInputs | None,
) -> bytes:
    """One `BatchObject` as a length-delimited field 1: an element of a `BatchObjectsRequest`
    (or of a stream's `Data.Objects`). `uuid` is its canonical text; `head` from `object_head`.

    Bad input raises `WeaviateInvalidInputError` naming the property."""
    try:
        body = _properties(properties, _TOP) if properties else b""
        if references:
            body += _references(references)
        vectors = b"" if vector is None else _vectors(vector)
    except UnicodeEncodeError as error:
        raise WeaviateInvalidInputError(f"a text is not valid unicode: {error}") from None
    except RecursionError:
        raise _too_deep(as_mapping(properties, "properties")) from None
    size = len(head) + len(vectors) + 38
    if not body:
        return b"".join((b"\x0a", VARINT[size], _OBJECT_UUID, uuid.encode(), head, vectors))
    body_size = VARINT[len(body)]
    size += 1 + len(body_size) + len(body)
    parts = (_OBJECT_UUID, uuid.encode(), _OBJECT_PROPERTIES, body_size, body, head, vectors)
    return b"".join((b"\x0a", VARINT[size], *parts))
