"""Protobuf messages for the Weaviate gRPC API, registered in a private descriptor pool."""
