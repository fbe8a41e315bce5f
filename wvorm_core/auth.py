"""Credentials, in the shape of the official client's `weaviate.auth`."""

from wvorm_core.classes.init import (
    Auth,
    AuthCredentials,
    _ApiKey,
    _BearerToken,
    _ClientCredentials,
    _ClientPassword,
)

AuthApiKey = _ApiKey
AuthBearerToken = _BearerToken
AuthClientCredentials = _ClientCredentials
AuthClientPassword = _ClientPassword

__all__ = [
    "Auth",
    "AuthApiKey",
    "AuthBearerToken",
    "AuthClientCredentials",
    "AuthClientPassword",
    "AuthCredentials",
]
