"""What the history collection stores, and the lease that keeps two `apply` runs apart.

History lives in Weaviate itself, in a collection the tool owns: one object per applied
revision (id, parent, checksum, when, from which host, the snapshot it led to). The lease is a
collection of its own: creating a collection is one Raft commit, so of two runs that try at
once exactly one succeeds, and the other reads who holds it from its description.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime
from typing import TypedDict
from uuid import UUID, uuid5

DEFAULT_HISTORY = "WvormMigrations"
_NAMESPACE = UUID("0b7f3c52-6a1e-4c8e-9d55-2f1f8e6a4c10")


class HistoryProperties(TypedDict):
    revision: str
    parent: str
    message: str
    checksum: str
    applied_at: datetime
    host: str
    snapshot: str


@dataclass(frozen=True)
class AppliedRevision:
    """One revision as the history collection records it."""

    revision: str
    parent: str | None
    message: str
    checksum: str
    applied_at: datetime
    host: str
    snapshot: dict[str, dict[str, object]]


class LeaseHeldError(Exception):
    """Another `apply` holds the migration lease; the message names it."""


def history_schema(name: str) -> dict[str, object]:
    """The history collection: plain properties, no vectorizer, nothing searchable but ids."""

    def text(prop: str, filterable: bool = True) -> dict[str, object]:
        return {
            "name": prop,
            "dataType": ["text"],
            "tokenization": "field",
            "indexFilterable": filterable,
            "indexSearchable": False,
        }

    return {
        "class": name,
        "description": "Schema revisions applied by `wvorm migrate apply`.",
        "properties": [
            text("revision"),
            text("parent"),
            text("message", filterable=False),
            text("checksum", filterable=False),
            {"name": "applied_at", "dataType": ["date"]},
            text("host", filterable=False),
            text("snapshot", filterable=False),
        ],
        "vectorConfig": {"default": {"vectorizer": {"none": {}}, "vectorIndexType": "flat"}},
    }


def record_id(revision: str) -> UUID:
    """The history object's uuid: one per revision, so writing it twice changes nothing."""
    return uuid5(_NAMESPACE, revision)


def record(
    revision: str,
    parent: str | None,
    message: str,
    checksum: str,
    applied_at: datetime,
    snapshot: dict[str, dict[str, object]],
) -> HistoryProperties:
    return HistoryProperties(
        revision=revision,
        parent=parent or "",
        message=message,
        checksum=checksum,
        applied_at=applied_at,
        host=socket.gethostname(),
        snapshot=json.dumps(snapshot, sort_keys=True),
    )


def applied(props: HistoryProperties) -> AppliedRevision:
    snapshot = json.loads(props["snapshot"])
    return AppliedRevision(
        revision=props["revision"],
        parent=props["parent"] or None,
        message=props["message"],
        checksum=props["checksum"],
        applied_at=props["applied_at"],
        host=props["host"],
        snapshot=snapshot if isinstance(snapshot, dict) else {},
    )


def lease_name(history: str) -> str:
    return f"{history}Lease"


@dataclass(frozen=True)
class Holder:
    """Who holds the lease: host, process id, since when, and a token only its owner knows."""

    host: str
    pid: int
    since: str
    token: str

    def describe(self) -> str:
        return f"process {self.pid} on {self.host} (since {self.since})"

    def encode(self) -> str:
        return json.dumps(
            {"host": self.host, "pid": self.pid, "since": self.since, "token": self.token}
        )

    @classmethod
    def decode(cls, description: str | None) -> Holder | None:
        try:
            found = json.loads(description or "")
            return cls(str(found["host"]), int(found["pid"]), str(found["since"]), found["token"])
        except (ValueError, KeyError, TypeError):
            return None

    def is_gone(self) -> bool:
        """True when the holder ran on this host and its process no longer exists."""
        if self.host != socket.gethostname():
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False
