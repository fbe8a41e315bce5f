"""Run the library example: `python -m library` from the `examples/` folder (or `make demo-orm`)."""

from __future__ import annotations

import tempfile

import wvorm
import wvorm_core
from library.models import Author, Book
from library.queries import books_about, recent_in_genre
from wvorm_core.embedded import free_port
from wvorm_core.testing import LocalVectorizer

AUTHORS = [Author(name="Ada Byron", born=1815), Author(name="Mary Shelley", born=1797)]
BOOKS = [
    Book(
        isbn="978-0-01",
        title="Notes on the Analytical Engine",
        summary="How a machine of gears could compute numbers and compose music.",
        year=1843,
        genres=["science", "computing"],
        author=AUTHORS[0],
    ),
    Book(
        isbn="978-0-02",
        title="Frankenstein",
        summary="A scientist builds a creature from the dead and is haunted by it.",
        year=1818,
        genres=["novel", "science"],
        author=AUTHORS[1],
    ),
    Book(
        isbn="978-0-03",
        title="The Last Man",
        summary="A plague empties the earth until one man is left alone.",
        year=1826,
        genres=["novel"],
        author=AUTHORS[1],
    ),
]


def main() -> None:
    with (
        tempfile.TemporaryDirectory(prefix="wvorm-library-") as data_path,
        LocalVectorizer() as vectorizer,
        wvorm_core.connect_to_embedded(
            port=free_port(),
            grpc_port=free_port(),
            persistence_data_path=data_path,
            environment_variables=vectorizer.environment(),
        ) as client,
    ):
        db = wvorm.Database(client)
        db.create_all([Book])  # creates Author first: Book references it
        db.repo(Author).insert_many(AUTHORS)
        books = db.repo(Book)
        result = books.insert_many(BOOKS)
        print(f"stored {len(result.uuids)} books, {len(result.failures)} refused")

        print("\nbooks about 'a machine that computes':")
        for hit in books_about(books, "a machine that computes", limit=2):
            print(f"  {hit.metadata.distance:.3f}  {hit.obj.title} ({hit.obj.year})")

        print("\nscience books since 1800, newest first:")
        for book in recent_in_genre(books, "science", since=1800):
            print(f"  {book.year}  {book.title}")


if __name__ == "__main__":
    main()
