"""Fuzzing the ways in: journal files and import files, as hostile as hypothesis can make them.

The rule for every command: exit 0, 1 or 2 with a message, never a traceback nor an
"unexpected error"; the journal's bytes unchanged unless the command succeeded; after an
accepted import, stats, report and export still work. The app started on a fuzzed journal
reaches home or the error screen.

Fast by default; ``HYPOTHESIS_PROFILE=long`` runs thousands of cases.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crampcoach import cli, paths
from crampcoach.core.rows import CSV_COLUMNS

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
FUZZ = settings(
    max_examples=2000 if LONG else 25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=not LONG,
)

PAST = "2024-01-15T03:10:00+01:00"
READ_COMMANDS = (
    ("stats",),
    ("stats", "--json"),
    ("report",),
    ("report", "--format", "html"),
    ("export",),
    ("export", "--format", "json"),
)


@contextlib.contextmanager
def data_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp) / "d"


def run(capsys, data: Path, *args: str) -> int:
    code = cli.main(["--data-dir", str(data), *args])
    _, err = capsys.readouterr()
    assert code in (0, 1, 2), (args, code, err)
    assert "Traceback" not in err and "unexpected error" not in err, (args, err)
    if code:
        assert err.strip(), (args, "no message")
    return code


def sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


# ---------------------------------------------------------------- journal shapes


def base_journal() -> dict[str, Any]:
    ep = {
        "id": "e1",
        "started_at": PAST,
        "duration_s": 90,
        "side": "left",
        "locations": ["calf"],
        "intensity": 6,
        "woke_me": True,
        "relief": ["stretch"],
        "triggers": [],
        "red_flags": [],
        "notes": "ok",
        "source": "manual",
        "tz": "Europe/Berlin",
    }
    ep2 = dict(ep, id="e2", started_at="2024-01-16T02:00:00+01:00", notes="")
    return {
        "episodes": {"1": ep, "2": ep2},
        "checkins": {"1": {"id": "c1", "night": "2024-01-14", "water_glasses": 4}},
        "routine_runs": {
            "1": {
                "id": "r1",
                "routine_id": "bedtime-stretch",
                "started_at": "2024-01-14T22:00:00+01:00",
                "ended_at": "2024-01-14T22:05:00+01:00",
                "steps_completed": 3,
                "steps_total": 3,
                "finished": True,
                "tz": "Europe/Berlin",
            }
        },
        "profile": {"1": {"age_band": "45-59", "medicines_other": ""}},
        "settings": {"1": {"theme": "crampcoach-dark", "welcomed": True}},
        "meta": {"1": {"schema_version": 2}},
    }


JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(
        [
            "Europe",
            "US",
            "Etc",
            "Europe/Berlin",
            "A" * 300,
            "0001-01-01T00:00:00+14:00",
            "9999-12-31T23:59:59-14:00",
            "1900-01-01T00:00:00+23:59",
            "2999-12-31T23:59:59-23:59",
            "2024-01-15",
            "2024-01-15T03:10:00",
            "0001-01-01",
            "9999-12-31",
            "[/]",
            "\x1b]0;x\x07",
            "e1",
            "e2",
            "",
            "nan",
            "1e3",
            "3",
        ]
    ),
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
TABLES = ("episodes", "checkins", "routine_runs", "profile", "settings", "meta")
FIELDS = (
    *("id", "started_at", "ended_at", "night", "duration_s", "side", "locations", "intensity"),
    *("woke_me", "relief", "triggers", "red_flags", "notes", "source", "tz", "routine_id"),
    *("steps_completed", "steps_total", "finished", "water_glasses", "schema_version"),
    *("age_band", "medicines_other", "conditions", "theme", "thresholds", "night_boundary_hour"),
)


@st.composite
def damaged_journals(draw) -> bytes:
    data = base_journal()
    for _ in range(draw(st.integers(1, 3))):
        table = draw(st.sampled_from(TABLES))
        docs = data.setdefault(table, {})
        key = draw(st.sampled_from([*docs.keys(), "9"]))
        how = draw(st.sampled_from(["set", "delete", "replace-doc", "drop-table"]))
        if how == "drop-table":
            data.pop(table, None)
            continue
        doc = docs.setdefault(key, {})
        if how == "set" and isinstance(doc, dict):
            doc[draw(st.sampled_from(FIELDS))] = draw(JSON_VALUES)
        elif how == "delete" and isinstance(doc, dict) and doc:
            doc.pop(draw(st.sampled_from(sorted(doc))))
        else:
            docs[key] = draw(JSON_VALUES)
    raw = orjson.dumps(data)
    if draw(st.booleans()) and raw:
        # Byte flips: what a bad disk or a careless editor does.
        buf = bytearray(raw)
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(buf) - 1))
            buf[at] = draw(st.integers(0, 255))
        raw = bytes(buf)
    return raw


@pytest.mark.timeout(36000 if LONG else 900)
@FUZZ
@given(raw=damaged_journals())
def test_no_journal_file_crashes_a_command_or_changes_unless_it_succeeded(capsys, raw) -> None:
    with data_dir() as data:
        data.mkdir(mode=0o700)
        path = paths.journal_path(data)
        path.write_bytes(raw)
        os.chmod(path, 0o600)
        for args in READ_COMMANDS:
            before = sha(path)
            code = run(capsys, data, *args)
            if code:
                assert sha(path) == before, args
        before = sha(path)
        code = run(capsys, data, "log", "--at", "2024-01-17T03:10:00+01:00")
        if code:
            assert sha(path) == before
        else:  # a journal the log accepted stays usable
            for args in READ_COMMANDS:
                assert run(capsys, data, *args) == 0, args


# ---------------------------------------------------------------- import files

CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            PAST,
            "2024-01-15T03:10:00Z",
            "2999-01-01T00:00:00+00:00",
            "1899-12-31T23:59:59+00:00",
            "0001-01-01T00:00:00+14:00",
            "left",
            "calf;foot",
            "knee",
            "5",
            "99",
            "1e3",
            "inf",
            "nan",
            "1.5",
            "yes",
            "maybe",
            "=1+1",
            "'=1+1",
            '"',
            "\r\n",
            "\x1b[31m",
            "[/]",
        ]
    ),
)
HEADERS = st.lists(
    st.sampled_from([*CSV_COLUMNS, "notes", "mood", "", "started_at"]), min_size=0, max_size=6
)


@st.composite
def csv_files(draw) -> bytes:
    import csv
    import io

    header = draw(HEADERS)
    rows = draw(st.lists(st.lists(CELL, max_size=len(header) + 1), max_size=4))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(header)
    writer.writerows(rows)
    text = out.getvalue()
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]  # cut anywhere, quotes included
    bom = b"\xef\xbb\xbf" if draw(st.booleans()) else b""
    return bom + text.encode("utf-8", "surrogatepass")


@st.composite
def json_files(draw) -> bytes:
    record = st.dictionaries(
        st.sampled_from([*FIELDS, "mood"]), st.one_of(CELL, JSON_VALUES), max_size=6
    ).map(lambda d: {"started_at": PAST, **d} if "started_at" not in d else d)
    items = draw(st.lists(st.one_of(record, JSON_VALUES), max_size=4))
    doc: Any = (
        {"format": "crampcoach-episodes", "episodes": items} if draw(st.booleans()) else items
    )
    text = json.dumps(doc)
    bom = b"\xef\xbb\xbf" if draw(st.booleans()) else b""
    return bom + text.encode("utf-8", "surrogatepass")


def _episode_count(path: Path) -> int:
    if not path.exists():
        return 0
    return len(orjson.loads(path.read_bytes()).get("episodes", {}))


@pytest.mark.timeout(36000 if LONG else 900)
@FUZZ
@given(raw=st.one_of(csv_files(), json_files()), name=st.sampled_from(["in.csv", "in.json"]))
def test_import_is_all_or_nothing_and_leaves_a_working_journal(capsys, raw, name) -> None:
    with data_dir() as data:
        assert run(capsys, data, "log", "--at", PAST, "--location", "calf") == 0
        path = paths.journal_path(data)
        f = data.parent / name
        f.write_bytes(raw)
        before, count = sha(path), _episode_count(path)
        code = run(capsys, data, "import", str(f))
        if code:
            assert sha(path) == before
        else:
            assert _episode_count(path) >= count
        for args in READ_COMMANDS:
            assert run(capsys, data, *args) == 0, args
        # Importing the same file again adds nothing.
        if code == 0:
            after = _episode_count(path)
            assert run(capsys, data, "import", str(f)) == 0
            assert _episode_count(path) == after


# ---------------------------------------------------------------- the app on a damaged journal

APP_CASES = {
    "zone folder": lambda d: d["episodes"]["1"].__setitem__("tz", "Europe"),
    "year overflow": lambda d: d["episodes"]["1"].__setitem__(
        "started_at", "0001-01-01T00:00:00+14:00"
    ),
    "intensity 99": lambda d: d["episodes"]["1"].__setitem__("intensity", 99),
    "schema as text": lambda d: d["meta"]["1"].__setitem__("schema_version", "3"),
    "one id twice": lambda d: d["episodes"]["2"].__setitem__("id", "e1"),
    "escape note": lambda d: d["episodes"]["1"].__setitem__("notes", "\x1b]0;title\x07"),
    "profile junk": lambda d: d["profile"].__setitem__("1", {"age_band": ["x"]}),
    "settings junk": lambda d: d["settings"].__setitem__(
        "1", {"theme": {"a": 1}, "bell": 5, "welcomed": True}
    ),
}


@pytest.mark.parametrize("case", sorted(APP_CASES))
async def test_the_app_on_a_damaged_journal_reaches_home_or_the_error_screen(
    tmp_path, case
) -> None:
    from crampcoach.store import Journal
    from crampcoach.ui.app import CrampCoachApp
    from crampcoach.ui.screens.error import ErrorScreen
    from crampcoach.ui.screens.home import HomeScreen
    from tests.ui_support import NOW, ZONE

    data = base_journal()
    APP_CASES[case](data)
    path = paths.journal_path(tmp_path)
    path.write_bytes(orjson.dumps(data))
    os.chmod(path, 0o600)
    before = sha(path)
    app = CrampCoachApp(
        None, tmp_path, opener=lambda: Journal.open(path), now=lambda: NOW, zone=ZONE
    )
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(5):
            await pilot.pause()
        assert isinstance(app.screen, HomeScreen | ErrorScreen), app.screen
        reached_home = isinstance(app.screen, HomeScreen)
        for key in ("h", "escape", "p", "escape"):
            await pilot.press(key)
            await pilot.pause()
    assert app.return_code in (None, 0, 1)
    if not reached_home:
        assert sha(path) == before
