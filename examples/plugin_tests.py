"""A user's test module on the wvorm pytest plugin (docs/testing.md); `tests/test_pytest_plugin.py`
runs it as its own pytest session."""

from __future__ import annotations

import pytest

from wvorm_core import WeaviateAsyncClient, WeaviateClient
from wvorm_core.classes.config import DataType, Property
from wvorm_core.pytest_plugin import CollectionFactory


# --8<-- [start:conftest]
@pytest.fixture(scope="session")
def weaviate_server_environment() -> dict[str, str]:
    """Extra settings for the session's server (the plugin's default is none)."""
    return {"QUERY_DEFAULTS_LIMIT": "50"}


# --8<-- [end:conftest]


# --8<-- [start:tests]
def test_insert_and_count(weaviate_collection_factory: CollectionFactory) -> None:
    books = weaviate_collection_factory(
        properties=[Property(name="title", data_type=DataType.TEXT)]
    )  # a unique name such as Test_3f9c0a1b2c4d, deleted after the test
    books.data.insert_many([{"title": "Dune"}, {"title": "Emma"}])
    assert books.aggregate.over_all(total_count=True).total_count == 2


def test_client(weaviate_client: WeaviateClient) -> None:
    assert weaviate_client.is_ready()


async def test_async(weaviate_async_client: WeaviateAsyncClient) -> None:
    assert await weaviate_async_client.is_ready()


# --8<-- [end:tests]
