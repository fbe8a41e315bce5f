# Generated from wvorm_core/_async/debug.py by scripts/unasync.py; do not edit.
"""`client.debug`: raw reads that bypass search, for debugging."""

from __future__ import annotations

from uuid import UUID

from wvorm_core._ops import debug
from wvorm_core._sync._namespace import Namespace
from wvorm_core.classes.config import ConsistencyLevel
from wvorm_core.classes.debug import DebugRESTObject


class DebugNamespace(Namespace):
    """Debugging reads (blocking)."""

    def get_object_over_rest(
        self,
        collection: str,
        uuid: UUID | str,
        *,
        consistency_level: ConsistencyLevel | None = None,
        node_name: str | None = None,
        tenant: str | None = None,
    ) -> DebugRESTObject | None:
        """One object as stored, over REST rather than gRPC search (from one node with
        `node_name`); None if it does not exist."""
        return self._transport.run(
            debug.get_object(collection, uuid, consistency_level, node_name, tenant)
        )
