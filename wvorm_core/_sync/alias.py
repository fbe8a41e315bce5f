# Generated from wvorm_core/_async/alias.py by scripts/unasync.py; do not edit.
"""`client.alias`: alternative names for collections (Weaviate 1.32+)."""

from __future__ import annotations

from wvorm_core._ops import alias
from wvorm_core._ops.alias import Alias
from wvorm_core._sync._namespace import Namespace


class AliasNamespace(Namespace):
    """Collection aliases (blocking)."""

    def create(self, *, alias_name: str, target_collection: str) -> None:
        """Make `alias_name` another name of `target_collection`."""
        return self._transport.run(alias.create(alias_name, target_collection))

    def list_all(self, *, collection: str | None = None) -> dict[str, Alias]:
        """All aliases (of `collection`, if given), keyed by alias name."""
        return self._transport.run(alias.list_all(collection))

    def get(self, *, alias_name: str) -> Alias | None:
        """One alias, or None if it does not exist."""
        return self._transport.run(alias.get(alias_name))

    def update(self, *, alias_name: str, new_target_collection: str) -> bool:
        """Point an alias at another collection; False if the alias does not exist."""
        return self._transport.run(alias.update(alias_name, new_target_collection))

    def delete(self, *, alias_name: str) -> bool:
        """Delete an alias (the collection stays); False if it did not exist."""
        return self._transport.run(alias.delete(alias_name))
