"""Stopword inputs: the built-in presets and a one-off stopword list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from wvorm_core.exceptions import WeaviateInvalidInputError

if TYPE_CHECKING:
    from wvorm_core.outputs.config import StopwordsConfig


class StopwordsPreset(str, Enum):
    """The built-in stopword lists of the inverted index."""

    NONE = "none"
    EN = "en"


@dataclass(frozen=True)
class StopwordsCreate:
    """A stopword list: a built-in preset, plus `additions`, minus `removals`."""

    preset: StopwordsPreset | None = None
    additions: Sequence[str] | None = None
    removals: Sequence[str] | None = None

    def __post_init__(self) -> None:
        for name in ("additions", "removals"):
            words = getattr(self, name)
            if words is None:
                continue
            if isinstance(words, str) or not all(isinstance(w, str) for w in words):
                raise WeaviateInvalidInputError(f"stopwords {name} must be a list of strings")
            object.__setattr__(self, name, tuple(words))
        clash = set(self.additions or ()) & set(self.removals or ())
        if clash:
            raise WeaviateInvalidInputError(f"stopwords: {sorted(clash)} both added and removed")
        if self.preset is not None:
            object.__setattr__(self, "preset", StopwordsPreset(self.preset))

    @classmethod
    def from_config(cls, config: StopwordsConfig) -> StopwordsCreate:
        """The same list as a collection's configured `StopwordsConfig`."""
        return cls(config.preset, config.additions, config.removals)

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {}
        if self.preset is not None:
            out["preset"] = self.preset.value
        if self.additions:
            out["additions"] = list(self.additions)
        if self.removals:
            out["removals"] = list(self.removals)
        return out
