"""References against the real server: single and multi-target, REST, gRPC batch, and filters."""

from __future__ import annotations

import uuid as uuid_lib
from collections.abc import Iterator
from uuid import UUID

import pytest

import wvorm_core
from wvorm_core._ops.calls import rest
from wvorm_core.classes.config import DataType, Property, ReferenceProperty
from wvorm_core.classes.data import (
    DataObject,
    DataReference,
    DataReferenceMulti,
    ReferenceToMulti,
)
from wvorm_core.classes.filters import FilterExpression
from wvorm_core.classes.query import Filter
from wvorm_core.collections import Collection

NAME = [Property(name="name", data_type=DataType.TEXT)]


@pytest.fixture
def library(
    client: wvorm_core.WeaviateClient,
) -> Iterator[tuple[Collection, Collection, Collection]]:
    """Author, Publisher, and Book with `author` -> Author and `source` -> Author|Publisher."""
    suffix = uuid_lib.uuid4().hex[:8]
    names = [f"Author_{suffix}", f"Publisher_{suffix}", f"Book_{suffix}"]
    authors = client.collections.create(names[0], properties=NAME)
    publishers = client.collections.create(names[1], properties=NAME)
    books = client.collections.create(
        names[2],
        properties=[Property(name="title", data_type=DataType.TEXT)],
        references=[ReferenceProperty(name="author", target_collection=names[0])],
    )
    source = {"name": "source", "dataType": names[:2]}
    client._transport.run(rest("POST", f"/schema/{names[2]}/properties", json=source))
    yield authors, publishers, books
    client.collections.delete(names)


def _titles(books: Collection, where: FilterExpression) -> set[object]:
    return {o.properties["title"] for o in books.query.fetch_objects(filters=where).objects}


def by_author(name: str) -> FilterExpression:
    return Filter.by_ref("author").by_property("name").equal(name)


def authors_count(n: int) -> FilterExpression:
    return Filter.by_ref_count("author").equal(n)


def test_single_target_references(library: tuple[Collection, Collection, Collection]) -> None:
    authors, _, books = library
    ann = authors.data.insert({"name": "Ann"})
    bob = authors.data.insert({"name": "Bob"})
    one = books.data.insert({"title": "one"}, references={"author": ann})
    many = books.data.insert_many([DataObject({"title": "two"}, references={"author": [ann, bob]})])
    two = many.uuids[0]
    assert _titles(books, by_author("Ann")) == {"one", "two"}
    assert _titles(books, authors_count(2)) == {"two"}

    books.data.reference_add(one, "author", bob)
    assert _titles(books, authors_count(2)) == {"one", "two"}
    books.data.reference_delete(one, "author", ann)
    assert _titles(books, by_author("Ann")) == {"two"}
    books.data.reference_replace(two, "author", [bob])
    assert _titles(books, authors_count(1)) == {"one", "two"}
    assert _titles(books, by_author("Ann")) == set()

    result = books.data.reference_add_many(
        [
            DataReference(from_property="author", from_uuid=one, to_uuid=ann),
            DataReference(from_property="author", from_uuid=two, to_uuid=[ann]),
        ]
    )
    assert not result.has_errors
    assert _titles(books, by_author("Ann")) == {"one", "two"}


def test_multi_target_references(library: tuple[Collection, Collection, Collection]) -> None:
    authors, publishers, books = library
    ann = authors.data.insert({"name": "Ann"})
    pub = publishers.data.insert({"name": "Pub"})
    one = books.data.insert(
        {"title": "one"}, references={"source": ReferenceToMulti(publishers.name, pub)}
    )
    many = books.data.insert_many(
        [DataObject({"title": "two"}, references={"source": ReferenceToMulti(authors.name, ann)})]
    )
    assert not many.has_errors
    from_publisher = Filter.by_ref_multi_target("source", publishers.name).by_property("name")
    from_author = Filter.by_ref_multi_target("source", authors.name).by_property("name")
    assert _titles(books, from_publisher.equal("Pub")) == {"one"}
    assert _titles(books, from_author.equal("Ann")) == {"two"}

    books.data.reference_add(one, "source", ReferenceToMulti(authors.name, ann))
    assert _titles(books, from_author.equal("Ann")) == {"one", "two"}
    added = books.data.reference_add_many(
        [DataReferenceMulti("source", many.uuids[0], pub, target_collection=publishers.name)]
    )
    assert not added.has_errors
    assert _titles(books, from_publisher.equal("Pub")) == {"one", "two"}
    books.data.reference_delete(one, "source", ReferenceToMulti(publishers.name, pub))
    assert _titles(books, from_publisher.equal("Pub")) == {"two"}


def test_refused_references_carry_the_reason(
    library: tuple[Collection, Collection, Collection],
) -> None:
    authors, _, books = library
    ann = authors.data.insert({"name": "Ann"})
    one = books.data.insert({"title": "one"})
    result = books.data.reference_add_many(
        [
            DataReference(from_property="author", from_uuid=one, to_uuid=ann),
            DataReference(from_property="nosuch", from_uuid=one, to_uuid=ann),
        ]
    )
    assert list(result.errors) == [1]
    assert "nosuch" in result.errors[1].message
    assert result.errors[1].reference.from_uuid == one
    assert _titles(books, by_author("Ann")) == {"one"}


def test_batch_sends_references_after_their_objects(
    client: wvorm_core.WeaviateClient, library: tuple[Collection, Collection, Collection]
) -> None:
    authors, _, books = library
    with client.batch.fixed_size(batch_size=7, concurrent_requests=3) as batch:
        writers = [batch.add_object(authors.name, {"name": f"w{i}"}) for i in range(20)]
        for i in range(50):
            book = batch.add_object(books.name, {"title": f"b{i}"})
            batch.add_reference(book, books.name, "author", writers[i % 20])
            batch.add_reference(book, books.name, "author", [writers[(i + 1) % 20]])
        batch.add_reference(UUID(int=1), books.name, "author", writers[0])
    assert batch.results.references_sent == 101
    assert len(batch.failed_references) == 1
    assert batch.failed_references[0].reference.from_uuid == UUID(int=1)
    assert len(books.query.fetch_objects(filters=authors_count(2), limit=100).objects) == 50
    assert _titles(books, by_author("w3")) == {"b3", "b23", "b43", "b2", "b22", "b42"}


async def test_async_references(
    async_client: wvorm_core.WeaviateAsyncClient,
    library: tuple[Collection, Collection, Collection],
) -> None:
    authors_sync, _, books_sync = library
    authors = async_client.collections.use(authors_sync.name)
    books = async_client.collections.use(books_sync.name)
    ann = await authors.data.insert({"name": "Ann"})
    one = await books.data.insert({"title": "one"})
    await books.data.reference_add(one, "author", ann)
    assert _titles(books_sync, by_author("Ann")) == {"one"}
    added = await books.data.reference_add_many([DataReference("author", one, ann)])
    assert not added.has_errors
    assert _titles(books_sync, authors_count(2)) == {"one"}
    await books.data.reference_delete(one, "author", ann)
    assert _titles(books_sync, by_author("Ann")) == set()
    await books.data.reference_replace(one, "author", [ann])
    assert _titles(books_sync, authors_count(1)) == {"one"}
    await books.data.reference_replace(one, "author", [])
    assert _titles(books_sync, authors_count(0)) == {"one"}
    async with books.batch.dynamic() as batch:
        two = await batch.add_object({"title": "two"})
        await batch.add_reference(two, "author", ann)
    assert batch.number_errors == 0
    assert _titles(books_sync, by_author("Ann")) == {"two"}
