"""The installed package (not the source tree) carries its content and runs from any folder."""

from __future__ import annotations

import subprocess
import sys

from tests.pty_support import crampcoach_bin

CHECK = """
import crampcoach, crampcoach.content as c
routines = c.load_routines(None)
articles = c.load_articles()
print(c.content_dir())
print(len(routines.routines), len(routines.invalid), len(articles))
"""


def test_installed_package_ships_routines_and_articles(tmp_path):
    # Run from an empty folder so the source tree is not on sys.path.
    out = subprocess.run(
        [sys.executable, "-I", "-c", CHECK],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    folder, counts = out[0], out[1].split()
    routines, invalid, articles = map(int, counts)
    assert routines >= 11 and invalid == 0 and articles >= 9
    if "site-packages" in folder:  # a wheel install: content lives inside the package
        assert folder.endswith("crampcoach/_content")


def test_console_script_runs_from_any_folder(tmp_path):
    result = subprocess.run(
        [crampcoach_bin(), "--data-dir", str(tmp_path / "data"), "stats"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "No episodes logged yet" in result.stdout
