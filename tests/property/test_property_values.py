"""Hostile property values of every data type, through every write path, against the server.

Each value either reads back exactly as written (floats bit for bit, NaN as NaN; datetimes as
the same instant with the same offset, a naive one taken as UTC) or is refused before the
network with a `WeaviateInvalidInputError` that names the property.
"""

from __future__ import annotations

import math
import struct
import uuid
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime, timedelta, timezone
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

import wvorm_core
from wvorm_core.classes.config import DataType as D
from wvorm_core.classes.config import Property
from wvorm_core.collections import Collection
from wvorm_core.exceptions import WeaviateInvalidInputError

from .conftest import EXAMPLES

DEPTH = 6
"""How deep the nested `deep` property goes in the schema."""


def _deep(level: int) -> Property:
    nested = [Property(name="leaf", data_type=D.NUMBER), Property(name="word", data_type=D.TEXT)]
    if level < DEPTH:
        nested.append(_deep(level + 1))
    return Property(name="d", data_type=D.OBJECT, nested_properties=nested)


PROPERTIES = [
    Property(name="text", data_type=D.TEXT),
    Property(name="texts", data_type=D.TEXT_ARRAY),
    Property(name="count", data_type=D.INT),
    Property(name="counts", data_type=D.INT_ARRAY),
    Property(name="price", data_type=D.NUMBER),
    Property(name="prices", data_type=D.NUMBER_ARRAY),
    Property(name="flag", data_type=D.BOOL),
    Property(name="flags", data_type=D.BOOL_ARRAY),
    Property(name="when", data_type=D.DATE),
    Property(name="whens", data_type=D.DATE_ARRAY),
    Property(name="ref_id", data_type=D.UUID),
    Property(name="ref_ids", data_type=D.UUID_ARRAY),
    Property(
        name="deep",
        data_type=D.OBJECT,
        nested_properties=[Property(name="leaf", data_type=D.NUMBER), _deep(1)],
    ),
]

# -- strategies ------------------------------------------------------------------------------

HOSTILE_CHARS = st.one_of(
    st.characters(),  # any code point but surrogates
    st.characters(categories=["Cs"]),  # unpaired surrogates
    st.sampled_from(["\x00", "\ufeff", "\u202e", "\U0010ffff", "\r", '"', "\\"]),
)
TEXTS = st.one_of(
    st.text(HOSTILE_CHARS, max_size=40),
    st.integers(50_000, 400_000).map(lambda n: "é" * n),  # very long
)
INTS = st.one_of(
    st.integers(),
    st.sampled_from([2**53, -(2**53), 2**53 + 1, -(2**53) - 1, 2**63, -(2**63) - 1, 2**200]),
)
FLOATS = st.one_of(
    st.floats(),  # NaN, infinities, -0.0, subnormals included
    st.sampled_from([math.inf, -math.inf, math.nan, -0.0, 5e-324, 1.7976931348623157e308]),
)
OFFSETS = st.integers(-23 * 60, 23 * 60).map(lambda m: timezone(timedelta(minutes=m)))
DATES = st.datetimes(timezones=st.one_of(st.none(), OFFSETS))
UUIDS = st.uuids()
LEAVES = st.fixed_dictionaries({}, optional={"leaf": FLOATS, "word": TEXTS})


def nested(depth: int) -> st.SearchStrategy[dict[str, object]]:
    if depth == 0:
        return LEAVES
    return st.builds(lambda leaves, inner: {**leaves, "d": inner}, LEAVES, nested(depth - 1))


VALUES: dict[str, st.SearchStrategy[object]] = {
    "text": TEXTS,
    "texts": st.lists(TEXTS, max_size=4),
    "count": INTS,
    "counts": st.lists(INTS, max_size=4),
    "price": FLOATS,
    "prices": st.lists(FLOATS, max_size=4),
    "flag": st.booleans(),
    "flags": st.lists(st.booleans(), max_size=4),
    "when": DATES,
    "whens": st.lists(DATES, max_size=4),
    "ref_id": UUIDS,
    "ref_ids": st.lists(UUIDS, max_size=4),
    "deep": st.integers(0, DEPTH).flatmap(nested),
}

# -- writing and comparing ---------------------------------------------------------------------


def _insert(col: Collection, row: dict[str, object], ident: UUID) -> None:
    col.data.insert(row, uuid=ident)


def _insert_many(col: Collection, row: dict[str, object], ident: UUID) -> None:
    from wvorm_core.classes.data import DataObject

    result = col.data.insert_many([DataObject(properties=row, uuid=ident)])
    assert not result.has_errors, result.errors


def _batch(col: Collection, row: dict[str, object], ident: UUID) -> None:
    with col.batch.fixed_size(batch_size=1) as batch:
        batch.add_object(row, uuid=ident)
    assert col.batch.failed_objects == [], col.batch.failed_objects


WRITES: dict[str, Callable[[Collection, dict[str, object], UUID], None]] = {
    "rest insert": _insert,
    "grpc insert_many": _insert_many,
    "grpc batch": _batch,
}


def same(sent: object, got: object) -> bool:
    """Whether `got` is exactly what was sent (see the module docstring)."""
    if isinstance(sent, float):
        if not isinstance(got, float):
            return False
        return (
            math.isnan(got)
            if math.isnan(sent)
            else struct.pack("<d", sent) == struct.pack("<d", got)
        )
    if isinstance(sent, datetime):
        want = sent if sent.tzinfo else sent.replace(tzinfo=timezone.utc)
        return isinstance(got, datetime) and got == want and got.utcoffset() == want.utcoffset()
    if isinstance(sent, Mapping):
        return (
            isinstance(got, Mapping)
            and set(sent) == set(got)
            and all(same(v, got[k]) for k, v in sent.items())
        )
    if isinstance(sent, list):
        return (
            isinstance(got, list)
            and len(sent) == len(got)
            and all(same(a, b) for a, b in zip(sent, got, strict=True))
        )
    return type(sent) is type(got) and sent == got


@pytest.fixture(scope="module")
def typed(client: wvorm_core.WeaviateClient) -> Iterator[Collection]:
    name = f"Hostile_{uuid.uuid4().hex[:10]}"
    yield client.collections.create(name, properties=PROPERTIES)
    client.collections.delete(name)


@pytest.mark.parametrize("prop", sorted(VALUES))
@given(data=st.data(), write=st.sampled_from(sorted(WRITES)))
def test_a_value_round_trips_or_is_refused_naming_it(
    typed: Collection, prop: str, data: st.DataObject, write: str
) -> None:
    value = data.draw(VALUES[prop], label=prop)
    ident = uuid.uuid4()
    try:
        WRITES[write](typed, {prop: value}, ident)
    except WeaviateInvalidInputError as error:
        assert repr(prop) in str(error), f"the error does not name {prop!r}: {error}"  # noqa: PT017
        assert typed.query.fetch_object_by_id(ident) is None
        EXAMPLES[("property values", f"refused ({prop})")] += 1
        return
    stored = typed.query.fetch_object_by_id(ident)
    assert stored is not None
    got = stored.properties.get(prop)
    if isinstance(value, list) and not value and got is None:
        got = []  # the server does not keep an empty list apart from no value
    assert same(value, got), f"{write} changed {prop}: sent {value!r}, read {got!r}"
    EXAMPLES[("property values", f"round-tripped ({prop})")] += 1


@pytest.mark.parametrize("write", sorted(WRITES))
@pytest.mark.parametrize(
    ("row", "named"),
    [
        ({"price": math.inf}, "'price'"),  # REST: a bare ValueError from the JSON encoder
        ({"deep": {"d": {"leaf": math.nan}}}, "'deep': property 'd': property 'leaf'"),
        ({"text": "a\ud800b"}, "'text'"),  # REST: a bare UnicodeEncodeError
        ({"texts": ["ok", "\udfff"]}, "'texts'"),
    ],
)
def test_found_values_are_refused_naming_the_field(
    typed: Collection, row: dict[str, object], named: str, write: str
) -> None:
    with pytest.raises(WeaviateInvalidInputError, match=named):
        WRITES[write](typed, row, uuid.uuid4())


@pytest.mark.parametrize("write", sorted(WRITES))
def test_an_empty_nested_object_round_trips(typed: Collection, write: str) -> None:
    """The gRPC write paths made the server panic on an object property with no fields."""
    ident = uuid.uuid4()
    WRITES[write](typed, {"deep": {}}, ident)
    stored = typed.query.fetch_object_by_id(ident)
    assert stored is not None
    assert stored.properties["deep"] == {}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_nesting_past_the_recursion_limit_is_refused(typed: Collection, write: str) -> None:
    value: dict[str, object] = {"leaf": 1.0}
    for _ in range(5000):
        value = {"d": value}
    with pytest.raises(WeaviateInvalidInputError, match="'deep'"):
        WRITES[write](typed, {"deep": value}, uuid.uuid4())
