"""Plain REST calls for the live migration tests (the class JSON exactly as the server has it)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from wvorm.migrate import Snapshot, normalize
from wvorm_core.embedded import EmbeddedServer


class RestError(Exception):
    def __init__(self, status: int, body: str) -> None:
        super().__init__(f"{status}: {body}")
        self.status = status
        self.body = body


class Rest:
    """Plain REST calls to the server (the class JSON exactly as the server has it)."""

    def __init__(self, server: EmbeddedServer) -> None:
        self.base = f"http://{server.host}:{server.port}/v1"

    def __call__(self, method: str, path: str, body: object = None) -> object:
        request = urllib.request.Request(
            f"{self.base}{path}",
            data=None if body is None else json.dumps(body).encode(),
            method=method,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request) as reply:
                text = reply.read()
        except urllib.error.HTTPError as error:
            raise RestError(error.code, error.read().decode()) from None
        return json.loads(text) if text else None

    def raw_class(self, name: str) -> dict[str, object]:
        cls = self("GET", f"/schema/{name}")
        assert isinstance(cls, dict)
        return cls

    def live(self) -> Snapshot:
        schema = self("GET", "/schema")
        assert isinstance(schema, dict)
        return normalize(schema["classes"])
