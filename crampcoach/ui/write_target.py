"""Where the app may write a file the user asked for: a visible default, never the journal's folder.

A stand-in until the store offers one safe output-path check for the CLI and the app alike.
"""

from __future__ import annotations

from pathlib import Path


def default_folder(home: Path | None = None) -> Path:
    """~/Documents when it exists, else the home folder: somewhere the user will look."""
    home = home or Path.home()
    documents = home / "Documents"
    return documents if documents.is_dir() else home


def resolve_target(text: str, folder: Path) -> Path:
    """A typed path: ~ is the home folder; a bare name goes in ``folder``."""
    path = Path(text.strip()).expanduser()
    return path if path.is_absolute() else folder / path


def refusal(target: Path, data_dir: Path) -> str | None:
    """Why ``target`` may not be written, or None. The journal's folder and everything in it
    (the journal, its backups, the lock) are refused: a report must never replace them."""
    resolved = target.resolve()
    data = data_dir.resolve()
    if resolved == data or data in resolved.parents:
        return f"{target} is inside crampcoach's data folder; choose another place."
    if resolved.is_dir():
        return f"{target} is a folder; add a file name."
    if not resolved.parent.is_dir():
        return f"The folder {resolved.parent} does not exist."
    return None
