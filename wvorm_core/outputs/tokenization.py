"""Tokenization results, in the shape of the official client's `weaviate.outputs.tokenization`."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["TokenizeResult"]


@dataclass(frozen=True, slots=True)
class TokenizeResult:
    """The tokens of a text as the inverted index stores them (`indexed`) and as a query
    uses them, stopwords removed (`query`)."""

    indexed: list[str]
    query: list[str]
