"""Reading untrusted JSON from the server: each accessor returns a default for a wrong shape."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from wvorm_core._read_only import ReadOnlyList

JsonObject = Mapping[str, object]
_T = TypeVar("_T")


def obj(value: object) -> JsonObject:
    if type(value) is dict or isinstance(value, Mapping):
        return value
    return {}


def get(data: JsonObject, key: str, kind: type[_T], default: _T) -> _T:
    value = data.get(key, default)
    if type(value) is kind:
        return value
    if kind is float and type(value) is int:
        return float(value)  # type: ignore[return-value]
    return default


def opt(data: JsonObject, key: str, kind: type[_T]) -> _T | None:
    value = data.get(key)
    return value if isinstance(value, kind) else None


def strings(value: object) -> tuple[str, ...] | None:
    if not isinstance(value, list):
        return None
    return ReadOnlyList(str(v) for v in value)


def items(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []
