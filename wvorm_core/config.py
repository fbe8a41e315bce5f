"""Connection settings, in the shape of the official client's `weaviate.config`."""

from wvorm_core.classes.init import AdditionalConfig, Timeout

__all__ = ["AdditionalConfig", "Timeout"]
