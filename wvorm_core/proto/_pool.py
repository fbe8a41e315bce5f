"""Private descriptor pool shared by all generated ``*_pb2`` modules.

The official ``weaviate-client`` registers the same ``weaviate.v1`` symbols in
protobuf's default pool; keeping ours separate lets both be imported together.
"""

from google.protobuf import descriptor_pool, struct_pb2

POOL: descriptor_pool.DescriptorPool = descriptor_pool.DescriptorPool()

# Well-known files our .proto sources import must be present before them.
POOL.AddSerializedFile(struct_pb2.DESCRIPTOR.serialized_pb)
