"""Input classes in the shape of the official client's `weaviate.classes`."""
