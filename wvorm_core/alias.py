"""`client.alias`: alternative names for collections (Weaviate 1.32+)."""

from wvorm_core._async.alias import AsyncAliasNamespace
from wvorm_core._ops.alias import Alias
from wvorm_core._sync.alias import AliasNamespace

__all__ = ["Alias", "AliasNamespace", "AsyncAliasNamespace"]
