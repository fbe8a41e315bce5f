"""The result of `client.graphql_raw_query` and `client.get_open_id_configuration`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from typing_extensions import NotRequired

__all__ = ["OpenIDConfiguration", "RawGQLReturn"]


@dataclass(frozen=True, slots=True)
class RawGQLReturn:
    """The `data` of a GraphQL reply split by root field (`Get`, `Aggregate`, `Explore`),
    keyed by collection; `errors` as the server sent them, None when there were none."""

    aggregate: dict[str, object]
    explore: dict[str, object]
    get: dict[str, object]
    errors: list[dict[str, object]] | None


class OpenIDConfiguration(TypedDict):
    """The server's OIDC settings (`GET /v1/.well-known/openid-configuration`)."""

    href: str
    clientId: str
    scopes: NotRequired[list[str]]
