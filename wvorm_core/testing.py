"""A stand-in text vectorizer for tests and demos that must run without a model service.

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
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from wvorm_core.embedded import DEFAULT_MODULES

DIMENSIONS = 256
_WORD = re.compile(r"[a-z0-9]+")


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
