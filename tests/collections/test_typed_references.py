"""References typed by `data_model_references`: fetched and decoded by the TypedDict."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import TypedDict
from uuid import UUID

import pytest
from pydantic import BaseModel

import wvorm_core
from wvorm_core.classes.config import Configure, DataType, Property, ReferenceProperty
from wvorm_core.classes.query import QueryReference
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.outputs import CrossReference


class Company(TypedDict):
    name: str


class Author(BaseModel):
    name: str
    born: int | None = None


class AuthorLinks(TypedDict):
    employer: CrossReference[Company, None]


class BookLinks(TypedDict):
    writtenBy: CrossReference[Author, AuthorLinks]
    publisher: CrossReference[Company, None]


class Book(TypedDict):
    title: str


ACME, ANN, DUNE, EMPTY = UUID(int=1), UUID(int=2), UUID(int=3), UUID(int=4)


@pytest.fixture
def library(client: wvorm_core.WeaviateClient) -> Iterator[tuple[str, str, str]]:
    """Companies, authors employed by them, and books written by authors (one book has none)."""
    tag = uuid.uuid4().hex[:8]
    company, author, book = f"Company_{tag}", f"Author_{tag}", f"Book_{tag}"
    cols = client.collections
    try:
        cols.create(company, properties=[Property(name="name", data_type=DataType.TEXT)])
        cols.create(
            author,
            properties=[
                Property(name="name", data_type=DataType.TEXT),
                Property(name="born", data_type=DataType.INT),
            ],
            references=[ReferenceProperty(name="employer", target_collection=company)],
        )
        cols.create(
            book,
            properties=[Property(name="title", data_type=DataType.TEXT)],
            references=[
                ReferenceProperty(name="writtenBy", target_collection=author),
                ReferenceProperty(name="publisher", target_collection=company),
            ],
            generative_config=Configure.Generative.dummy(),
        )
        cols.use(company).data.insert({"name": "Acme"}, uuid=ACME)
        cols.use(author).data.insert(
            {"name": "Ann", "born": 1970}, uuid=ANN, references={"employer": ACME}
        )
        books = cols.use(book).data
        books.insert({"title": "Dune"}, uuid=DUNE, references={"writtenBy": ANN})
        books.insert({"title": "Blank"}, uuid=EMPTY)
        yield company, author, book
    finally:
        cols.delete([book, author, company])


def _check(found: object) -> None:
    """Dune's references, as the TypedDict declares them, nested links included."""
    assert isinstance(found, dict)
    assert set(found) == {"writtenBy", "publisher"}
    (ann,) = found["writtenBy"].objects
    assert ann.uuid == ANN
    assert ann.properties == Author(name="Ann", born=1970)
    (acme,) = ann.references["employer"].objects
    assert (acme.uuid, acme.properties, acme.references) == (ACME, {"name": "Acme"}, None)
    assert found["publisher"].objects == []


def test_searches_fetch_and_type_the_declared_references(
    client: wvorm_core.WeaviateClient, library: tuple[str, str, str]
) -> None:
    books = client.collections.use(library[2], Book, data_model_references=BookLinks)
    by_title = {o.properties["title"]: o for o in books.query.fetch_objects().objects}
    _check(by_title["Dune"].references)
    assert by_title["Blank"].references == {
        "writtenBy": CrossReference([]),
        "publisher": CrossReference([]),
    }
    found = books.query.fetch_object_by_id(DUNE)
    assert found is not None
    _check(found.references)
    _check(books.query.bm25("dune").objects[0].references)
    _check(next(o for o in books.iterator() if o.uuid == DUNE).references)
    generated = books.generate.fetch_objects(single_prompt="about {title}")
    _check(next(o for o in generated.objects if o.uuid == DUNE).references)


async def test_async_searches_type_the_declared_references(
    async_client: wvorm_core.WeaviateAsyncClient, library: tuple[str, str, str]
) -> None:
    books = async_client.collections.use(library[2], data_model_references=BookLinks)
    found = await books.query.fetch_object_by_id(DUNE)
    assert found is not None
    _check(found.references)


def test_explicit_return_references_are_refused_on_a_typed_handle(
    client: wvorm_core.WeaviateClient, library: tuple[str, str, str]
) -> None:
    books = client.collections.use(library[2], data_model_references=BookLinks)
    with pytest.raises(WeaviateInvalidInputError, match="typed by BookLinks"):
        books.query.fetch_objects(return_references=QueryReference("writtenBy"))
    untyped = client.collections.use(library[2]).query.fetch_object_by_id(
        DUNE, return_references=QueryReference("writtenBy", return_properties=["name"])
    )
    assert untyped is not None
    assert untyped.references["writtenBy"].objects[0].properties == {"name": "Ann"}


class NotLinks(TypedDict):
    title: str


class SelfLinks(TypedDict):
    next: CrossReference[Book, SelfLinks]


@pytest.mark.parametrize(
    ("model", "message"),
    [
        (Author, "expected a TypedDict"),
        (NotLinks, r"NotLinks.title: expected CrossReference\[Model, Links \| None\]"),
        (SelfLinks, "cannot contain itself"),
    ],
)
def test_a_bad_references_model_is_refused_when_the_handle_is_made(
    client: wvorm_core.WeaviateClient, model: type, message: str
) -> None:
    with pytest.raises(WeaviateInvalidInputError, match=message):
        client.collections.use("Anything", data_model_references=model)
