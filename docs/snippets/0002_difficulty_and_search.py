"""Difficulty and search.

Written by `wvorm migrate generate` on 2026-12-02 16:31 UTC; review it before applying.
"""

from wvorm.migrate.operations import AddProperty, Reindex, UpdateCollection

revision = "a38357481c23"
parent = "3f01cd78fb32"
message = "difficulty and search"

operations = [
    UpdateCollection(
        collection="Question",
        changes={"description": "Quiz questions, with how hard each one is."},
        previous={"description": "Quiz questions."},
    ),
    UpdateCollection(
        collection="Question",
        changes={"vectorConfig": {"default": {"vectorIndexConfig": {"ef": 128}}}},
        previous={"vectorConfig": {"default": {"vectorIndexConfig": {"ef": 64}}}},
    ),
    AddProperty(
        collection="Question",
        property={
            "indexFilterable": True,
            "indexSearchable": False,
            "indexRangeFilters": False,
            "name": "difficulty",
            "dataType": ["int"],
        },
    ),
    Reindex(collection="Question", property="answer", index="searchable", tokenization="field"),
    Reindex(collection="Question", property="category", index="searchable", tokenization="word"),
]

# The schema this revision leads to: `generate` and `check` diff against it.
snapshot = {
    "Question": {
        "class": "Question",
        "description": "Quiz questions, with how hard each one is.",
        "properties": [
            {
                "indexFilterable": True,
                "indexSearchable": True,
                "indexRangeFilters": False,
                "tokenization": "field",
                "name": "answer",
                "dataType": ["text"],
            },
            {
                "indexFilterable": True,
                "indexSearchable": True,
                "indexRangeFilters": False,
                "tokenization": "word",
                "name": "category",
                "dataType": ["text"],
            },
            {
                "indexFilterable": True,
                "indexSearchable": False,
                "indexRangeFilters": False,
                "name": "difficulty",
                "dataType": ["int"],
            },
            {
                "indexFilterable": True,
                "indexSearchable": True,
                "indexRangeFilters": False,
                "tokenization": "word",
                "name": "question",
                "dataType": ["text"],
            },
        ],
        "vectorConfig": {
            "default": {
                "vectorizer": {"none": {}},
                "vectorIndexType": "hnsw",
                "vectorIndexConfig": {
                    "skip": False,
                    "cleanupIntervalSeconds": 300,
                    "maxConnections": 32,
                    "efConstruction": 128,
                    "ef": 128,
                    "dynamicEfMin": 100,
                    "dynamicEfMax": 500,
                    "dynamicEfFactor": 8,
                    "vectorCacheMaxObjects": 1000000000000,
                    "flatSearchCutoff": 40000,
                    "distance": "cosine",
                    "filterStrategy": "acorn",
                    "multivector": {
                        "enabled": False,
                        "aggregation": "maxSim",
                        "muvera": {
                            "enabled": False,
                            "ksim": 4,
                            "dprojections": 16,
                            "repetitions": 10,
                        },
                    },
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
                },
            },
        },
        "invertedIndexConfig": {
            "bm25": {"b": 0.75, "k1": 1.2},
            "cleanupIntervalSeconds": 60,
            "indexNullState": False,
            "indexPropertyLength": False,
            "indexTimestamps": False,
            "stopwords": {"preset": "en"},
            "usingBlockMaxWAND": True,
        },
        "multiTenancyConfig": {
            "enabled": False,
            "autoTenantCreation": False,
            "autoTenantActivation": False,
        },
        "replicationConfig": {
            "factor": 1,
            "asyncEnabled": False,
            "deletionStrategy": "TimeBasedResolution",
        },
        "shardingConfig": {
            "virtualPerPhysical": 128,
            "function": "murmur3",
            "key": "_id",
            "strategy": "hash",
        },
    },
}
