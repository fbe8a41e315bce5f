"""Tokenization inputs, in the shape of the official client's `weaviate.classes.tokenization`."""

from __future__ import annotations

from wvorm_core.classes._stopwords import StopwordsCreate, StopwordsPreset
from wvorm_core.classes.config import TextAnalyzerConfigCreate, Tokenization
from wvorm_core.outputs.tokenization import TokenizeResult

__all__ = [
    "StopwordsCreate",
    "StopwordsPreset",
    "TextAnalyzerConfigCreate",
    "Tokenization",
    "TokenizeResult",
]
