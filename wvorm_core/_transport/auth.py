"""Credentials at run time: the Authorization header, and OIDC token fetch and refresh.

The OIDC exchanges are sans-IO operations, so both transports run the same code.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

from wvorm_core._ops.calls import Op, RestRequest, RestResponse, server_message
from wvorm_core.classes.init import (
    AuthCredentials,
    _ApiKey,
    _BearerToken,
    _ClientCredentials,
    _ClientPassword,
)
from wvorm_core.exceptions import WeaviateAuthenticationError

_REFRESH_MARGIN = 30.0
"""Seconds before expiry at which an OIDC token is refreshed."""


class AuthSession:
    """Holds the current access token for one client and knows how to renew it."""

    def __init__(self, credentials: AuthCredentials | None) -> None:
        self._credentials = credentials
        self._token: str | None = None
        self._refresh_token: str | None = None
        self._expires_at = float("inf")
        self._token_endpoint: str | None = None
        self._client_id = ""
        self._scopes: list[str] = []
        if isinstance(credentials, _ApiKey):
            self._token = credentials.api_key
        elif isinstance(credentials, _BearerToken):
            self._token = credentials.access_token
            self._refresh_token = credentials.refresh_token
            self._expires_at = time.monotonic() + credentials.expires_in

    def __repr__(self) -> str:
        return f"AuthSession({self._credentials!r})"

    @property
    def authorization(self) -> str | None:
        """The `Authorization` header value, or None without credentials."""
        return None if self._token is None else f"Bearer {self._token}"

    def refresh_due(self) -> bool:
        """Whether the token must be fetched or renewed before the next call."""
        if isinstance(self._credentials, (_ClientCredentials, _ClientPassword)):
            return self._token is None or time.monotonic() > self._expires_at - _REFRESH_MARGIN
        return (
            self._refresh_token is not None
            and time.monotonic() > self._expires_at - _REFRESH_MARGIN
        )

    def refresh(self) -> Op[None]:
        """Fetch a new access token from the server's OIDC provider."""
        creds = self._credentials
        if self._token_endpoint is None:
            yield from self._discover()
        assert self._token_endpoint is not None
        form: dict[str, str] = {"client_id": self._client_id}
        if isinstance(creds, _ClientCredentials):
            form.update(grant_type="client_credentials", client_secret=creds.client_secret)
            _add_scope(form, creds.scope or self._scopes)
        elif isinstance(creds, _ClientPassword):
            form.update(grant_type="password", username=creds.username, password=creds.password)
            _add_scope(form, creds.scope or self._scopes)
        elif self._refresh_token is not None:
            form.update(grant_type="refresh_token", refresh_token=self._refresh_token)
        reply = yield RestRequest(
            "POST", self._token_endpoint, form=form, timeout="init", authenticated=False
        )
        assert isinstance(reply, RestResponse)
        body = reply.json()
        if reply.status != 200 or not isinstance(body, dict) or "access_token" not in body:
            raise WeaviateAuthenticationError(
                f"the OIDC provider refused the token request ({reply.status}): "
                f"{server_message(reply.body)}"
            )
        self._token = str(body["access_token"])
        self._expires_at = time.monotonic() + float(body.get("expires_in", 60))
        self._refresh_token = body.get("refresh_token", self._refresh_token)

    def _discover(self) -> Op[None]:
        reply = yield RestRequest(
            "GET", "/.well-known/openid-configuration", timeout="init", authenticated=False
        )
        assert isinstance(reply, RestResponse)
        if reply.status == 404:
            raise WeaviateAuthenticationError(
                "OIDC credentials were given, but the server has no OIDC configured; "
                "use Auth.api_key() or connect without credentials"
            )
        config = _json_object(reply, "the server's OIDC configuration")
        self._client_id = str(config.get("clientId", ""))
        scopes = config.get("scopes")
        self._scopes = [str(s) for s in scopes] if isinstance(scopes, list) else []
        href = config.get("href")
        if not isinstance(href, str):
            raise WeaviateAuthenticationError("the server's OIDC configuration has no 'href'")
        provider = yield RestRequest("GET", href, timeout="init", authenticated=False)
        assert isinstance(provider, RestResponse)
        endpoint = _json_object(provider, "the OIDC provider's configuration").get("token_endpoint")
        if not isinstance(endpoint, str):
            raise WeaviateAuthenticationError("the OIDC provider announces no token_endpoint")
        self._token_endpoint = endpoint


def _add_scope(form: dict[str, str], scope: str | Sequence[str] | None) -> None:
    if scope:
        form["scope"] = scope if isinstance(scope, str) else " ".join(scope)


def _json_object(reply: RestResponse, what: str) -> Mapping[str, object]:
    body = reply.json() if reply.status == 200 else None
    if not isinstance(body, dict):
        raise WeaviateAuthenticationError(f"could not read {what} ({reply.status})")
    return body
