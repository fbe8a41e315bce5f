"""Stand-ins for tests: a scripted transport in place of the network, and a local vectorizer.

`ScriptedTransport` / `AsyncScriptedTransport` answer every request a client sends from a
function you write, so code built on `wvorm_core` (or `wvorm`) can be tested without a
server, as httpx's `MockTransport` does for HTTP:

    def answer(request: Call) -> object:
        if isinstance(request, RestRequest) and request.path == "/meta":
            return json_response({"version": "1.39.2"})
        ...

    client = WeaviateClient(transport=ScriptedTransport(answer), skip_init_checks=True)

`LocalVectorizer` serves the `text2vec-transformers` inference API on loopback and turns text
into a deterministic feature-hashing vector (words and their character trigrams), so texts
that share words or word pieces land near each other. It is not a language model.

    with LocalVectorizer() as vectorizer:
        client = connect_to_embedded(environment_variables=vectorizer.environment())
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import threading
from collections.abc import Callable, Generator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TypeVar

from google.protobuf.message import Message

from wvorm_core._ops.calls import Call, GrpcRequest, Op, RestRequest, RestResponse
from wvorm_core._transport.base import AsyncStream, drive, drive_async
from wvorm_core._transport.common import DEFAULT_GRPC_MAX_MESSAGE_SIZE
from wvorm_core.embedded import DEFAULT_MODULES

__all__ = [
    "AsyncScriptedTransport",
    "Call",
    "GrpcRequest",
    "LocalVectorizer",
    "RestRequest",
    "RestResponse",
    "ScriptedTransport",
    "json_response",
    "vectorize",
]

T = TypeVar("T")

DIMENSIONS = 256
_WORD = re.compile(r"[a-z0-9]+")


def json_response(body: object, status: int = 200) -> RestResponse:
    """A REST reply with `body` as its JSON."""
    return RestResponse(status, json.dumps(body).encode())


class _Script:
    """The handler, the requests it answered, and the check of its replies; both scripted
    transports run on it."""

    def __init__(
        self,
        handler: Callable[[Call], object],
        grpc_max_message_size: int = DEFAULT_GRPC_MAX_MESSAGE_SIZE,
    ) -> None:
        self.requests: list[Call] = []
        self._handler = handler
        self._max_message_size = grpc_max_message_size

    @property
    def grpc_max_message_size(self) -> int:
        return self._max_message_size

    def answer(self, call: Call) -> object:
        """The handler's reply to `call`, as the operation expects it (gRPC bytes parsed)."""
        self.requests.append(call)
        reply = self._handler(call)
        if isinstance(call, GrpcRequest):
            if isinstance(reply, (bytes, bytearray)):
                return call.reply_type.FromString(bytes(reply))
            if not isinstance(reply, call.reply_type):
                raise TypeError(
                    f"the script answered {call.method} with {type(reply).__name__}, "
                    f"not {call.reply_type.__name__}"
                )
        elif not isinstance(reply, RestResponse):
            raise TypeError(
                f"the script answered {call.method} {call.path} with {type(reply).__name__}, "
                "not a RestResponse"
            )
        return reply


class ScriptedTransport(_Script):
    """A blocking transport whose replies come from `handler` instead of a server.

    `handler` gets each request an operation sends (`RestRequest` or `GrpcRequest`) and
    returns the reply (a `RestResponse`; for gRPC the reply message or its wire bytes), or
    raises a `WeaviateError`, which reaches the operation as a failed call would. Every
    request is kept in `requests`, in order. gRPC streams are not scripted.
    """

    def run(self, op: Op[T]) -> T:
        return drive(op, self.answer)

    def stream(
        self, method: str, requests: Iterator[Message | bytes], reply_type: type[Message]
    ) -> Generator[Message, None, None]:
        raise NotImplementedError(f"ScriptedTransport does not script the {method} stream")

    def close(self) -> None:
        """Nothing to close."""


class AsyncScriptedTransport(_Script):
    """`ScriptedTransport` for the asyncio client (the same plain `handler` function)."""

    async def _answer(self, call: Call) -> object:
        return self.answer(call)

    async def run(self, op: Op[T]) -> T:
        return await drive_async(op, self._answer)

    async def stream(self, method: str, reply_type: type[Message]) -> AsyncStream:
        raise NotImplementedError(f"AsyncScriptedTransport does not script the {method} stream")

    async def close(self) -> None:
        """Nothing to close."""


def vectorize(text: str, dimensions: int = DIMENSIONS) -> list[float]:
    """The unit-length hashing vector of `text`."""
    vector = [0.0] * dimensions
    for word in _WORD.findall(text.lower()):
        stem = word[:-1] if len(word) > 3 and word.endswith("s") else word
        padded = f"^{stem}$"
        features = [(stem, 1.0)] + [(padded[i : i + 3], 0.3) for i in range(len(padded) - 2)]
        for feature, weight in features:
            digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
            bucket = int.from_bytes(digest[:4], "little") % dimensions
            vector[bucket] += weight if digest[4] & 1 else -weight
    norm = math.sqrt(sum(v * v for v in vector)) or 1.0
    return [v / norm for v in vector]


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""

    def _reply(self, status: int, body: object = None) -> None:
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path == "/.well-known/ready":
            self._reply(204)
        elif self.path == "/meta":
            self._reply(200, {"model": {"name": "wvorm-hashing", "dimensions": DIMENSIONS}})
        else:
            self._reply(404, {"error": f"no route {self.path}"})

    def do_POST(self) -> None:
        if self.path.rstrip("/") != "/vectors":
            self._reply(404, {"error": f"no route {self.path}"})
            return
        length = int(self.headers.get("Content-Length", "0"))
        try:
            text = json.loads(self.rfile.read(length))["text"]
        except (ValueError, KeyError, TypeError):
            self._reply(400, {"error": "expected a JSON body with a 'text' field"})
            return
        self._reply(200, {"text": text, "vector": vectorize(str(text)), "dim": DIMENSIONS})


class LocalVectorizer:
    """The stand-in inference server; a context manager, serving on 127.0.0.1."""

    def __init__(self, port: int = 0) -> None:
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def environment(self) -> dict[str, str]:
        """Server environment enabling `text2vec-transformers`, pointed at this stand-in."""
        return {
            "TRANSFORMERS_INFERENCE_API": self.url,
            "ENABLE_MODULES": ",".join([*DEFAULT_MODULES, "text2vec-transformers"]),
        }

    def start(self) -> LocalVectorizer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> LocalVectorizer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
