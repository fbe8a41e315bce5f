"""Value conversions for a property whose data type a rebuild changes (`int` -> `number`, ...).

`converter(old, new)` gives a function from one stored value to the new type; it raises
`ConversionError` with the reason for a value that has no faithful counterpart (`2.5` as an
`int`, `"abc"` as a `number`, a list of two as a scalar), so that the copy reports the object
instead of dropping or rounding it. Absent values (None) stay absent.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime, timezone
from uuid import UUID

from wvorm.migrate._offline import MigrationError

Conversion = Callable[[object], object]
"""One stored value (as the iterator returns it) -> the value to write under the new type."""

_SCALARS = frozenset({"text", "int", "number", "boolean", "date", "uuid"})


class ConversionError(ValueError):
    """A value that the new data type cannot hold; the message says why."""


def _to_text(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float, UUID)):
        return str(value)
    raise ConversionError(f"{type(value).__name__} {value!r} has no text form")


def _to_number(value: object) -> object:
    if isinstance(value, bool):
        raise ConversionError(f"boolean {value!r} is not a number")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            raise ConversionError(f"text {value!r} is not a number") from None
        if not math.isfinite(number):
            raise ConversionError(f"text {value!r} is not a finite number")
        return number
    raise ConversionError(f"{type(value).__name__} {value!r} is not a number")


def _to_int(value: object) -> object:
    number = _to_number(value)
    assert isinstance(number, float)
    if not number.is_integer():
        raise ConversionError(f"{value!r} is not a whole number")
    return int(number)


def _to_boolean(value: object) -> object:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    raise ConversionError(f"{value!r} is not a boolean (true/false, or 0/1)")


def _to_date(value: object) -> object:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise ConversionError(f"text {value!r} is not an ISO 8601 date") from None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    raise ConversionError(f"{type(value).__name__} {value!r} is not a date")


def _to_uuid(value: object) -> object:
    if isinstance(value, UUID):
        return value
    if isinstance(value, str):
        try:
            return UUID(value)
        except ValueError:
            raise ConversionError(f"text {value!r} is not a uuid") from None
    raise ConversionError(f"{type(value).__name__} {value!r} is not a uuid")


_TO: dict[str, Conversion] = {
    "text": _to_text,
    "int": _to_int,
    "number": _to_number,
    "boolean": _to_boolean,
    "date": _to_date,
    "uuid": _to_uuid,
}


def _each(convert: Conversion) -> Conversion:
    def run(value: object) -> object:
        if not isinstance(value, (list, tuple)):
            raise ConversionError(f"{value!r} is not a list")
        return [convert(v) for v in value]

    return run


def _wrap(convert: Conversion) -> Conversion:
    return lambda value: [convert(value)]


def _single(convert: Conversion) -> Conversion:
    def run(value: object) -> object:
        if not isinstance(value, (list, tuple)):
            raise ConversionError(f"{value!r} is not a list")
        if len(value) > 1:
            raise ConversionError(f"a list of {len(value)} values cannot become one value")
        return convert(value[0]) if value else None

    return run


def _absent_stays(convert: Conversion) -> Conversion:
    return lambda value: None if value is None else convert(value)


def converter(old: str, new: str) -> Conversion:
    """The conversion of values of data type `old` to `new` (e.g. "int" -> "number[]").

    Scalars and their arrays convert between text, int, number, boolean, date and uuid, a
    scalar becomes an array of one and an array of at most one a scalar; other pairs
    (geoCoordinates, phoneNumber, blob, object) raise `MigrationError`: they need a transform.
    """
    old_base, new_base = old.removesuffix("[]"), new.removesuffix("[]")
    if old_base not in _SCALARS or new_base not in _SCALARS:
        raise MigrationError(
            f"no built-in conversion from {old} to {new}; the property needs a data transform"
        )
    to = _TO[new_base]
    old_list, new_list = old.endswith("[]"), new.endswith("[]")
    if old_list and new_list:
        return _absent_stays(_each(to))
    if old_list:
        return _absent_stays(_single(to))
    if new_list:
        return _absent_stays(_wrap(to))
    return _absent_stays(to)
