"""Unary gRPC calls over wvorm's own HTTP/2, asyncio: a Protocol driving the sans-IO
`http2_connection.ClientConnection`, and a pool of such connections for coroutines.

The asyncio transport uses this where the sync transport uses `http2.Http2Channel` (plaintext,
no channel options, no proxy); grpc.aio's unary call costs several times the CPU. The loop
feeds each connection as bytes arrive, so an idle one answers PINGs and notices GOAWAY or a
close by itself. Each connection carries one call at a time; a coroutine takes an idle one
(or opens one), makes its call and puts it back. All protocol logic lives in the machine.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from typing import cast

from wvorm_core._transport.http2_connection import (
    MAX_ACK_DELAY,
    MAX_WINDOW,
    ClientConnection,
    ConnectionState,
)
from wvorm_core._transport.http2_events import CallEnded, CallFailed, Event
from wvorm_core._transport.http2_headers import Metadata, RequestHeads


class AsyncConnection(asyncio.Protocol):
    """One HTTP/2 connection on an asyncio transport, carrying one unary call at a time."""

    def __init__(self, window: int = MAX_WINDOW) -> None:
        self.machine = ClientConnection(window)
        self.transport: asyncio.Transport | None = None
        self._loop = asyncio.get_running_loop()
        self.closed: asyncio.Future[None] = self._loop.create_future()
        self._ended: asyncio.Future[CallEnded] | None = None
        self._deadline: float | None = None
        self._deadline_timer: asyncio.TimerHandle | None = None
        self._ack_timer: asyncio.TimerHandle | None = None

    @classmethod
    async def open(cls, host: str, port: int, timeout: float | None) -> AsyncConnection:
        """Connect to `host:port` within `timeout` seconds, or raise `CallFailed`."""
        loop = asyncio.get_running_loop()
        try:
            _, connection = await asyncio.wait_for(loop.create_connection(cls, host, port), timeout)
        except (OSError, asyncio.TimeoutError) as error:
            reason = str(error) or "timed out"
            raise CallFailed("UNAVAILABLE", f"cannot connect to {host}:{port}: {reason}") from None
        return connection

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        self._handle(self.machine.receive_data(data))

    def eof_received(self) -> None:
        self._handle(self.machine.receive_data(b""))

    def connection_lost(self, exc: Exception | None) -> None:
        self._handle(self.machine.connection_lost(str(exc) if exc else "the connection closed"))
        for timer in (self._deadline_timer, self._ack_timer):
            if timer is not None:
                timer.cancel()
        if not self.closed.done():
            self.closed.set_result(None)

    def _handle(self, events: list[Event], acks: bool = False) -> None:
        """Write what the machine has to send (PING acknowledgements within `MAX_ACK_DELAY`),
        close once it is closed, wake the call."""
        transport, machine = self.transport, self.machine
        assert transport is not None
        if (pending := machine.data_to_send(acks=acks)) and not transport.is_closing():
            transport.write(pending)
        if machine.state is ConnectionState.CLOSED:
            transport.close()
        elif machine.acks_waiting and self._ack_timer is None:
            self._ack_timer = self._loop.call_later(MAX_ACK_DELAY, self._send_acks)
        ended = self._ended
        for event in events:
            if type(event) is CallEnded and ended is not None and not ended.done():
                ended.set_result(event)

    async def unary(
        self, head: bytes, request: bytes, limit: int, timeout: float | None
    ) -> bytearray:
        """Make one call within `timeout` seconds: `head` is its header block, `request` its
        message; returns the reply message, or raises `CallFailed`."""
        ended: asyncio.Future[CallEnded] = self._loop.create_future()
        self._ended = ended
        self.machine.send_request(head, request, limit)
        self._handle([])
        if timeout is not None:
            self._deadline = deadline = self._loop.time() + timeout
            timer = self._deadline_timer
            if timer is None or timer.when() > deadline:
                if timer is not None:
                    timer.cancel()
                self._deadline_timer = self._loop.call_at(deadline, self._check_deadline)
        try:
            return (await ended).reply()
        finally:
            self._ended = self._deadline = None

    def _check_deadline(self) -> None:
        """Time out the call in flight if its deadline passed; one timer serves every call."""
        self._deadline_timer = None
        if self._deadline is None:
            return
        if self._loop.time() < self._deadline:
            self._deadline_timer = self._loop.call_at(self._deadline, self._check_deadline)
        else:
            self._handle(self.machine.connection_lost("", timed_out=True))

    def _send_acks(self) -> None:
        self._ack_timer = None
        self._handle([], acks=True)

    def close(self) -> None:
        if self.transport is not None:
            with contextlib.suppress(RuntimeError):  # its loop is closed: nothing to tidy
                self.transport.close()


class AsyncHttp2Channel:
    """Unary gRPC calls to one server over a pool of connections, for the coroutines of one
    event loop at a time (a former loop's connections are dropped).

    A call the server provably never saw is sent once more, on a fresh connection. After a
    fork the child opens its own connections.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._heads = RequestHeads(host, port)
        self._idle: list[AsyncConnection] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pid = os.getpid()

    def __repr__(self) -> str:
        return f"AsyncHttp2Channel({self._heads.authority})"

    async def unary(
        self, method: str, request: bytes, metadata: Metadata, timeout: float | None, limit: int
    ) -> bytearray:
        """The reply to `method` with `request` (each at most `limit` bytes), or `CallFailed`."""
        head = self._heads.block(method, request, metadata, timeout, limit)
        for attempt in (1, 2):
            connection = await self._acquire(timeout, fresh=attempt == 2)
            try:
                return await connection.unary(head, request, limit, timeout)
            except CallFailed as failure:
                if not failure.retry or attempt == 2:
                    raise
            finally:
                self._release(connection)
        raise AssertionError("unreachable")

    async def _acquire(self, timeout: float | None, fresh: bool) -> AsyncConnection:
        loop = asyncio.get_running_loop()
        if self._pid != os.getpid():
            self._idle, self._pid = [], os.getpid()
        if self._loop is not loop:
            await self.close()
            self._loop = loop
        while self._idle and not fresh:
            connection = self._idle.pop()
            if connection.machine.state is ConnectionState.IDLE:
                return connection
            connection.close()
        return await AsyncConnection.open(self.host, self.port, timeout)

    def _release(self, connection: AsyncConnection) -> None:
        if connection.machine.state is ConnectionState.IDLE and self._pid == os.getpid():
            self._idle.append(connection)
        else:
            connection.close()

    async def close(self) -> None:
        """Close the idle connections, waiting for those of the running loop to be closed."""
        idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(c.closed for c in idle if c.closed.get_loop() is loop))
