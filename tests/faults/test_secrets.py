"""No secret leaks under failure: not in a repr, a DEBUG log record or an exception's text.

A client is given a recognizable API key, bearer token or OIDC client secret, and a module key
header, then driven through wire faults (REST and gRPC, both transports) and refusals by the
server (which has no authentication configured, so it turns credentials down). Everything
printable is collected: reprs of the client, its credentials and config, every exception's
full formatted traceback with its causes, and every log record at DEBUG from every logger.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

import pytest

import wvorm_core
from wvorm_core.classes.init import Auth, AuthCredentials

from .conftest import OUTCOMES, config
from .toxiproxy import Proxy

SECRET = "sEcReT-9f3b2c71d0e84a56"
CREDENTIALS: dict[str, Callable[[str], AuthCredentials]] = {
    "api key": Auth.api_key,
    "bearer token": lambda s: Auth.bearer_token(s, refresh_token=s + "-refresh"),
    "oidc client secret": Auth.client_credentials,
}
FAULTS: list[tuple[str, str, dict[str, int]]] = [
    ("reset_peer", "downstream", {"timeout": 0}),
    ("timeout", "downstream", {"timeout": 0}),
    ("limit_data", "downstream", {"bytes": 100}),
]


def _texts(error: BaseException) -> list[str]:
    formatted = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return [formatted, repr(error), str(error)]


@pytest.mark.parametrize("builtin", [True, False], ids=["builtin", "grpcio"])
@pytest.mark.parametrize("kind", sorted(CREDENTIALS))
def test_no_secret_under_failures(
    proxies: tuple[Proxy, Proxy],
    caplog: pytest.LogCaptureFixture,
    kind: str,
    builtin: bool,
) -> None:
    caplog.set_level(logging.DEBUG)
    rest, grpc = proxies
    credentials = CREDENTIALS[kind](SECRET)
    printed: list[str] = [repr(credentials), str(credentials)]
    failures = 0

    def attempt(call: Callable[[], object]) -> None:
        nonlocal failures
        try:
            printed.append(repr(call()))
        except Exception as error:
            failures += 1
            printed.extend(_texts(error))

    client: wvorm_core.WeaviateClient | None = None

    def connect() -> None:
        nonlocal client
        client = wvorm_core.connect_to_local(
            host="127.0.0.1",
            port=rest.port,
            grpc_port=grpc.port,
            headers={"X-OpenAI-Api-Key": SECRET},
            additional_config=config(builtin),
            auth_credentials=credentials,
        )

    attempt(connect)
    if client is None:  # the OIDC flow needs a server with OIDC: the failure was scanned
        client = wvorm_core.connect_to_local(
            host="127.0.0.1",
            port=rest.port,
            grpc_port=grpc.port,
            headers={"X-OpenAI-Api-Key": SECRET},
            additional_config=config(builtin),
            skip_init_checks=True,
        )
    with client:
        printed += [repr(client), str(client), repr(client._transport)]  # type: ignore[attr-defined]
        calls = [
            lambda: client.collections.list_all(simple=True),
            lambda: client.collections.use("Missing").query.fetch_objects(limit=1),
            lambda: client.collections.use("Missing").data.insert({"a": 1}),
        ]
        for call in calls:
            attempt(call)
        for proxy in (rest, grpc):
            for toxic, stream, attributes in FAULTS:
                with proxy.toxic(toxic, stream, **attributes):
                    for call in calls:
                        attempt(call)
            with proxy.down():
                for call in calls:
                    attempt(call)
    records = [
        text
        for record in caplog.records
        for text in (record.getMessage(), repr(record.args), str(record.__dict__))
    ]
    OUTCOMES[("secrets: failures scanned", "builtin" if builtin else "grpcio", kind)] += failures
    OUTCOMES[("secrets: log records", "builtin" if builtin else "grpcio", kind)] += len(records)
    for text in printed + records:
        assert SECRET not in text, text
    assert failures >= 2 * (len(FAULTS) + 1)  # each fault on each proxy failed a call at least
