# Generated from wvorm_core/_async/tokenization.py by scripts/unasync.py; do not edit.
"""`client.tokenization`: how Weaviate splits text into tokens (Weaviate 1.37+)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, overload

from wvorm_core._ops import tokenization as tokenize_ops
from wvorm_core._ops.server import ServerVersion
from wvorm_core._transport.base import Transport
from wvorm_core.classes.config import TextAnalyzerConfigCreate, Tokenization
from wvorm_core.classes.tokenization import StopwordsCreate
from wvorm_core.outputs.tokenization import TokenizeResult

if TYPE_CHECKING:
    from wvorm_core.outputs.config import StopwordsConfig


class TokenizationNamespace:
    """Tokenize text as the inverted index and queries would (blocking)."""

    def __init__(self, transport: Transport, version: Callable[[], ServerVersion]) -> None:
        self._transport = transport
        self._version = version

    @overload
    def text(
        self,
        text: str,
        tokenization: Tokenization,
        *,
        analyzer_config: TextAnalyzerConfigCreate | None = None,
        stopwords: StopwordsCreate | StopwordsConfig | None = None,
    ) -> TokenizeResult: ...

    @overload
    def text(
        self,
        text: str,
        tokenization: Tokenization,
        *,
        analyzer_config: TextAnalyzerConfigCreate | None = None,
        stopword_presets: Mapping[str, Sequence[str]] | None = None,
    ) -> TokenizeResult: ...

    def text(
        self,
        text: str,
        tokenization: Tokenization,
        *,
        analyzer_config: TextAnalyzerConfigCreate | None = None,
        stopwords: StopwordsCreate | StopwordsConfig | None = None,
        stopword_presets: Mapping[str, Sequence[str]] | None = None,
    ) -> TokenizeResult:
        """Tokenize `text` with `tokenization`. Stopwords apply to the `query` tokens: the
        server's default for WORD is the `en` preset; give `stopwords` (a one-off list) or
        `stopword_presets` (named lists that `analyzer_config.stopword_preset` picks)."""
        return self._transport.run(
            tokenize_ops.text(
                self._version(), text, tokenization, analyzer_config, stopwords, stopword_presets
            )
        )

    def for_property(self, collection: str, property_name: str, text: str) -> TokenizeResult:
        """Tokenize `text` as `collection`'s text property `property_name` is indexed."""
        return self._transport.run(
            tokenize_ops.for_property(self._version(), collection, property_name, text)
        )
