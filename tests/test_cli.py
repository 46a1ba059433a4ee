"""The command line, run through the installed console script as a user would."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from crampcoach import __version__
from tests.pty_support import crampcoach_bin

HEADER = "started_at,duration_min,side,locations,intensity,woke_me,triggers,relief,red_flags,notes"
SUBCOMMANDS = ["now", "log", "export", "import", "stats", "report"]
PAST = "2024-01-15T03:10:00+01:00"


SCRIPT = crampcoach_bin()


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CRAMPCOACH_")}
    env.update(extra or {})
    return env


def run(
    *args: str | Path,
    data: Path | None = None,
    env: dict[str, str] | None = None,
    module: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Run crampcoach; with ``data`` it gets ``--data-dir data``."""
    argv = [sys.executable, "-m", "crampcoach"] if module else [SCRIPT]
    if data is not None:
        argv += ["--data-dir", str(data)]
    argv += [str(a) for a in args]
    proc = subprocess.run(
        argv, capture_output=True, text=True, env=_env(env), timeout=60, stdin=subprocess.DEVNULL
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stdout, proc.stdout
    return proc


def ok(*args: str | Path, data: Path | None = None, **kw) -> subprocess.CompletedProcess[str]:
    proc = run(*args, data=data, **kw)
    assert proc.returncode == 0, (proc.returncode, proc.stdout, proc.stderr)
    return proc


def journal(data: Path) -> Path:
    return data / "journal.json"


def episode_count(data: Path) -> int:
    if not journal(data).exists():
        return 0
    return len(json.loads(journal(data).read_bytes()).get("episodes", {}))


def snapshot(data: Path) -> dict[str, bytes]:
    """Every file under the data folder, with its bytes."""
    if not data.exists():
        return {}
    return {str(p.relative_to(data)): p.read_bytes() for p in data.rglob("*") if p.is_file()}


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


GOOD_CSV = (
    HEADER + "\n"
    "2024-01-10T03:10:00+01:00,2,left,calf,5,yes,caffeine,stretch,,first\n"
    '2024-01-11T23:40:00+01:00,0.5,right,foot;toes,3,no,,,,"second, with comma"\n'
)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding two episodes (made once; tests copy it)."""
    root = tmp_path_factory.mktemp("seeded")
    data = root / "data"
    source = root / "good.csv"
    source.write_text(GOOD_CSV, encoding="utf-8")
    ok("import", source, data=data)
    assert episode_count(data) == 2
    return data


@pytest.fixture
def data(seeded: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(seeded, copy)
    return copy


# ---------------------------------------------------------------- version and help


def test_version() -> None:
    proc = ok("--version")
    assert proc.stdout.strip() == f"crampcoach {__version__}"


def test_python_dash_m_version() -> None:
    proc = ok("--version", module=True)
    assert proc.stdout.strip() == f"crampcoach {__version__}"


@pytest.mark.parametrize("command", ["", *SUBCOMMANDS])
def test_every_subcommand_has_help(command: str, tmp_path: Path) -> None:
    args = [command, "--help"] if command else ["--help"]
    proc = ok(*args, data=tmp_path / "data")
    assert proc.stdout.startswith("usage: crampcoach")
    assert "--data-dir" in proc.stdout
    assert proc.stderr == ""
    assert not (tmp_path / "data").exists()
    if command == "":
        for name in SUBCOMMANDS:
            assert name in proc.stdout
    if command == "log":
        for option in ("--at", "--duration", "--side", "--location", "--intensity", "--trigger"):
            assert option in proc.stdout
        for option in ("--relief", "--red-flag", "--note"):
            assert option in proc.stdout


# ---------------------------------------------------------------- log and export


def test_log_with_every_option_then_export_csv(tmp_path: Path) -> None:
    data = tmp_path / "data"
    proc = ok(
        "log",
        "--at", PAST,
        "--duration", "2.5",
        "--side", "left",
        "--location", "foot", "calf",
        "--intensity", "7",
        "--trigger", "stress", "caffeine",
        "--relief", "walk",
        "--relief", "stretch",
        "--red-flag", "numbness",
        "--note", "woke up, calf like a rock; again",
        "--slept-through",
        data=data,
    )  # fmt: skip
    assert "Saved" in proc.stdout
    assert episode_count(data) == 1
    assert oct(journal(data).stat().st_mode & 0o777) == "0o600"

    out = ok("export", "--format", "csv", data=data).stdout
    lines = out.splitlines()
    assert lines[0] == HEADER
    assert csv_rows(out) == [
        {
            "started_at": PAST,
            "duration_min": "2.5",
            "side": "left",
            "locations": "calf;foot",
            "intensity": "7",
            "woke_me": "no",
            "triggers": "caffeine;stress",
            "relief": "stretch;walk",
            "red_flags": "numbness",
            "notes": "woke up, calf like a rock; again",
        }
    ]


def test_log_defaults_and_last_night_time_via_env_var(tmp_path: Path) -> None:
    data = tmp_path / "envdata"
    env = {"CRAMPCOACH_DATA_DIR": str(data)}
    ok("log", "--at", "03:10", env=env)
    ok("log", env=env)  # now, nothing else
    doc = json.loads(ok("export", "--format", "json", env=env).stdout)
    first, second = sorted(doc["episodes"], key=lambda e: e["started_at"])
    assert first["started_at"][11:19] == "03:10:00"
    assert first["source"] == "manual" and first["woke_me"] is True
    assert second["locations"] == [] and second["intensity"] is None
    # --data-dir wins over the environment variable.
    other = tmp_path / "other"
    assert ok("export", data=other, env=env).stdout == HEADER + "\n"
    assert episode_count(other) == 0 and episode_count(data) == 2


def test_export_json(data: Path) -> None:
    doc = json.loads(ok("export", "--format", "json", data=data).stdout)
    assert doc["format"] == "crampcoach-episodes" and doc["version"] == 1
    eps = doc["episodes"]
    assert [e["started_at"] for e in eps] == [
        "2024-01-10T03:10:00+01:00",
        "2024-01-11T23:40:00+01:00",
    ]
    assert eps[0]["duration_s"] == 120 and eps[1]["duration_s"] == 30
    assert eps[1]["locations"] == ["foot", "toes"] and eps[1]["woke_me"] is False
    assert eps[1]["notes"] == "second, with comma"
    assert all(e["source"] == "import" for e in eps)


def test_export_to_a_file(data: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "cramps.csv"
    target.parent.mkdir()
    proc = ok("export", "-o", target, data=data)
    assert proc.stdout == ""
    assert str(target) in proc.stderr
    text = target.read_text(encoding="utf-8")
    assert text.splitlines()[0] == HEADER
    assert [r["notes"] for r in csv_rows(text)] == ["first", "second, with comma"]
    json_target = tmp_path / "out" / "cramps.json"
    ok("export", "--format", "json", "--output", json_target, data=data)
    assert len(json.loads(json_target.read_text(encoding="utf-8"))["episodes"]) == 2


# ---------------------------------------------------------------- bad input
# Exit 2, one line naming the value and what is allowed, nothing written.

BAD_LOGS = [
    (["log", "--side", "up"], ["'up'", "left", "right", "both"]),
    (["log", "--location", "knee"], ["'knee'", "calf", "front-thigh"]),
    (["log", "--trigger", "coffee"], ["'coffee'", "caffeine"]),
    (["log", "--relief", "ice"], ["'ice'", "stretch"]),
    (["log", "--red-flag", "pain"], ["'pain'", "swelling"]),
    (["log", "--intensity", "11"], ["--intensity", "11", "1 to 10"]),
    (["log", "--intensity", "high"], ["--intensity", "'high'", "1 to 10"]),
    (["log", "--duration", "abc"], ["--duration", "'abc'", "0 to 1440"]),
    (["log", "--duration", "-3"], ["--duration", "'-3'", "0 to 1440"]),
    (["log", "--at", "tomorrow"], ["--at", "'tomorrow'", "now", "03:10", "yesterday 23:40"]),
    (["log", "--at", "2999-01-01T03:10:00+00:00"], ["--at", "2999-01-01T03:10:00+00:00", "future"]),
    (["log", "--at", "2024-01-15"], ["--at", "'2024-01-15'", "no time of day"]),
    (["log", "--note", "x" * 2001], ["--note", "2001", "2000"]),
    (["log", "--bogus"], ["--bogus"]),
    (["export", "--format", "xml"], ["'xml'", "csv", "json"]),
    (["report", "--days", "0"], ["0", "1 to 3650"]),
    (["fly"], ["'fly'"]),
]


@pytest.mark.parametrize(("args", "words"), BAD_LOGS, ids=[" ".join(a)[:40] for a, _ in BAD_LOGS])
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    data: Path, args: list[str], words: list[str]
) -> None:
    before = snapshot(data)
    proc = run(*args, data=data)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("crampcoach")
    for word in words:
        assert word in lines[0], (word, lines[0])
    assert proc.stdout == ""
    assert snapshot(data) == before
    assert episode_count(data) == 2


def test_bad_input_in_a_fresh_folder_creates_nothing(tmp_path: Path) -> None:
    data = tmp_path / "fresh"
    proc = run("log", "--intensity", "0", data=data)
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1
    assert not data.exists()


def test_export_to_a_folder_is_refused(data: Path, tmp_path: Path) -> None:
    proc = run("export", "-o", tmp_path, data=data)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        f"crampcoach export: -o {tmp_path} is a folder; give a file name"
    ]


# ---------------------------------------------------------------- import


def test_import_good_file_then_again_adds_nothing(seeded: Path, tmp_path: Path) -> None:
    exported = tmp_path / "export.json"
    ok("export", "--format", "json", "-o", exported, data=seeded)
    target = tmp_path / "target"
    proc = ok("import", exported, data=target)
    assert "Imported 2 episode(s)" in proc.stdout
    assert episode_count(target) == 2
    proc = ok("import", exported, data=target)
    assert "Imported 0 episode(s)" in proc.stdout and "2 already" in proc.stdout
    assert episode_count(target) == 2
    # The CSV of the same episodes is also already there.
    csv_file = tmp_path / "export.csv"
    csv_file.write_text(ok("export", data=target).stdout, encoding="utf-8")
    assert "Imported 0 episode(s)" in ok("import", csv_file, data=target).stdout
    assert episode_count(target) == 2


def test_import_bad_file_names_lines_and_imports_nothing(data: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER + "\n"
        "2024-02-01T03:10:00+01:00,2,left,calf,5,yes,,,,fine\n"
        "2024-02-02T03:10:00+01:00,2,up,calf,5,yes,,,,\n"
        "2024-02-03T03:10:00+01:00,2,left,calf,50,yes,,,,\n",
        encoding="utf-8",
    )
    before = snapshot(data)
    proc = run("import", bad, data=data)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Nothing was imported" in proc.stderr
    assert "line 3: side: 'up' not allowed; choose from left, right, both" in proc.stderr
    assert "line 4: intensity: 50 is out of range; use 1 to 10" in proc.stderr
    assert "line 2" not in proc.stderr
    assert snapshot(data) == before
    assert episode_count(data) == 2


def test_import_missing_file(data: Path, tmp_path: Path) -> None:
    before = snapshot(data)
    proc = run("import", tmp_path / "nope.csv", data=data)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [f"crampcoach import: {tmp_path / 'nope.csv'} is not a file"]
    assert snapshot(data) == before
