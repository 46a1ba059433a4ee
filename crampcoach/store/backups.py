"""Rolling daily backups beside the journal: validated copies of the last 7 days kept.

Each day may hold two copies: ``journal-YYYY-MM-DD.json``, taken before the day's first
change (today's changes can be undone), and ``journal-YYYY-MM-DD-after.json``, taken after
the day's first save (the newest backup holds today's entries). Migrations add a
``-pre-vN`` copy. Dates come from the clock; a backup dated after today (the clock was
wrong when it was written) never takes one of the 7 slots and is never recommended.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from crampcoach.store.atomic import TEMP_SUFFIX, atomic_write
from crampcoach.store.storage import ParseFailure, dump_journal, parse_journal_bytes

KEEP = 7  # days
PREFIX = "journal-"
AFTER_TAG = "-after"
_NAME_RE = re.compile(r"journal-(\d{4}-\d{2}-\d{2})(-after|-pre-v\d+)?\.json\Z")
RECORD_TABLES = ("episodes", "checkins", "routine_runs")


def backup_name(day: date, tag: str = "") -> str:
    return f"{PREFIX}{day.isoformat()}{tag}.json"


def backup_date(path: Path) -> date | None:
    m = _NAME_RE.match(path.name)
    if m is None:
        return None
    try:
        return date.fromisoformat(m.group(1))
    except ValueError:
        return None


def _order(path: Path) -> tuple[date, int, str]:
    """Newest first: by date, then after-save over before-change over pre-migration."""
    day = backup_date(path) or date.min
    tag = _NAME_RE.match(path.name)
    rank = {AFTER_TAG: 2, None: 1}.get(tag.group(2) if tag else None, 0)
    return (day, rank, path.name)


def list_backups(folder: Path, today: date | None = None) -> list[Path]:
    """Backups, newest first. With ``today``, backups dated after it come last (as if they
    were the oldest): a wrong clock must not make them look like the newest."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"{PREFIX}*.json") if backup_date(p) is not None]
    found.sort(key=_order, reverse=True)
    if today is not None:
        found.sort(key=lambda p: (backup_date(p) or date.min) > today)
    return found


def holds_records(data: dict[str, Any]) -> bool:
    return any(data.get(t) for t in RECORD_TABLES)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    day: date
    episodes: int
    checkins: int

    def describe(self) -> str:
        """E.g. "2 Dec, 1,240 episodes"."""
        what = f"{self.episodes:,} episode{'s' if self.episodes != 1 else ''}"
        if self.checkins:
            what += f", {self.checkins:,} check-in{'s' if self.checkins != 1 else ''}"
        return f"{self.day.day} {self.day.strftime('%b %Y')}, {what}"


def _usable(path: Path) -> dict[str, Any] | None:
    """A backup's data if it parses and passes the same gate as the journal."""
    from crampcoach.core.validate_journal import DamagedRecord, check_records
    from crampcoach.store.migrations import SCHEMA_VERSION, SchemaError, schema_version

    try:
        data = parse_journal_bytes(path.read_bytes())
        if schema_version(data) != SCHEMA_VERSION:
            return None
        check_records(data)
    except (OSError, ParseFailure, SchemaError, DamagedRecord):
        return None
    return data


def newest_useful_backup(folder: Path, today: date) -> BackupInfo | None:
    """The newest backup worth restoring: it parses, passes the gate, holds records and is
    not dated after ``today``."""
    for path in list_backups(folder, today):
        day = backup_date(path)
        if day is None or day > today:
            continue
        data = _usable(path)
        if data is None or not holds_records(data):
            continue
        return BackupInfo(path, day, len(data.get("episodes", {})), len(data.get("checkins", {})))
    return None


def newest_valid_backup(folder: Path) -> Path | None:
    """The newest backup that parses (any date, any content)."""
    for path in list_backups(folder):
        try:
            parse_journal_bytes(path.read_bytes())
        except (OSError, ParseFailure):
            continue
        return path
    return None


def has_backup_for(folder: Path, day: date, *, after: bool = False) -> bool:
    """Is the day's after-save backup there (``after``), or any copy of that day?"""
    if (folder / backup_name(day, AFTER_TAG)).exists():
        return True
    return not after and (folder / backup_name(day)).exists()


def write_backup(
    folder: Path,
    data: dict[str, Any],
    day: date,
    tag: str = "",
    *,
    after: bool = False,
    today: date | None = None,
) -> Path:
    """Write a validated copy (dated ``day``, normally today) through the atomic path, then
    prune to the last KEEP days up to ``today`` (default: ``day``)."""
    from crampcoach.store.atomic import make_private_dirs

    make_private_dirs(folder)
    payload = dump_journal(data)
    parse_journal_bytes(payload)  # never keep a backup we could not restore
    return keep_backup(folder, payload, day, tag, after=after, today=today)


def keep_backup(
    folder: Path,
    payload: bytes,
    day: date,
    tag: str = "",
    *,
    after: bool = False,
    today: date | None = None,
) -> Path:
    """``write_backup`` for bytes known to restore: a journal file's own bytes, as they
    were just parsed and checked (or written) by the journal."""
    from crampcoach.store.atomic import make_private_dirs

    make_private_dirs(folder)
    target = folder / backup_name(day, AFTER_TAG if after else tag)
    atomic_write(target, payload)
    prune(folder, today=today or day)
    return target


def prune(folder: Path, keep: int = KEEP, *, today: date | None = None) -> None:
    """Keep the backups of the ``keep`` newest days; future-dated ones count as oldest."""
    days: list[date] = []
    for path in list_backups(folder, today):
        day = backup_date(path)
        if day is None:
            continue
        if day not in days:
            days.append(day)
        if len(days) > keep:
            with contextlib.suppress(OSError):
                path.unlink()


def has_stale_temps(folder: Path) -> bool:
    return folder.is_dir() and next(folder.glob(f".{PREFIX}*{TEMP_SUFFIX}"), None) is not None


def remove_stale_temps(folder: Path) -> list[Path]:
    """Delete backup temp files a killed writer left behind. Call only under the lock."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for tmp in folder.glob(f".{PREFIX}*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed.append(tmp)
    return removed
