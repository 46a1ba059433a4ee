"""Where crampcoach keeps its files: one place, so tests and --data-dir replace it."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "CRAMPCOACH_DATA_DIR"
JOURNAL_NAME = "journal.json"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir wins, then CRAMPCOACH_DATA_DIR, then the platform's user data dir."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("crampcoach", appauthor=False)


def journal_path(root: Path) -> Path:
    return root / JOURNAL_NAME


def backups_dir(root: Path) -> Path:
    return root / "backups"


def user_routines_dir(root: Path) -> Path:
    return root / "routines"
