"""The quick-start demo: a local Weaviate server, a collection, an import, two queries.

Run it with `make demo`. It starts `weaviate-server` (building it once with Go if needed)
and a stand-in text vectorizer, both on loopback, and stops them when done.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import wvorm_core
from wvorm_core.classes.config import Configure, DataType, Property, Tokenization
from wvorm_core.classes.query import Filter, MetadataQuery
from wvorm_core.embedded import free_port
from wvorm_core.testing import LocalVectorizer

DATA = Path(__file__).parent / "data" / "questions.json"


def main() -> None:
    questions = json.loads(DATA.read_text())
    with (
        tempfile.TemporaryDirectory(prefix="wvorm-demo-") as data_path,
        LocalVectorizer() as vectorizer,
        wvorm_core.connect_to_embedded(
            port=free_port(),
            grpc_port=free_port(),
            persistence_data_path=data_path,
            environment_variables=vectorizer.environment(),
        ) as client,
    ):
        print(f"Weaviate {client.server_version} is running: {client}")
        questions_col = client.collections.create(
            "Question",
            properties=[
                Property(name="question", data_type=DataType.TEXT),
                Property(name="answer", data_type=DataType.TEXT),
                Property(name="category", data_type=DataType.TEXT, tokenization=Tokenization.FIELD),
                Property(name="points", data_type=DataType.INT),
            ],
            vector_config=Configure.Vectors.text2vec_transformers(
                source_properties=["question", "answer"]
            ),
        )
        result = questions_col.data.insert_many(questions)
        print(f"imported {len(result.uuids)} questions, {len(result.errors)} refused")

        print("\nnear_text('heart and blood', limit=3):")
        hits = questions_col.query.near_text(
            "heart and blood", limit=3, return_metadata=MetadataQuery(distance=True)
        )
        for hit in hits.objects:
            print(f"  {hit.metadata.distance:.3f}  {hit.properties['question']}")

        print("\nfetch_objects(category == 'astronomy' and points >= 200):")
        where = Filter.by_property("category").equal("astronomy") & Filter.by_property(
            "points"
        ).greater_or_equal(200)
        for hit in questions_col.query.fetch_objects(filters=where).objects:
            print(f"  {hit.properties['points']:>4}  {hit.properties['question']}")


if __name__ == "__main__":
    main()
