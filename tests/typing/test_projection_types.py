"""Static types of custom projections (checked by mypy, never run)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from typing_extensions import assert_type

from wvorm_core import WeaviateAsyncClient, WeaviateClient
from wvorm_core.projection import Projection, custom_projection


@dataclass
class Row:
    title: str


def row(values: dict[str, Any]) -> Row:
    return Row(**values)


def check_custom_projections(client: WeaviateClient) -> None:
    rows = custom_projection({"title": "title"}, row)
    assert_type(rows, Projection[Row])
    articles = client.collections.use("Article")
    assert_type(articles.query.fetch_objects(return_properties=rows).objects[0].properties, Row)
    assert_type(articles.query.near_text("x", return_properties=rows).objects[0].properties, Row)
    assert_type(articles.generate.bm25("x", return_properties=rows).objects[0].properties, Row)


async def check_async_custom_projections(client: WeaviateAsyncClient) -> None:
    rows = custom_projection({"title": "title"}, row)
    found = await client.collections.use("Article").query.hybrid("x", return_properties=rows)
    assert_type(found.objects[0].properties, Row)
