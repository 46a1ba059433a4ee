"""The bare command opens the app without building the parser, and still honours the data dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from crampcoach import cli, paths


@pytest.fixture
def opened(monkeypatch) -> list[Path]:
    roots: list[Path] = []

    def fake_run_app(root: Path, start: str | None = None, location: str | None = None) -> int:
        roots.append(root)
        return 0

    def no_parser() -> None:
        raise AssertionError("the bare command built the argument parser")

    monkeypatch.setattr(cli, "_run_app", fake_run_app)
    monkeypatch.setattr(cli, "build_parser", no_parser)
    monkeypatch.setattr(cli.os, "isatty", lambda fd: True)  # the app needs a terminal
    return roots


def test_bare_command_uses_the_environment_folder(opened, monkeypatch, tmp_path):
    monkeypatch.setenv(paths.ENV_VAR, str(tmp_path / "env"))
    assert cli.main([]) == 0
    assert opened == [tmp_path / "env"]


def test_data_dir_option_wins_over_the_environment(opened, monkeypatch, tmp_path):
    monkeypatch.setenv(paths.ENV_VAR, str(tmp_path / "env"))
    assert cli.main(["--data-dir", str(tmp_path / "opt")]) == 0
    assert opened == [tmp_path / "opt"]


def test_anything_else_goes_through_the_parser(monkeypatch, tmp_path):
    built: list[bool] = []
    real = cli.build_parser

    def counting():
        built.append(True)
        return real()

    monkeypatch.setattr(cli, "build_parser", counting)
    monkeypatch.setattr(cli, "_run_app", lambda root, start=None, location=None: 0)
    monkeypatch.setattr(cli.os, "isatty", lambda fd: True)
    assert cli.main(["--data-dir", str(tmp_path), "now"]) == 0
    assert built == [True]


def test_the_first_frame_imports_neither_argparse_nor_the_record_models():
    """What the bare command loads before its first frame: not the parser, not the models
    (they come with the numbers, after the home screen is painted)."""
    import subprocess
    import sys

    code = (
        "import sys, crampcoach.cli, crampcoach.ui.app, crampcoach.ui.screens.home; "
        "print(sorted(m for m in ('argparse', 'crampcoach.core.models') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
