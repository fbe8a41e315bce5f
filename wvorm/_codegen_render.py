"""Python expressions as small trees, printed the way `ruff format` lays them out.

A bracketed expression stays on one line when it fits; otherwise the arguments of a call go
on one indented line between the brackets if they fit there; otherwise one item per line with
a trailing comma, each item laid out the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

INDENT = "    "


@dataclass(frozen=True)
class Atom:
    """Source text that is never split (a name, a number, a string literal)."""

    text: str


@dataclass(frozen=True)
class Item:
    """One entry between brackets: `value`, `key=value` or `key: value`."""

    value: Expr
    key: str = ""
    separator: str = "="


@dataclass(frozen=True)
class Bracketed:
    """`head(items)`, `[items]`, `{items}` or `head[items]`."""

    head: str
    items: tuple[Item, ...]
    brackets: str = "()"


Expr = Atom | Bracketed


def call(func: str, *args: Expr, **kwargs: Expr) -> Bracketed:
    """`func(*args, **kwargs)`, keyword arguments in the order given."""
    items = [Item(a) for a in args] + [Item(v, k) for k, v in kwargs.items()]
    return Bracketed(func, tuple(items))


def literal(value: object) -> Expr:
    """A JSON-like value (str, int, float, bool, None, Enum, list, dict) as an expression."""
    if isinstance(value, Enum):
        return Atom(f"{type(value).__name__}.{value.name}")
    if isinstance(value, str):
        return Atom(string(value))
    if value is None or isinstance(value, (bool, int, float)):
        return Atom(repr(value))
    if isinstance(value, Sequence):
        return Bracketed("", tuple(Item(literal(v)) for v in value), "[]")
    if isinstance(value, dict):
        items = tuple(Item(literal(v), string(str(k)), ": ") for k, v in value.items())
        return Bracketed("", items, "{}")
    raise TypeError(f"no literal for {value!r}")


def string(text: str) -> str:
    """A string literal in ruff's preferred quotes (double, unless that needs more escapes)."""
    quoted = repr(text)
    if quoted.startswith("'") and '"' not in text:
        return '"' + quoted[1:-1].replace("\\'", "'") + '"'
    return quoted


def flat(expr: Expr) -> str:
    """The expression on one line."""
    if isinstance(expr, Atom):
        return expr.text
    inner = ", ".join(_flat_item(i) for i in expr.items)
    return f"{expr.head}{expr.brackets[0]}{inner}{expr.brackets[1]}"


def _flat_item(item: Item) -> str:
    return f"{item.key}{item.separator}{flat(item.value)}" if item.key else flat(item.value)


def lines(expr: Expr, indent: str, prefix: str, suffix: str, width: int) -> list[str]:
    """`prefix + expr + suffix` at `indent`, split over lines where it does not fit `width`."""
    one = f"{indent}{prefix}{flat(expr)}{suffix}"
    if len(one) <= width or isinstance(expr, Atom) or not expr.items:
        return [one]
    return _split(expr, indent, prefix, suffix, width)


def _split(expr: Bracketed, indent: str, prefix: str, suffix: str, width: int) -> list[str]:
    opening = f"{indent}{prefix}{expr.head}{expr.brackets[0]}"
    closing = f"{indent}{expr.brackets[1]}{suffix}"
    inner = indent + INDENT
    hugged = inner + ", ".join(_flat_item(i) for i in expr.items)
    display = expr.brackets != "()" and len(expr.items) > 1  # list and dict displays explode
    if len(hugged) <= width and not display:
        return [opening, hugged, closing]
    out = [opening]
    for item in expr.items:
        head = f"{item.key}{item.separator}" if item.key else ""
        out.extend(lines(item.value, inner, head, ",", width))
    out.append(closing)
    return out


def assignment(indent: str, target: str, annotation: Expr, value: Expr, width: int) -> list[str]:
    """`target: annotation = value` at `indent`, split as ruff splits an annotated assignment:
    at the value's brackets, else inside parentheses around the value, else the annotation's
    brackets first."""
    prefix = f"{target}: {flat(annotation)} = "
    if len(f"{indent}{prefix}{flat(value)}") <= width:
        return [f"{indent}{prefix}{flat(value)}"]
    if isinstance(value, Bracketed) and len(f"{indent}{prefix}{value.head}(") <= width:
        return lines(value, indent, prefix, "", width)
    if len(f"{indent}{prefix}(") <= width:
        return [f"{indent}{prefix}(", *lines(value, indent + INDENT, "", "", width), f"{indent})"]
    if isinstance(annotation, Atom):  # a union: parenthesized, split at `|` if need be
        inner = indent + INDENT
        operands = annotation.text.split(" | ")
        hugged = f"{inner}{annotation.text}"
        middle = (
            [hugged]
            if len(hugged) <= width
            else [f"{inner}{operands[0]}"] + [f"{inner}| {o}" for o in operands[1:]]
        )
        typed, closing = [f"{indent}{target}: (", *middle], ")"
    else:
        typed = _split(annotation, indent, f"{target}: ", "", width)
        closing = typed.pop().strip()
    return [*typed, *lines(value, indent, f"{closing} = ", "", width)]
