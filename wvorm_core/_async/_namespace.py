"""The base of the server-wide namespaces (`client.backup`, `client.roles`, ...)."""

from __future__ import annotations

from wvorm_core._transport.base import AsyncTransport


class AsyncNamespace:
    """A group of operations that run over the client's transport (asyncio)."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport
