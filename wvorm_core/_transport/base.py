"""The seam between the fronts and I/O: what a transport must do, blocking and asyncio.

The fronts only hand operations (`Op[T]`, from `wvorm_core._ops`) to a transport and stream
batches through it. `NetworkTransport` / `AsyncNetworkTransport` talk to a server;
`wvorm_core.testing.ScriptedTransport` answers from a script, for tests without one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Generator, Iterator
from typing import Protocol, TypeVar

from google.protobuf.message import Message

from wvorm_core._ops.calls import Call, Op
from wvorm_core.exceptions import WeaviateError

T = TypeVar("T")


class Transport(Protocol):
    """Runs operations with blocking I/O."""

    @property
    def grpc_max_message_size(self) -> int:
        """The largest gRPC message the server accepts, in bytes."""
        ...

    def run(self, op: Op[T]) -> T:
        """Drive `op` to completion, sending each request it yields."""
        ...

    def stream(
        self, method: str, requests: Iterator[Message | bytes], reply_type: type[Message]
    ) -> Generator[Message, None, None]:
        """A bidirectional gRPC stream: writes `requests` and yields the replies."""
        ...

    def close(self) -> None: ...


class AsyncStream(Protocol):
    """One open bidirectional gRPC stream (asyncio)."""

    async def write(self, request: Message | bytes) -> None: ...

    async def done_writing(self) -> None: ...

    async def read(self) -> Message | None:
        """The next reply, or None once the server has ended the stream."""
        ...

    def cancel(self) -> None: ...


class AsyncTransport(Protocol):
    """Runs operations with asyncio I/O."""

    @property
    def grpc_max_message_size(self) -> int:
        """The largest gRPC message the server accepts, in bytes."""
        ...

    async def run(self, op: Op[T]) -> T:
        """Drive `op` to completion, awaiting each request it yields."""
        ...

    async def stream(self, method: str, reply_type: type[Message]) -> AsyncStream:
        """Open a bidirectional gRPC stream."""
        ...

    async def close(self) -> None: ...


def drive(op: Op[T], send: Callable[[Call], object]) -> T:
    """Run `op`, answering each request it yields with `send(request)`; a `WeaviateError`
    that `send` raises is thrown into the operation, which may handle it."""
    try:
        call = next(op)
        while True:
            try:
                reply = send(call)
            except WeaviateError as error:
                call = op.throw(error)
            else:
                call = op.send(reply)
    except StopIteration as done:
        return done.value  # type: ignore[no-any-return]


async def drive_async(op: Op[T], send: Callable[[Call], Awaitable[object]]) -> T:
    """`drive` for asyncio: each request is answered by awaiting `send(request)`."""
    try:
        call = next(op)
        while True:
            try:
                reply = await send(call)
            except WeaviateError as error:
                call = op.throw(error)
            else:
                call = op.send(reply)
    except StopIteration as done:
        return done.value  # type: ignore[no-any-return]
