"""Cramps kept aside when the journal cannot take them: first aid never depends on the journal.

When a first-aid episode cannot be saved (the journal is corrupt, from a newer crampcoach,
locked, read-only, the disk is full…), it is written to its own small file under
``<data>/pending/``: atomic and fsynced like the journal, mode 0600 in a 0700 folder, and
checked by the same episode validator before it is written and again when it is read. The
next time a journal opens cleanly, ``merge_into`` adds every pending record under the journal's
lock, skipping ids it already holds (so a crash between the write and the clean-up merges
nothing twice), and then removes the files. If even the side file cannot be written, the
screen shows the episode in plain words to log by hand later (``Kept.where == "screen"``).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from crampcoach.core.errors import ValidationError
from crampcoach.core.models import (
    Episode,
    RoutineRun,
    episode_from_dict,
    episode_to_dict,
    run_from_dict,
    run_to_dict,
)
from crampcoach.store.atomic import atomic_write
from crampcoach.store.errors import JournalError
from crampcoach.store.storage import describe_os_error

if TYPE_CHECKING:
    from crampcoach.store.tinydb_table import JournalDB

PENDING_DIR = "pending"
FORMAT = 1
_PREFIX, _SUFFIX = "episode-", ".json"


@dataclass(frozen=True)
class Kept:
    """Where a first-aid episode went: "journal", "pending" (a side file) or "screen"."""

    where: str
    path: Path | None
    why: str = ""  # why it is not in the journal (empty when it is)


def pending_dir(root: Path) -> Path:
    return Path(root) / PENDING_DIR


def pending_files(root: Path) -> list[Path]:
    try:
        names = os.listdir(pending_dir(root))
    except OSError:  # no folder (the usual case) or unreadable: nothing to merge
        return []
    return sorted(
        pending_dir(root) / n for n in names if n.startswith(_PREFIX) and n.endswith(_SUFFIX)
    )


def write_pending(root: Path, episode: Episode, runs: Iterable[RoutineRun] = ()) -> Path:
    """Keep one episode (and the runs that went with it) in its own durable file."""
    doc: dict[str, Any] = {
        "format": FORMAT,
        "episode": episode_to_dict(episode),
        "runs": [run_to_dict(r) for r in runs],
    }
    episode_from_dict(doc["episode"])  # the same gate as the journal: keep only what will load
    folder = pending_dir(root)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    path = folder / f"{_PREFIX}{episode.id}{_SUFFIX}"
    atomic_write(path, orjson.dumps(doc, option=orjson.OPT_SORT_KEYS), mode=0o600)
    return path


def read_pending(path: Path) -> tuple[Episode, list[RoutineRun]]:
    """One pending file, through the record validators; ValueError when it is not one."""
    doc = orjson.loads(Path(path).read_bytes())
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValueError(f"{path} is not a pending episode file")
    raw_runs = doc.get("runs") or []
    if not isinstance(doc.get("episode"), dict) or not isinstance(raw_runs, list):
        raise ValueError(f"{path} is not a pending episode file")
    episode = episode_from_dict(doc["episode"])
    return episode, [run_from_dict(r) for r in raw_runs]


def keep_episode(
    journal: Any, root: Path, episode: Episode, runs: Iterable[RoutineRun] = ()
) -> Kept:
    """Save to the journal if it can take it; else a side file; else say "screen"."""
    runs = list(runs)
    why = "the journal could not be opened"
    if journal is not None:
        try:
            journal.add_episode(episode)
        except JournalError as exc:
            why = str(exc)
        except OSError as exc:
            why = f"the journal could not be written: {describe_os_error(exc)}"
        else:
            # The episode is what matters; a run that does not save costs nothing.
            for run in runs:
                with contextlib.suppress(JournalError, OSError):
                    journal.add_run(run)
            return Kept("journal", journal.path)
    try:
        return Kept("pending", write_pending(root, episode, runs), why)
    except (OSError, ValidationError) as exc:
        detail = describe_os_error(exc) if isinstance(exc, OSError) else str(exc)
        return Kept("screen", None, f"{why}; the side file could not be written either: {detail}")


def merge_into(journal: Any) -> int:
    """Add pending episodes to a journal that just opened cleanly; return how many were new.

    Runs under the journal's lock; ids already present are skipped, so merging is idempotent.
    A file that does not pass the validators stays where it is; nothing here ever stops the
    journal from opening.
    """
    loaded = _readable_pending(journal.path.parent)
    if not loaded:
        return 0
    try:
        with journal._change() as db:
            episodes = [episode for _, episode, _ in loaded]
            added = _insert_new(db, "episodes", episodes, episode_to_dict)
            runs = [run for _, _, runs in loaded for run in runs]
            _insert_new(db, "routine_runs", runs, run_to_dict)
    except (JournalError, OSError):
        return 0  # kept for the next open
    for path, _, _ in loaded:  # only once the journal's write returned
        with contextlib.suppress(OSError):
            path.unlink()
    if added and journal.notice is None:
        journal.notice = _merged_notice(added)
    return added


def _readable_pending(root: Path) -> list[tuple[Path, Episode, list[RoutineRun]]]:
    """Every side file that reads and passes the validators; the others stay unread."""
    loaded: list[tuple[Path, Episode, list[RoutineRun]]] = []
    for path in pending_files(root):
        with contextlib.suppress(OSError, ValueError, ValidationError):
            loaded.append((path, *read_pending(path)))
    return loaded


def _insert_new(
    db: JournalDB,
    table_name: str,
    records: Iterable[Episode] | Iterable[RoutineRun],
    to_dict: Callable[[Any], dict[str, Any]],
) -> int:
    """Insert the records whose ids the table does not hold yet; return how many."""
    table = db.table(table_name)
    batch: set[str] = set()
    fresh = []
    for record in records:
        if record.id not in batch and not table.holds_id(record.id):
            batch.add(record.id)
            fresh.append(to_dict(record))
    if fresh:
        table.insert_multiple(fresh)
    return len(fresh)


def _merged_notice(added: int) -> str:
    what = "1 cramp" if added == 1 else f"{added} cramps"
    was = "was" if added == 1 else "were"
    return f"{what} kept aside by first aid while the journal could not be used {was} added to it."
