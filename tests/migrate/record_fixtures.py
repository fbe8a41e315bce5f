"""Record the class JSON fixtures of `tests/migrate/fixtures/` from a real server.

Run `.venv/bin/python tests/migrate/record_fixtures.py` to write them again (the server binary
of `wvorm-server install`, the offline modules, `ASYNC_INDEXING=true`).
"""

from __future__ import annotations

import json
import tempfile
import urllib.request
from pathlib import Path

from wvorm_core.classes.config import (
    Configure,
    DataType,
    Property,
    ReferenceProperty,
    ReplicationDeletionStrategy,
    Tokenization,
    collection_schema,
)
from wvorm_core.embedded import EmbeddedOptions, EmbeddedServer
from wvorm_core.testing import LocalVectorizer

FIXTURES = Path(__file__).parent / "fixtures"
IX = Configure.VectorIndex
Q = IX.Quantizer


def bodies() -> dict[str, dict[str, object]]:
    """File name -> the create body of the collection recorded in it."""
    nested = [
        Property(name="street", data_type=DataType.TEXT, description="the street"),
        Property(name="number", data_type=DataType.INT),
    ]
    book = collection_schema(
        "Book",
        description="A book.",
        properties=[
            Property(name="title", data_type=DataType.TEXT, description="the title"),
            Property(name="summary", data_type=DataType.TEXT, index_searchable=False),
            Property(name="tags", data_type=DataType.TEXT_ARRAY, index_filterable=False),
            Property(name="code", data_type=DataType.TEXT, tokenization=Tokenization.FIELD),
            Property(name="pages", data_type=DataType.INT),
            Property(name="price", data_type=DataType.NUMBER, index_range_filters=True),
            Property(name="published", data_type=DataType.DATE),
            Property(name="in_print", data_type=DataType.BOOL),
            Property(name="isbn", data_type=DataType.UUID),
            Property(name="cover", data_type=DataType.BLOB),
            Property(name="shop", data_type=DataType.GEO_COORDINATES),
            Property(name="phone", data_type=DataType.PHONE_NUMBER),
            Property(name="address", data_type=DataType.OBJECT, nested_properties=nested),
            Property(
                name="folded",
                data_type=DataType.TEXT,
                text_analyzer=Configure.text_analyzer(ascii_fold=True),
            ),
        ],
        references=[
            ReferenceProperty("author", "Author"),
            ReferenceProperty.MultiTarget("seller", ["Author", "Book"]),
        ],
        vector_config=[
            Configure.Vectors.text2vec_bigram(name="body", source_properties=["title"]),
            Configure.Vectors.text2vec_transformers(name="deep"),
            Configure.Vectors.self_provided(name="plain"),
            Configure.Vectors.self_provided(name="rq_vec", quantizer=Q.rq()),
            Configure.Vectors.self_provided(name="sq_vec", quantizer=Q.sq()),
            Configure.Vectors.self_provided(name="flat_vec", vector_index_config=IX.flat()),
            Configure.Vectors.self_provided(
                name="flat_bq", vector_index_config=IX.flat(quantizer=Q.bq())
            ),
            Configure.Vectors.self_provided(name="dyn_vec", vector_index_config=IX.dynamic()),
        ],
        inverted_index_config=Configure.inverted_index(
            bm25_b=0.75, bm25_k1=1.2, stopword_presets={"bookish": ["chapter"]}
        ),
        replication_config=Configure.replication(
            deletion_strategy=ReplicationDeletionStrategy.DELETE_ON_CONFLICT
        ),
        generative_config=Configure.Generative.dummy(),
    )
    return {
        "author": collection_schema(
            "Author", properties=[Property(name="name", data_type=DataType.TEXT)]
        ),
        "book": book,
        "diary": collection_schema(
            "Diary",
            properties=[Property(name="entry", data_type=DataType.TEXT)],
            multi_tenancy_config=Configure.multi_tenancy(),
        ),
    }


def request(base: str, method: str, path: str, body: object = None) -> object:
    data = None if body is None else json.dumps(body).encode()
    sent = urllib.request.Request(
        f"{base}{path}", data=data, method=method, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(sent) as reply:
        return json.loads(reply.read())


def main() -> None:
    FIXTURES.mkdir(exist_ok=True)
    with LocalVectorizer() as vectorizer, tempfile.TemporaryDirectory() as data:
        options = EmbeddedOptions(
            port=0,
            grpc_port=0,
            persistence_data_path=data,
            environment_variables={**vectorizer.environment(), "ASYNC_INDEXING": "true"},
        )
        with EmbeddedServer(options) as server:
            base = f"http://{server.host}:{server.port}/v1"
            version = request(base, "GET", "/meta")
            for name, body in bodies().items():
                request(base, "POST", "/schema", body)
                recorded = request(base, "GET", f"/schema/{body['class']}")
                assert isinstance(version, dict)
                document = {"server_version": version["version"], "class": recorded}
                text = json.dumps(document, indent=1, sort_keys=True)
                (FIXTURES / f"{name}.json").write_text(text + "\n")


if __name__ == "__main__":
    main()
