"""Tokenization, raw object reads, raw GraphQL and the OIDC settings (docs/tools.md)."""

from __future__ import annotations

from uuid import UUID

from wvorm_core import WeaviateClient
from wvorm_core.classes.config import Configure, StopwordsPreset
from wvorm_core.classes.tokenization import StopwordsCreate, Tokenization


# --8<-- [start:tokenize]
def tokens(client: WeaviateClient, collection: str) -> list[str]:
    """How the same text is tokenized in different ways."""
    word = client.tokenization.text("The Quick brown-fox", Tokenization.WORD)
    print(word.indexed, word.query)  # the index keeps "the"; queries drop it (stopword)
    keep_all = client.tokenization.text(
        "The fox", Tokenization.WORD, stopwords=StopwordsCreate(preset=StopwordsPreset.NONE)
    )
    folded = client.tokenization.text(
        "Crème brûlée", Tokenization.WORD, analyzer_config=Configure.text_analyzer(ascii_fold=True)
    )
    print(keep_all.query, folded.indexed)
    # As a property of a collection indexes it (its tokenization and stopwords):
    return client.tokenization.for_property(collection, "title", "Hello, World").indexed


# --8<-- [end:tokenize]


# --8<-- [start:debug]
def raw_object(client: WeaviateClient, collection: str, uuid: UUID) -> dict[str, object] | None:
    """The object as stored, over REST (no search involved)."""
    stored = client.debug.get_object_over_rest(collection, uuid)
    if stored is None:
        return None
    print(stored.creation_time.isoformat(), stored.vector)
    return stored.properties


# --8<-- [end:debug]


# --8<-- [start:graphql]
def count_with_graphql(client: WeaviateClient, collection: str) -> object:
    """Deprecated: Weaviate retires GraphQL after May 2027; this warns DeprecationWarning."""
    result = client.graphql_raw_query(f"{{ Aggregate {{ {collection} {{ meta {{ count }} }} }} }}")
    if result.errors:
        raise RuntimeError(result.errors)
    return result.aggregate[collection]


# --8<-- [end:graphql]


# --8<-- [start:oidc]
def identity_provider(client: WeaviateClient) -> str | None:
    """The OIDC issuer the server trusts, or None when it has no OIDC configured."""
    config = client.get_open_id_configuration()
    return config["href"] if config else None


# --8<-- [end:oidc]
