"""Typed results of generative searches."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic

from wvorm_core.outputs.query import Group, Object, P, R


@dataclass(slots=True)
class GenerativeObject(Object[P, R]):
    """An object of a generative search, with the text generated for it (`single_prompt`)."""

    generated: str | None = None


@dataclass(slots=True)
class GenerativeGroup(Group[P, R]):
    """A group of a grouped generative search, with the text generated for the group."""

    generated: str | None = None


@dataclass(slots=True)
class GenerativeReturn(Generic[P, R]):
    """The objects of a generative search, and the text generated over all (`grouped_task`)."""

    objects: list[GenerativeObject[P, R]]
    generated: str | None = None
    groups: dict[str, GenerativeGroup[P, R]] = field(default_factory=dict)
