"""The collections the inspect tests create: every data type, nested objects two levels deep,
single, multi-target and self references in a cycle, named vectors with quantizers, and
non-default index, replication, sharding, tenancy and module settings.

`PREFIX` stands for the collection name prefix; the tests put a unique one in its place.
"""

from __future__ import annotations

import json

import httpx

PREFIX = "Insp"
_PRIMITIVES = frozenset(
    {
        "text", "text[]", "int", "int[]", "number", "number[]", "boolean", "boolean[]", "date",
        "date[]", "uuid", "uuid[]", "geoCoordinates", "phoneNumber", "blob", "object", "object[]",
    }
)  # fmt: skip


def _p(name: str, data_type: str, **settings: object) -> dict[str, object]:
    return {"name": name, "dataType": [data_type], **settings}


def _ref(name: str, *targets: str) -> dict[str, object]:
    return {"name": name, "dataType": [f"{PREFIX}{t}" for t in targets]}


PERSON: dict[str, object] = {
    "class": f"{PREFIX}Person",
    "description": "People who write articles.",
    "properties": [
        _p("name", "text", description="Full name"),
        _p("firstName", "text", tokenization="field"),
        _p("nicknames", "text[]", indexSearchable=False, tokenization="lowercase"),
        _p("from", "text", indexFilterable=False),
        _p("age", "int", indexRangeFilters=True),
        _p("_private", "boolean"),
        _ref("friend", "Person"),
        _ref("wrote", "Article"),
    ],
}

ARTICLE: dict[str, object] = {
    "class": f"{PREFIX}Article",
    "description": 'Articles, "quoted"',
    "properties": [
        _p("title", "text"),
        _p("tags", "text[]", tokenization="whitespace"),
        _p("words", "int"),
        _p("counts", "int[]"),
        _p("score", "number", indexRangeFilters=True),
        _p("scores", "number[]"),
        _p("draft", "boolean"),
        _p("flags", "boolean[]"),
        _p("published", "date"),
        _p("revisions", "date[]"),
        _p("sourceId", "uuid"),
        _p("sourceIds", "uuid[]"),
        _p("place", "geoCoordinates"),
        _p("phone", "phoneNumber"),
        _p("cover", "blob", moduleConfig={"text2vec-transformers": {"skip": True}}),
        _p(
            "meta",
            "object",
            nestedProperties=[
                _p("source", "text", tokenization="field"),
                _p(
                    "stats",
                    "object",
                    nestedProperties=[_p("views", "int"), _p("ratio", "number")],
                ),
                _p("history", "object[]", nestedProperties=[_p("at", "date"), _p("note", "text")]),
            ],
        ),
        _p(
            "chapters",
            "object[]",
            nestedProperties=[_p("heading", "text"), _p("pages", "int[]")],
            description="Sections in reading order",
        ),
        _ref("author", "Person"),
        _ref("related", "Article", "Person"),
        _ref("cites", "Article"),
    ],
    "vectorConfig": {
        "own": {
            "vectorizer": {"none": {}},
            "vectorIndexType": "hnsw",
            "vectorIndexConfig": {
                "ef": 64,
                "efConstruction": 96,
                "maxConnections": 16,
                "distance": "dot",
                "rq": {"enabled": True, "rescoreLimit": 40},
            },
        },
        "text": {
            "vectorizer": {
                "text2vec-transformers": {"properties": ["title"], "vectorizeClassName": False}
            },
            "vectorIndexType": "flat",
            "vectorIndexConfig": {"bq": {"enabled": True, "rescoreLimit": 100}},
        },
        "summary": {
            "vectorizer": {"text2vec-transformers": {}},
            "vectorIndexType": "hnsw",
            "vectorIndexConfig": {"pq": {"enabled": True, "segments": 8, "centroids": 128}},
        },
    },
    "invertedIndexConfig": {
        "bm25": {"b": 0.7, "k1": 1.1},
        "stopwords": {"preset": "none", "additions": ["lorem"]},
        "indexTimestamps": True,
        "indexNullState": True,
        "cleanupIntervalSeconds": 90,
    },
    "replicationConfig": {"deletionStrategy": "NoAutomatedResolution"},
    "shardingConfig": {"virtualPerPhysical": 64},
    "moduleConfig": {"generative-dummy": {}, "reranker-dummy": {}},
}

TENANTED: dict[str, object] = {
    "class": f"{PREFIX}Tenanted",
    "properties": [_p("body", "text"), _ref("parent", "Tenanted")],
    "vectorConfig": {
        "default": {
            "vectorizer": {"text2vec-bigram": {}},
            "vectorIndexType": "hnsw",
            "vectorIndexConfig": {"sq": {"enabled": True, "trainingLimit": 50000}},
        }
    },
    "multiTenancyConfig": {"enabled": True, "autoTenantCreation": True},
}

SCHEMAS = [PERSON, ARTICLE, TENANTED]


def renamed(value: object, old: str, new: str) -> object:
    """`value` (JSON) with every occurrence of the prefix `old` replaced by `new`."""
    return json.loads(json.dumps(value).replace(old, new))


def is_reference(prop: object) -> bool:
    data_type = prop.get("dataType") if isinstance(prop, dict) else None
    return isinstance(data_type, list) and data_type[0] not in _PRIMITIVES


def create_set(http: httpx.Client, bodies: list[dict[str, object]]) -> None:
    """Create the collections, then their references (they may point at each other)."""
    for body in bodies:
        props = [p for p in body.get("properties", []) if not is_reference(p)]  # type: ignore[attr-defined]
        http.post("/v1/schema", json={**body, "properties": props}).raise_for_status()
    for body in bodies:
        for prop in body.get("properties", []):  # type: ignore[attr-defined]
            if is_reference(prop):
                reply = http.post(f"/v1/schema/{body['class']}/properties", json=prop)
                reply.raise_for_status()


def live(http: httpx.Client, name: str) -> dict[str, object]:
    reply = http.get(f"/v1/schema/{name}")
    reply.raise_for_status()
    schema: dict[str, object] = reply.json()
    return schema
