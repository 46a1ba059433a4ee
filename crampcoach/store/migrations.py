"""Schema versions and the pure steps between them.

Each step is ``dict -> dict`` on the whole parsed file, applied in memory; the
result is validated and written once, after a backup of the old file.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

SCHEMA_VERSION = 2
TABLES = ("episodes", "checkins", "routine_runs", "profile", "settings", "meta")

Data = dict[str, Any]


def _v1_to_v2(data: Data) -> Data:
    """Schema 1 kept one ``location`` per episode and had no ``source``."""
    out = copy.deepcopy(data)
    for doc in out.get("episodes", {}).values():
        if "locations" not in doc:
            loc = doc.pop("location", None)
            doc["locations"] = [loc] if loc else []
        doc.setdefault("source", "manual")
    return out


MIGRATIONS: dict[int, Callable[[Data], Data]] = {1: _v1_to_v2}


# A version above ours but below this is a newer crampcoach's; above it, a damaged number.
PLAUSIBLE_VERSION_MAX = 1000


class SchemaError(ValueError):
    """The file's ``meta`` does not declare a version this program knows how to read."""


def schema_version(data: Data) -> int:
    """The version a parsed file declares; a file with records but no meta is version 1.

    Anything but a whole number (``"3"``, ``true``, ``3.0``, 2**70 read as a float), a
    number below 1 or absurdly high, or a meta table without one, raises SchemaError: such
    a file is refused, never "upgraded".
    """
    meta = data.get("meta")
    if not meta:
        has_records = any(data.get(t) for t in TABLES if t != "meta")
        return 1 if has_records else SCHEMA_VERSION
    docs = list(meta.values())
    if len(docs) != 1:
        raise SchemaError(f"its meta table holds {len(docs)} records instead of one")
    if "schema_version" not in docs[0]:
        raise SchemaError("its meta table has no schema_version")
    version = docs[0]["schema_version"]
    if type(version) is not int or not 1 <= version <= PLAUSIBLE_VERSION_MAX:
        shown = repr(version)[:40]
        raise SchemaError(f"its schema_version {shown} is not a version crampcoach knows")
    return version


def set_version(data: Data, version: int) -> Data:
    out = dict(data)
    out["meta"] = {"1": {"schema_version": version}}
    return out


class MigrationError(Exception):
    pass


def migrate(data: Data) -> tuple[Data, int]:
    """Bring ``data`` to SCHEMA_VERSION; returns the new data and the version it had."""
    start = schema_version(data)
    version = start
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise MigrationError(f"no migration from schema {version}")
        data = step(data)
        version += 1
    return set_version(data, SCHEMA_VERSION), start
