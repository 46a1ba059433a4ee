"""Where crampcoach keeps its files: one place, so tests and --data-dir replace it."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "CRAMPCOACH_DATA_DIR"
JOURNAL_NAME = "journal.json"


class BadDataDir(ValueError):
    """The data folder named by --data-dir or the environment cannot be a folder."""


def _expand(value: str | os.PathLike[str], what: str) -> Path:
    text = os.fspath(value)
    if not str(text).strip():
        raise BadDataDir(f"{what} is empty; give a folder, or leave it out for the default")
    if "\x00" in str(text):
        raise BadDataDir(f"{what} contains a NUL character")
    try:
        return Path(text).expanduser()
    except RuntimeError:  # ~nosuchuser
        raise BadDataDir(f"{what} {text}: that user's home folder is unknown") from None


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir wins, then CRAMPCOACH_DATA_DIR, then the platform's user data dir.

    An empty ``--data-dir`` or an unknown ``~user`` raises BadDataDir (never silently the
    default folder). An empty environment variable counts as unset.
    """
    if override is not None:
        return _expand(override, "--data-dir")
    env = os.environ.get(ENV_VAR)
    if env:
        return _expand(env, ENV_VAR)
    from platformdirs import user_data_path

    return user_data_path("crampcoach", appauthor=False)


def journal_path(root: Path) -> Path:
    return root / JOURNAL_NAME


def backups_dir(root: Path) -> Path:
    return root / "backups"


def user_routines_dir(root: Path) -> Path:
    return root / "routines"
