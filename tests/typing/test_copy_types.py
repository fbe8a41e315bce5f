"""Static types of `copy_objects` and its report (checked by mypy, never run)."""

from __future__ import annotations

from collections.abc import Mapping
from uuid import UUID

from typing_extensions import assert_type

import wvorm_core
from wvorm.migrate import (
    Conversion,
    CopyReport,
    FailedObject,
    TenantCopy,
    async_copy_objects,
    converter,
    copy_objects,
)


def check_types(client: wvorm_core.WeaviateClient) -> None:
    to_number = converter("int", "number")
    assert_type(to_number, Conversion)
    report = copy_objects(
        client, "A", "A_v2", revectorize=["body"], renames={"new": "old"}, convert={"n": to_number}
    )
    assert_type(report, CopyReport)
    assert_type(report.objects, int)
    assert_type(report.references, int)
    assert_type(report.failed, tuple[FailedObject, ...])
    assert_type(report.failed[0].uuid, UUID)
    assert_type(report.tenants, Mapping[str | None, TenantCopy])
    assert_type(report.tenants[None].source, int)
    assert_type(report.ok, bool)


async def check_async_types(client: wvorm_core.WeaviateAsyncClient) -> None:
    report = await async_copy_objects(client, "A", "A_v2", progress=print)
    assert_type(report, CopyReport)
