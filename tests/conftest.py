"""Fixtures shared by several test files."""

from __future__ import annotations

from pathlib import Path

import pytest

# The name a snapshot's data folder is shown under: the same on every run and machine.
SNAPSHOT_DATA_DIR = Path("crampcoach-data")


@pytest.fixture
def snapshot_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder of this test's own inside pytest's temp dir.

    It is handed to the app as a path relative to that temp dir (the working directory for the
    test), so a screen that shows the data folder reads the same words on every run while two
    runs, or two checkouts, never share a folder.
    """
    monkeypatch.chdir(tmp_path)
    return SNAPSHOT_DATA_DIR
