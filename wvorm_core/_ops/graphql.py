"""Raw GraphQL (`POST /v1/graphql`) and the OIDC discovery document of the server."""

from __future__ import annotations

from wvorm_core._ops import json_values as jv
from wvorm_core._ops.calls import Op, RestRequest, RestResponse, rest, status_error
from wvorm_core.exceptions import WeaviateError, WeaviateInvalidInputError
from wvorm_core.outputs.graphql import OpenIDConfiguration, RawGQLReturn

GRAPHQL_DEPRECATION = (
    "graphql_raw_query is deprecated: Weaviate retires its GraphQL API after May 2027; "
    "use the collection query, aggregate and generate namespaces (gRPC) instead"
)


def _section(data: jv.JsonObject, key: str) -> dict[str, object]:
    return dict(jv.obj(data.get(key)))


def raw_query(gql_query: str) -> Op[RawGQLReturn]:
    """Send a GraphQL query string as it is (the fronts warn `GRAPHQL_DEPRECATION`)."""
    if not isinstance(gql_query, str) or not gql_query.strip():
        raise WeaviateInvalidInputError(f"gql_query must be a non-empty string, got {gql_query!r}")
    reply = yield from rest("POST", "/graphql", json={"query": gql_query}, context="GraphQL query")
    body = reply.json()
    if not isinstance(body, dict):
        raise WeaviateError(f"GraphQL query: unexpected reply {reply.body[:200]!r}")
    data = jv.obj(body.get("data"))
    errors = body.get("errors")
    return RawGQLReturn(
        aggregate=_section(data, "Aggregate"),
        explore=_section(data, "Explore"),
        get=_section(data, "Get"),
        errors=[dict(jv.obj(e)) for e in errors] if isinstance(errors, list) else None,
    )


def open_id_configuration() -> Op[OpenIDConfiguration | None]:
    """The server's OIDC settings, or None when it has no OIDC configured (404)."""
    reply = yield RestRequest(
        "GET", "/.well-known/openid-configuration", timeout="init", authenticated=False
    )
    if not isinstance(reply, RestResponse):
        raise TypeError(f"OIDC configuration: the transport answered {type(reply).__name__}")
    if reply.status == 404:
        return None
    if reply.status != 200:
        raise status_error("get the OIDC configuration", reply)
    body = jv.obj(reply.json())
    href, client_id = body.get("href"), body.get("clientId")
    if not isinstance(href, str) or not isinstance(client_id, str):
        raise WeaviateError(f"unexpected OIDC configuration {reply.body[:200]!r}")
    config: OpenIDConfiguration = {"href": href, "clientId": client_id}
    if (scopes := jv.strings(body.get("scopes"))) is not None:
        config["scopes"] = list(scopes)
    return config
