"""Unary gRPC calls over wvorm's own HTTP/2, blocking: a socket driver for the sans-IO
`http2_connection.ClientConnection`, and a thread-safe pool of such connections.

grpcio's blocking call spends several hundred microseconds of CPU around a unary exchange (its
completion queue and core threads); a plain socket does it for a fraction. The sync transport
uses this for plaintext connections; streams, TLS and proxies stay on grpcio. Each connection
carries one call at a time, so a thread takes an idle connection (or opens one), makes its
call and puts it back. All protocol logic lives in the machine; this module only moves bytes.
"""

from __future__ import annotations

import contextlib
import os
import select
import socket

from wvorm_core._transport.http2_connection import (
    MAX_ACK_DELAY,
    MAX_WINDOW,
    ClientConnection,
    ConnectionState,
)
from wvorm_core._transport.http2_events import CallEnded, CallFailed, Event
from wvorm_core._transport.http2_headers import Metadata, RequestHeads

_RECV_SIZE = 1 << 18


class Connection:
    """One HTTP/2 connection over a blocking socket, carrying one unary call at a time."""

    def __init__(self, host: str, port: int, timeout: float | None, window: int = MAX_WINDOW):
        self.machine = ClientConnection(window)
        try:
            self.sock = socket.create_connection((host, port), timeout)
        except OSError as error:
            raise CallFailed("UNAVAILABLE", f"cannot connect to {host}:{port}: {error}") from None
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.timeout = timeout

    def close(self) -> None:
        self.sock.close()

    def usable(self) -> bool:
        """Whether an idle connection can take a call: handles what the server sent while it
        sat idle, and says no once the server closed it or said it is going away."""
        machine = self.machine  # what it has to send goes out with the call
        try:
            while (
                machine.state is not ConnectionState.CLOSED
                and select.select((self.sock,), (), (), 0)[0]
            ):
                machine.receive_data(self.sock.recv(_RECV_SIZE))
        except OSError:
            return False
        return machine.state is ConnectionState.IDLE

    def unary(self, head: bytes, request: bytes, limit: int) -> bytearray:
        """Make one call: `head` is its header block, `request` its message; returns the reply
        message, or raises `CallFailed`."""
        self.machine.send_request(head, request, limit)
        while True:
            for event in self._exchange():
                if type(event) is CallEnded:
                    if pending := self.machine.data_to_send():
                        with contextlib.suppress(OSError):
                            self.sock.sendall(pending)
                    return event.reply()

    def _exchange(self) -> list[Event]:
        """Write what the machine has to send, then read once; returns what came back. PING
        acknowledgements wait for the next write, or `MAX_ACK_DELAY` without a reply."""
        machine, sock = self.machine, self.sock
        writing = True
        try:
            if pending := machine.data_to_send():
                sock.sendall(pending)
            if machine.acks_waiting and not select.select((sock,), (), (), MAX_ACK_DELAY)[0]:
                sock.sendall(machine.data_to_send(acks=True))
            writing = False
            return machine.receive_data(sock.recv(_RECV_SIZE))
        except OSError as error:
            timed_out = isinstance(error, TimeoutError)
            return machine.connection_lost(str(error), timed_out=timed_out, in_write=writing)


class Http2Channel:
    """Unary gRPC calls to one server over a pool of connections; safe across threads.

    A connection lost while idle is replaced; a call the server provably never saw is sent
    once more, on a fresh connection. After a fork the child opens its own connections.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._heads = RequestHeads(host, port)
        self._idle: list[Connection] = []
        self._pid = os.getpid()

    def __repr__(self) -> str:
        return f"Http2Channel({self._heads.authority})"

    def unary(
        self, method: str, request: bytes, metadata: Metadata, timeout: float | None, limit: int
    ) -> bytearray:
        """The reply to `method` with `request` (each at most `limit` bytes), or `CallFailed`."""
        head = self._heads.block(method, request, metadata, timeout, limit)
        for attempt in (1, 2):
            connection = self._acquire(timeout, fresh=attempt == 2)
            try:
                return connection.unary(head, request, limit)
            except CallFailed as failure:
                if not failure.retry or attempt == 2:
                    raise
            finally:
                self._release(connection)
        raise AssertionError("unreachable")

    def _acquire(self, timeout: float | None, fresh: bool) -> Connection:
        if self._pid != os.getpid():
            self._idle = []
            self._pid = os.getpid()
        while self._idle and not fresh:
            try:
                connection = self._idle.pop()
            except IndexError:
                break
            if connection.usable():
                if connection.timeout != timeout:
                    connection.sock.settimeout(timeout)
                    connection.timeout = timeout
                return connection
            connection.close()
        return Connection(self.host, self.port, timeout)

    def _release(self, connection: Connection) -> None:
        if connection.machine.state is ConnectionState.IDLE and self._pid == os.getpid():
            self._idle.append(connection)
        else:
            connection.close()

    def close(self) -> None:
        while self._idle:
            self._idle.pop().close()
