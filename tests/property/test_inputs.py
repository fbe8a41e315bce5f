"""Hostile filters, vectors, names, tenants and uuids against the real server.

A filter either is refused before the network with a `WeaviateInvalidInputError` naming the
property, or selects exactly the objects a Python oracle selects. A vector is refused naming
the vector, refused by the server with a typed error (only it knows the collection's length),
or stored and read back as the same float32 values. Names, tenants and uuids are refused
before the network naming what is wrong, or work and read back unchanged.
"""

from __future__ import annotations

import math
import operator
import struct
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from uuid import UUID

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wvorm_core
from wvorm_core.classes.config import Configure, DataType, Property, Tokenization
from wvorm_core.classes.data import DataObject
from wvorm_core.classes.query import Filter
from wvorm_core.collections import Collection
from wvorm_core.exceptions import WeaviateError, WeaviateInvalidInputError

from .conftest import EXAMPLES
from .test_property_values import DATES, FLOATS, INTS, TEXTS

UTC = timezone.utc
ROWS = [
    {
        "n": n,
        "x": x,
        "t": t,
        "b": n % 2 == 0,
        "d": datetime(2000, 1, 1, tzinfo=UTC) + timedelta(days=i * 400, microseconds=i),
    }
    for i, (n, x, t) in enumerate(
        [
            (-(2**53), -1e300, ""),
            (-5, -0.5, "a"),
            (0, 0.0, "A"),
            (1, 5e-324, "é"),
            (7, 1.5, "a b"),
            (2**31, 1e300, "\x00"),
            (2**53, 2.0, "zz"),
        ]
    )
]
OPS: dict[str, Callable[[object, object], bool]] = {
    "equal": operator.eq,
    "not_equal": operator.ne,
    "less_than": operator.lt,
    "less_or_equal": operator.le,
    "greater_than": operator.gt,
    "greater_or_equal": operator.ge,
}
ORDERED = {"n": INTS, "x": FLOATS, "d": DATES}
EQUALITY = {"t": TEXTS, "b": st.booleans()}


@pytest.fixture(scope="module")
def rows(client: wvorm_core.WeaviateClient) -> Iterator[tuple[Collection, list[UUID]]]:
    name = f"Filters_{uuid.uuid4().hex[:10]}"
    col = client.collections.create(
        name,
        properties=[
            Property(name="n", data_type=DataType.INT),
            Property(name="x", data_type=DataType.NUMBER),
            Property(name="t", data_type=DataType.TEXT, tokenization=Tokenization.FIELD),
            Property(name="b", data_type=DataType.BOOL),
            Property(name="d", data_type=DataType.DATE),
        ],
    )
    result = col.data.insert_many(ROWS)
    assert not result.has_errors
    yield col, [result.uuids[i] for i in range(len(ROWS))]
    client.collections.delete(name)


def _oracle(prop: str, op: str, value: object) -> set[int]:
    if isinstance(value, datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return {i for i, row in enumerate(ROWS) if OPS[op](row[prop], value)}


@pytest.mark.parametrize("prop", sorted({**ORDERED, **EQUALITY}))
@given(data=st.data())
def test_a_filter_selects_what_python_selects_or_is_refused(
    rows: tuple[Collection, list[UUID]], prop: str, data: st.DataObject
) -> None:
    col, ids = rows
    ops = sorted(OPS) if prop in ORDERED else ["equal", "not_equal"]
    op = data.draw(st.sampled_from(ops), label="operator")
    value = data.draw({**ORDERED, **EQUALITY}[prop], label="value")
    expression = getattr(Filter.by_property(prop), op)(value)
    try:
        found = col.query.fetch_objects(filters=expression, limit=100).objects
    except WeaviateInvalidInputError as error:
        assert repr(prop) in str(error), f"the error does not name {prop!r}: {error}"  # noqa: PT017
        EXAMPLES[("filters", f"refused ({prop})")] += 1
        return
    got = {ids.index(o.uuid) for o in found}
    assert got == _oracle(prop, op, value), f"{prop} {op} {value!r}"
    EXAMPLES[("filters", f"matched the oracle ({prop})")] += 1


# -- vectors -----------------------------------------------------------------------------------

DIMENSIONS = 3


@pytest.fixture(scope="module")
def vectored(client: wvorm_core.WeaviateClient) -> Iterator[Collection]:
    name = f"Vectors_{uuid.uuid4().hex[:10]}"
    col = client.collections.create(
        name,
        properties=[Property(name="n", data_type=DataType.INT)],
        vector_config=Configure.Vectors.self_provided(
            vector_index_config=Configure.VectorIndex.flat()
        ),
    )
    col.data.insert({"n": 0}, vector=[1.0] * DIMENSIONS)
    yield col
    client.collections.delete(name)


def _f32(values: list[float]) -> list[float]:
    """The values as float32 (what the server keeps); values too big for float32 stay inf."""
    return [struct.unpack("<f", struct.pack("<f", v))[0] if abs(v) < 3.4e38 else v for v in values]


VECTORS = st.lists(st.one_of(FLOATS, st.integers(-(2**40), 2**40)), max_size=5)


@given(vector=VECTORS, rest=st.booleans())
def test_a_vector_round_trips_or_is_refused(
    vectored: Collection, vector: list[float], rest: bool
) -> None:
    ident = uuid.uuid4()
    try:
        if rest:
            vectored.data.insert({"n": 1}, uuid=ident, vector=vector)
        else:
            result = vectored.data.insert_many([DataObject({"n": 1}, uuid=ident, vector=vector)])
            if result.has_errors:
                raise WeaviateError(str(result.errors))
    except WeaviateInvalidInputError as error:
        assert "vector" in str(error), f"the error does not name the vector: {error}"  # noqa: PT017
        EXAMPLES[("vectors", "refused before sending")] += 1
        return
    except WeaviateError as error:
        assert len(vector) != DIMENSIONS, f"the server refused {vector!r}: {error}"  # noqa: PT017
        EXAMPLES[("vectors", "refused by the server (length)")] += 1
        return
    stored = vectored.query.fetch_object_by_id(ident, include_vector=True)
    assert stored is not None
    got = list(stored.vector.get("default", []))
    assert len(got) == len(vector)
    want = _f32([float(v) for v in vector])
    assert all((math.isnan(w) and math.isnan(g)) or w == g for w, g in zip(want, got, strict=True))
    EXAMPLES[("vectors", f"round-tripped (length {len(vector)})")] += 1


# -- names, tenants, uuids ---------------------------------------------------------------------

NAMES = st.one_of(
    st.text(st.characters(codec="ascii"), min_size=0, max_size=12),
    st.from_regex(r"[A-Z][A-Za-z0-9_]{0,20}", fullmatch=True),
    st.text(max_size=8),
    st.integers(240, 300).map(lambda n: "C" * n),
)


@settings(max_examples=30)
@given(suffix=NAMES)
def test_a_collection_name_works_or_is_refused(
    client: wvorm_core.WeaviateClient, suffix: str
) -> None:
    try:
        col = client.collections.create(suffix)
    except WeaviateInvalidInputError as error:
        assert "name" in str(error), str(error)  # noqa: PT017
        EXAMPLES[("collection names", "refused")] += 1
        return
    stored = suffix[0].upper() + suffix[1:]  # documented: Weaviate's own capitalisation
    try:
        assert col.name == stored
        assert col.config.get().name == stored
        assert client.collections.exists(stored)
    finally:
        client.collections.delete(stored)
    EXAMPLES[("collection names", "created as given")] += 1


@settings(max_examples=30)
@given(name=st.one_of(NAMES, st.from_regex(r"[a-z_][A-Za-z0-9_]{0,30}", fullmatch=True)))
def test_a_property_name_works_or_is_refused(client: wvorm_core.WeaviateClient, name: str) -> None:
    collection = f"Props_{uuid.uuid4().hex[:10]}"
    try:
        col = client.collections.create(
            collection, properties=[Property(name=name, data_type=DataType.TEXT)]
        )
    except WeaviateInvalidInputError as error:
        assert "name" in str(error), str(error)  # noqa: PT017
        EXAMPLES[("property names", "refused")] += 1
        return
    try:
        assert [p.name for p in col.config.get().properties] == [name]
        ident = col.data.insert({name: "v"})
        stored = col.query.fetch_object_by_id(ident)
        assert stored is not None
        assert stored.properties == {name: "v"}
    finally:
        client.collections.delete(collection)
    EXAMPLES[("property names", "created as given")] += 1


@pytest.fixture(scope="module")
def tenanted(client: wvorm_core.WeaviateClient) -> Iterator[Collection]:
    name = f"Tenants_{uuid.uuid4().hex[:10]}"
    yield client.collections.create(
        name,
        properties=[Property(name="n", data_type=DataType.INT)],
        multi_tenancy_config=Configure.multi_tenancy(enabled=True),
    )
    client.collections.delete(name)


@settings(max_examples=40)
@given(tenant=NAMES)
def test_a_tenant_name_works_or_is_refused(tenanted: Collection, tenant: str) -> None:
    try:
        tenanted.tenants.create(tenant)
    except WeaviateInvalidInputError as error:
        assert "tenant" in str(error), str(error)  # noqa: PT017
        EXAMPLES[("tenant names", "refused")] += 1
        return
    try:
        assert tenant in tenanted.tenants.get()
        scoped = tenanted.with_tenant(tenant)
        ident = scoped.data.insert({"n": 1})
        stored = scoped.query.fetch_object_by_id(ident)
        assert stored is not None
        assert stored.properties == {"n": 1}
    finally:
        tenanted.tenants.remove(tenant)
    EXAMPLES[("tenant names", "created as given")] += 1


UUID_TEXTS = st.one_of(
    st.uuids().map(str),
    st.uuids().map(lambda u: str(u).upper()),
    st.uuids().map(lambda u: u.hex),
    st.uuids().map(lambda u: "{" + str(u) + "}"),
    st.uuids().map(lambda u: "urn:uuid:" + str(u)),
    st.text(max_size=40),
)


@given(text=UUID_TEXTS)
def test_a_uuid_round_trips_or_is_refused(vectored: Collection, text: str) -> None:
    try:
        ident = vectored.data.insert({"n": 2}, uuid=text, vector=[0.5] * DIMENSIONS)
    except WeaviateInvalidInputError as error:
        assert "uuid" in str(error).lower(), str(error)  # noqa: PT017
        EXAMPLES[("uuids", "refused")] += 1
        return
    assert ident == UUID(text)
    stored = vectored.query.fetch_object_by_id(text)
    assert stored is not None
    assert stored.uuid == ident
    assert vectored.data.exists(text)
    vectored.data.delete_by_id(text)
    EXAMPLES[("uuids", "round-tripped")] += 1
