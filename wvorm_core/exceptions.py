"""The errors wvorm_core raises: one small hierarchy under `WeaviateError`."""

from __future__ import annotations


class WeaviateError(Exception):
    """Base class of every error raised by wvorm_core."""


class WeaviateConnectionError(WeaviateError):
    """The server could not be reached (refused, unreachable, TLS failure, gRPC UNAVAILABLE)."""


class WeaviateTimeoutError(WeaviateError):
    """A request did not finish within its timeout."""


class WeaviateAuthenticationError(WeaviateError):
    """The server refused the credentials (HTTP 401, gRPC UNAUTHENTICATED), or the user they
    name may not do what was asked (`InsufficientPermissionsError`)."""


class WeaviateInvalidInputError(WeaviateError, ValueError):
    """An argument is invalid; raised before anything is sent."""


class WeaviateInsertInvalidPropertyError(WeaviateInvalidInputError):
    """An object to insert has `id` or `vector` among its properties."""


class WeaviateInsertManyAllFailedError(WeaviateError):
    """The official client raises this when every object of `insert_many` failed.

    wvorm_core does not: `insert_many` returns every refusal in `errors` also when all
    objects failed, so nothing is lost. The class exists so that v4 code importing it (for an
    `except` clause) keeps importing.
    """


class WeaviateUnsupportedFeatureError(WeaviateError):
    """The connected server is too old for a feature."""

    def __init__(self, feature: str, needed: str, server: str) -> None:
        super().__init__(f"{feature} needs Weaviate {needed} or newer; the server is {server}")
        self.feature = feature
        self.needed = needed
        self.server = server


class WeaviateServerError(WeaviateError):
    """The server answered with an error; `status` is the HTTP status or the gRPC code name."""

    def __init__(self, status: int | str, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message


class UnexpectedStatusCodeError(WeaviateServerError):
    """A REST call answered with a status other than the expected ones."""

    def __init__(self, context: str, status: int, message: str) -> None:
        super().__init__(status, f"{context}: {message}")
        self.status_code = status


class InsufficientPermissionsError(WeaviateServerError, WeaviateAuthenticationError):
    """The user is known but lacks a permission for the request (HTTP 403, gRPC
    PERMISSION_DENIED); `message` is the server's, naming the missing permission."""


class WeaviateQueryError(WeaviateServerError):
    """A gRPC call failed on the server side; `status` is the gRPC status code name."""


class BackupFailedError(WeaviateError):
    """A backup or restore waited for ended FAILED; the message carries the server's error."""


class BackupCanceledError(WeaviateError):
    """A backup or restore waited for was canceled."""


class ExportFailedError(WeaviateError):
    """An export waited for ended FAILED; the message carries the server's error."""


class ExportCanceledError(WeaviateError):
    """An export waited for was canceled."""


class EmbeddedServerError(WeaviateError):
    """The local weaviate-server could not be installed, started or stopped."""


# The official client's names, where one of the errors above means the same thing.
WeaviateBaseError = WeaviateError
WeaviateStartUpError = WeaviateConnectionError
"""Connecting failed (the official client's name; wvorm_core raises it for any unreachable
server, also after connecting)."""
WeaviateGRPCUnavailableError = WeaviateConnectionError
AuthenticationFailedError = WeaviateAuthenticationError
AuthenticationFailedException = WeaviateAuthenticationError
UnexpectedStatusCodeException = UnexpectedStatusCodeError
WeaviateQueryException = WeaviateQueryError
WeaviateInvalidInputException = WeaviateInvalidInputError
BackupFailedException = BackupFailedError
