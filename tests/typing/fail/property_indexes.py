from wvorm_core.collections import Collection


def reindex(collection: Collection) -> None:
    collection.config.delete_property_index("a", "vector")  # E: Argument 2 to "delete_property_index" of "Config" has incompatible type
    collection.config.update_property_index("a", "searchable", algorithm="wand")  # E: Argument "algorithm" to "update_property_index" of "Config" has incompatible type
    collection.config.update_property_index("a", "searchable", tokenization="word")  # E: Argument "tokenization" to "update_property_index" of "Config" has incompatible type
