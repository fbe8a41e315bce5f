"""Typed queries over the library: what the app asks, as functions of a repository."""

from __future__ import annotations

from pydantic import BaseModel

from library.models import Book
from wvorm import Hit, Repository, desc


class BookCard(BaseModel):
    """What a search result list shows: a projection of `Book`."""

    title: str
    year: int


def books_about(books: Repository[Book], topic: str, limit: int = 3) -> list[Hit[BookCard]]:
    """Books whose title or summary is closest in meaning to `topic`."""
    return books.select(BookCard).near_text(topic, limit=limit)


def recent_in_genre(books: Repository[Book], genre: str, since: int) -> list[Book]:
    """Books of `genre` published in or after `since`, newest first."""
    hits = books.find(
        (Book.year >= since) & Book.genres.contains_any([genre]), order_by=desc(Book.year)
    )
    return [hit.obj for hit in hits]
