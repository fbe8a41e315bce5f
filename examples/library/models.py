"""The library's collections, declared once as typed models."""

from __future__ import annotations

from typing import Annotated

from wvorm import Field, Prop, Ref, WvModel
from wvorm_core.classes.config import Configure, Tokenization


class Author(WvModel, uuid_from=["name"]):
    """People who write books."""

    name: Prop[str]
    born: Prop[int | None] = Field(default=None)


class Book(
    WvModel,
    vectors=Configure.Vectors.text2vec_transformers(source_properties=["title", "summary"]),
    uuid_from=["isbn"],
):
    """Books, searchable by meaning."""

    isbn: Annotated[Prop[str], Field(tokenization=Tokenization.FIELD)]
    title: Prop[str]
    summary: Prop[str]
    year: Prop[int]
    genres: Prop[list[str]] = Field(default_factory=list)
    author: Ref[Author] = Field(default=None)
