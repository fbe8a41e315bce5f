"""Replication inputs, in the shape of the official client's `weaviate.classes.replication`."""

from __future__ import annotations

from enum import Enum

__all__ = ["ReplicationType"]


class ReplicationType(str, Enum):
    """Whether a replica movement keeps the source replica (COPY) or removes it (MOVE)."""

    COPY = "COPY"
    MOVE = "MOVE"
