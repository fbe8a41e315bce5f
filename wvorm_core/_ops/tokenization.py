"""Tokenization over REST: `/v1/tokenize` and `/v1/schema/{collection}/properties/{name}/tokenize`
(Weaviate 1.37+)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING
from urllib.parse import quote

from wvorm_core._ops import json_values as jv
from wvorm_core._ops.calls import Op, RestResponse, rest
from wvorm_core._ops.server import ServerVersion
from wvorm_core.classes.config import (
    TextAnalyzerConfigCreate,
    Tokenization,
    check_collection_name,
    check_property_name,
)
from wvorm_core.classes.tokenization import StopwordsCreate
from wvorm_core.exceptions import WeaviateError, WeaviateInvalidInputError
from wvorm_core.outputs.tokenization import TokenizeResult

if TYPE_CHECKING:
    from wvorm_core.outputs.config import StopwordsConfig

_FEATURE = ("tokenization", 1, 37)


def _result(reply: RestResponse, context: str) -> TokenizeResult:
    body = reply.json()
    if not isinstance(body, dict):
        raise WeaviateError(f"{context}: unexpected reply {reply.body[:200]!r}")
    return TokenizeResult(
        indexed=list(jv.strings(body.get("indexed")) or ()),
        query=list(jv.strings(body.get("query")) or ()),
    )


def _presets(presets: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, words in presets.items():
        if isinstance(words, (str, bytes)) or not isinstance(words, Sequence):
            raise WeaviateInvalidInputError(
                f"stopword_presets[{name!r}] must be a list of strings, got {type(words).__name__}"
            )
        if not all(isinstance(w, str) for w in words):
            raise WeaviateInvalidInputError(f"stopword_presets[{name!r}] must hold strings only")
        out[name] = list(words)
    return out


def text(
    version: ServerVersion,
    value: str,
    tokenization: Tokenization,
    analyzer_config: TextAnalyzerConfigCreate | None = None,
    stopwords: StopwordsCreate | StopwordsConfig | None = None,
    stopword_presets: Mapping[str, Sequence[str]] | None = None,
) -> Op[TokenizeResult]:
    """`POST /v1/tokenize`: how `value` is split by `tokenization`."""
    version.require(*_FEATURE)
    if not isinstance(value, str):
        raise WeaviateInvalidInputError(f"text must be a string, got {type(value).__name__}")
    try:
        method = Tokenization(tokenization)
    except ValueError:
        raise WeaviateInvalidInputError(
            f"unknown tokenization {tokenization!r}: use a Tokenization"
        ) from None
    if stopwords is not None and stopword_presets is not None:
        raise WeaviateInvalidInputError("give stopwords or stopword_presets, not both")
    body: dict[str, object] = {"text": value, "tokenization": method.value}
    if analyzer_config is not None and (analyzer := analyzer_config.to_dict()):
        body["analyzerConfig"] = analyzer
    if stopwords is not None:
        if not isinstance(stopwords, StopwordsCreate):
            stopwords = StopwordsCreate.from_config(stopwords)
        if words := stopwords.to_dict():
            body["stopwords"] = words
    if stopword_presets is not None:
        body["stopwordPresets"] = _presets(stopword_presets)
    context = f"tokenize text with {method.value!r}"
    reply = yield from rest("POST", "/tokenize", json=body, context=context)
    return _result(reply, context)


def for_property(
    version: ServerVersion, collection: str, property_name: str, value: str
) -> Op[TokenizeResult]:
    """`POST /v1/schema/{collection}/properties/{name}/tokenize`: as the property indexes it."""
    version.require(*_FEATURE)
    if not isinstance(value, str):
        raise WeaviateInvalidInputError(f"text must be a string, got {type(value).__name__}")
    name = check_collection_name(collection)
    prop = check_property_name(property_name)
    context = f"tokenize text for {name}.{prop}"
    reply = yield from rest(
        "POST",
        f"/schema/{quote(name)}/properties/{quote(prop)}/tokenize",
        json={"text": value},
        context=context,
    )
    return _result(reply, context)
