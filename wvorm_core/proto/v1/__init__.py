"""Generated ``weaviate.v1`` and ``grpc.health.v1`` message modules (see scripts/gen_protos.py)."""
