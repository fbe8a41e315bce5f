"""Custom projections: fetch chosen properties and build each result with your own function.

    rows = custom_projection({"title": "title", "word_count": "words"}, lambda v: Row(**v))
    collection.query.fetch_objects(return_properties=rows)  # QueryReturn[Row, ...]

A `Projection[T]` passed as `return_properties=` to any search types its objects as `T`.
"""

from wvorm_core._ops.models import Projection, custom_projection

__all__ = ["Projection", "custom_projection"]
