"""What a Weaviate v1.39.2 server stores for settings a schema leaves out.

Recorded from a real server (`tests/migrate/record_fixtures.py` writes the collections these
come from into `tests/migrate/fixtures/`); `tests/migrate/test_snapshot_live.py` proves them
against a running server.
"""

from __future__ import annotations

from wvorm.migrate._json import JsonObject

INVERTED_INDEX: JsonObject = {
    "bm25": {"b": 0.75, "k1": 1.2},
    "cleanupIntervalSeconds": 60,
    "indexNullState": False,
    "indexPropertyLength": False,
    "indexTimestamps": False,
    "stopwords": {"preset": "en"},
    "usingBlockMaxWAND": True,
}
MULTI_TENANCY: JsonObject = {
    "enabled": False,
    "autoTenantCreation": False,
    "autoTenantActivation": False,
}
REPLICATION: JsonObject = {
    "factor": 1,
    "asyncEnabled": False,
    "deletionStrategy": "TimeBasedResolution",
}
SHARDING: JsonObject = {
    "virtualPerPhysical": 128,
    "function": "murmur3",
    "key": "_id",
    "strategy": "hash",
}
"""`desiredCount` is left out: it defaults to the number of nodes, which only the server knows."""

_MULTIVECTOR: JsonObject = {
    "enabled": False,
    "aggregation": "maxSim",
    "muvera": {"enabled": False, "ksim": 4, "dprojections": 16, "repetitions": 10},
}
HNSW: JsonObject = {
    "skip": False,
    "cleanupIntervalSeconds": 300,
    "maxConnections": 32,
    "efConstruction": 128,
    "ef": -1,
    "dynamicEfMin": 100,
    "dynamicEfMax": 500,
    "dynamicEfFactor": 8,
    "vectorCacheMaxObjects": 1000000000000,
    "flatSearchCutoff": 40000,
    "distance": "cosine",
    "filterStrategy": "acorn",
    "multivector": _MULTIVECTOR,
    "pq": {
        "enabled": False,
        "bitCompression": False,
        "segments": 0,
        "centroids": 256,
        "trainingLimit": 100000,
        "encoder": {"type": "kmeans", "distribution": "log-normal"},
    },
    "bq": {"enabled": False},
    "sq": {"enabled": False, "trainingLimit": 100000, "rescoreLimit": 20},
    "rq": {"enabled": False, "bits": 8, "rescoreLimit": 20},
}
"""The server keeps only these keys (an HNSW `bq` keeps `enabled` alone: `cache` and
`rescoreLimit` given at creation are dropped)."""

FLAT: JsonObject = {
    "distance": "cosine",
    "vectorCacheMaxObjects": 1000000000000,
    "pq": {"enabled": False, "cache": False, "rescoreLimit": -1},
    "bq": {"enabled": False, "cache": False, "rescoreLimit": -1},
    "sq": {"enabled": False, "cache": False, "rescoreLimit": -1},
    "rq": {"enabled": False, "cache": False, "rescoreLimit": -1, "bits": 8},
}
DYNAMIC: JsonObject = {"distance": "cosine", "threshold": 10000, "hnsw": HNSW, "flat": FLAT}
VECTOR_INDEXES: dict[str, JsonObject] = {"hnsw": HNSW, "flat": FLAT, "dynamic": DYNAMIC}

VECTORIZER_SETTINGS: dict[str, JsonObject] = {
    "text2vec-transformers": {"poolingStrategy": "masked_mean", "vectorizeClassName": True},
    "text2vec-bigram": {"vectorizeClassName": True},
}
"""Settings the server adds to a named vector's module; other `text2vec-*` modules add
`vectorizeClassName: true` too (modules the test server does not run add more, see the
diff's rule for module settings)."""

TEXT2VEC_SETTINGS: JsonObject = {"vectorizeClassName": True}
QUANTIZERS = ("pq", "bq", "sq", "rq")
