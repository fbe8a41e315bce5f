"""Python source for revision files: JSON-shaped values and operation calls, laid out the way
`ruff format` would (one line when it fits in 100 columns, else one item a line)."""

from __future__ import annotations

import json
from collections.abc import Mapping

LINE = 100


def _flat(value: object) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_flat(k)}: {_flat(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flat(v) for v in value) + "]"
    if isinstance(value, tuple):
        inner = ", ".join(_flat(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return repr(value)


def literal(value: object, indent: int = 0, used: int | None = None, tail: int = 0) -> str:
    """`value` as a Python literal; `used` columns precede it on its line, `tail` follow it."""
    flat = _flat(value)
    start = indent if used is None else used
    if start + len(flat) + tail <= LINE or not isinstance(value, (Mapping, list, tuple)):
        return flat
    if not value:
        return flat
    pad = " " * (indent + 4)
    if isinstance(value, Mapping):
        lines = [
            f"{pad}{_flat(k)}: {literal(v, indent + 4, indent + 6 + len(_flat(k)), 1)},"
            for k, v in value.items()
        ]
        return "{\n" + "\n".join(lines) + "\n" + " " * indent + "}"
    opening, closing = ("[", "]") if isinstance(value, list) else ("(", ")")
    lines = [f"{pad}{literal(v, indent + 4, None, 1)}," for v in value]
    return opening + "\n" + "\n".join(lines) + "\n" + " " * indent + closing


def call(name: str, arguments: Mapping[str, object], indent: int = 0, tail: int = 0) -> str:
    """`name(key=value, ...)`, one argument a line when the call does not fit on one."""
    flat = f"{name}(" + ", ".join(f"{k}={_flat(v)}" for k, v in arguments.items()) + ")"
    if indent + len(flat) + tail <= LINE:
        return flat
    pad = " " * (indent + 4)
    lines = [
        f"{pad}{key}={literal(value, indent + 4, indent + 5 + len(key), 1)},"
        for key, value in arguments.items()
    ]
    return f"{name}(\n" + "\n".join(lines) + "\n" + " " * indent + ")"
