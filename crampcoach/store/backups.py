"""Rolling daily backups beside the journal: validated copies, the last 7 kept."""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path
from typing import Any

from crampcoach.store.atomic import TEMP_SUFFIX, atomic_write
from crampcoach.store.storage import ParseFailure, dump_journal, parse_journal_bytes

KEEP = 7
PREFIX = "journal-"


def backup_name(day: date, tag: str = "") -> str:
    return f"{PREFIX}{day.isoformat()}{tag}.json"


def list_backups(folder: Path) -> list[Path]:
    """Backups, newest first (names sort by date)."""
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{PREFIX}*.json"), reverse=True)


def newest_valid_backup(folder: Path) -> Path | None:
    for path in list_backups(folder):
        try:
            parse_journal_bytes(path.read_bytes())
        except (OSError, ParseFailure):
            continue
        return path
    return None


def has_backup_for(folder: Path, day: date) -> bool:
    return (folder / backup_name(day)).exists()


def write_backup(folder: Path, data: dict[str, Any], day: date, tag: str = "") -> Path:
    """Write a validated copy through the atomic path, then prune to the last KEEP."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    payload = dump_journal(data)
    parse_journal_bytes(payload)  # never keep a backup we could not restore
    target = folder / backup_name(day, tag)
    atomic_write(target, payload)
    prune(folder)
    return target


def prune(folder: Path, keep: int = KEEP) -> None:
    for old in list_backups(folder)[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()


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
