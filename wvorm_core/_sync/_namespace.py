# Generated from wvorm_core/_async/_namespace.py by scripts/unasync.py; do not edit.
"""The base of the server-wide namespaces (`client.backup`, `client.roles`, ...)."""

from __future__ import annotations

from wvorm_core._transport.base import Transport


class Namespace:
    """A group of operations that run over the client's transport (blocking)."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
