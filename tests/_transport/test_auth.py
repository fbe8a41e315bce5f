"""OIDC token fetch and refresh as sans-IO exchanges, driven with recorded replies."""

from __future__ import annotations

import json

import pytest

from wvorm_core._ops.calls import RestRequest, RestResponse
from wvorm_core._transport.auth import AuthSession
from wvorm_core.classes.init import Auth
from wvorm_core.exceptions import WeaviateAuthenticationError


def _reply(status: int, body: object) -> RestResponse:
    return RestResponse(status, json.dumps(body).encode())


def _drive(session: AuthSession, replies: list[RestResponse]) -> list[RestRequest]:
    sent: list[RestRequest] = []
    op = session.refresh()
    call = next(op)
    try:
        for reply in replies:
            assert isinstance(call, RestRequest)
            sent.append(call)
            call = op.send(reply)
    except StopIteration:
        return sent
    raise AssertionError(f"the exchange wanted more than {len(replies)} replies")


DISCOVERY = _reply(
    200,
    {
        "href": "http://idp.test/.well-known/openid-configuration",
        "clientId": "wv",
        "scopes": ["openid"],
    },
)
PROVIDER = _reply(200, {"token_endpoint": "http://idp.test/token"})


def test_client_credentials_flow() -> None:
    session = AuthSession(Auth.client_credentials("s3cret", scope="read"))
    assert session.refresh_due()
    assert session.authorization is None
    sent = _drive(
        session, [DISCOVERY, PROVIDER, _reply(200, {"access_token": "T1", "expires_in": 3600})]
    )
    assert [c.path for c in sent] == [
        "/.well-known/openid-configuration",
        "http://idp.test/.well-known/openid-configuration",
        "http://idp.test/token",
    ]
    assert all(not c.authenticated for c in sent)
    assert sent[2].form == {
        "client_id": "wv",
        "grant_type": "client_credentials",
        "client_secret": "s3cret",
        "scope": "read",
    }
    assert session.authorization == "Bearer T1"
    assert not session.refresh_due()


def test_password_flow_uses_server_scopes_by_default() -> None:
    session = AuthSession(Auth.client_password("ann", "pw"))
    sent = _drive(session, [DISCOVERY, PROVIDER, _reply(200, {"access_token": "T2"})])
    assert sent[2].form is not None
    assert sent[2].form["grant_type"] == "password"
    assert sent[2].form["scope"] == "openid"


def test_bearer_token_refreshes_with_its_refresh_token() -> None:
    session = AuthSession(Auth.bearer_token("old", expires_in=0, refresh_token="R"))
    assert session.authorization == "Bearer old"
    assert session.refresh_due()
    reply = _reply(200, {"access_token": "new", "expires_in": 600, "refresh_token": "R2"})
    sent = _drive(session, [DISCOVERY, PROVIDER, reply])
    assert sent[2].form == {"client_id": "wv", "grant_type": "refresh_token", "refresh_token": "R"}
    assert session.authorization == "Bearer new"


def test_api_key_never_refreshes() -> None:
    session = AuthSession(Auth.api_key("k"))
    assert session.authorization == "Bearer k"
    assert not session.refresh_due()


def test_server_without_oidc() -> None:
    session = AuthSession(Auth.client_credentials("s"))
    with pytest.raises(WeaviateAuthenticationError, match="no OIDC configured"):
        _drive(session, [RestResponse(404, b"")])


def test_refused_token_request_names_the_reason_not_the_secret() -> None:
    session = AuthSession(Auth.client_credentials("s3cret"))
    refusal = _reply(401, {"error": "invalid_client"})
    with pytest.raises(WeaviateAuthenticationError, match=r"refused.*invalid_client") as refused:
        _drive(session, [DISCOVERY, PROVIDER, refusal])
    assert "s3cret" not in str(refused.value)
