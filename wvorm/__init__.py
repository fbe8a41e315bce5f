"""wvorm: the Weaviate ORM."""
