"""Snapshot tests build their journals in pytest's own temp dirs, never in a fixed folder: two
parallel runs or two checkouts must not write into, or delete, each other's data."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
SNAPSHOT_FILES = sorted(TESTS.glob("test_snapshots*.py"))
HELPERS = [TESTS / "ui_support.py", TESTS / "conftest.py"]
FIXED_TEMP = ("/tmp", "gettempdir")


def test_there_are_snapshot_files_to_check():
    assert len(SNAPSHOT_FILES) >= 5


@pytest.mark.parametrize("path", SNAPSHOT_FILES + HELPERS, ids=lambda p: p.name)
def test_no_fixed_temp_folder(path: Path):
    text = path.read_text(encoding="utf-8")
    for fixed in FIXED_TEMP:
        assert fixed not in text, f"{path.name} names a fixed temp folder ({fixed!r})"


@pytest.mark.parametrize("path", SNAPSHOT_FILES, ids=lambda p: p.name)
def test_every_snapshot_test_takes_its_own_folder(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    tests = [
        node
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    ]
    assert tests
    for node in tests:
        params = {arg.arg for arg in node.args.args}
        if "snap_compare" in params:
            assert "snapshot_root" in params, f"{node.name} builds its journal elsewhere"


def test_no_snapshot_shows_a_temp_path():
    """A machine's temp path on screen would make the snapshot differ between runs."""
    shown = [
        svg.name
        for svg in (TESTS / "__snapshots__").rglob("*.svg")
        if "/tmp" in svg.read_text(encoding="utf-8") or "pytest-of-" in svg.read_text("utf-8")
    ]
    assert shown == []
