"""Export and import of episodes: CSV/JSON shape, round trips, junk, all-or-nothing, idempotence."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crampcoach.core import vocab
from crampcoach.core.models import Episode, episode_from_dict
from crampcoach.core.rows import CSV_COLUMNS, episode_to_row, row_to_episode
from crampcoach.core.text import first_control
from crampcoach.store import Journal
from crampcoach.store.transfer import (
    MAX_ERRORS_SHOWN,
    ImportRefused,
    RowError,
    export_csv,
    export_json,
    parse_csv,
    parse_json,
    read_import_file,
)

HEADER = "started_at,duration_min,side,locations,intensity,woke_me,triggers,relief,red_flags,notes"
CET = timezone(timedelta(hours=1))
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def full_episode(**changes: Any) -> Episode:
    raw: dict[str, Any] = {
        "started_at": "2026-11-22T03:10:00+01:00",
        "duration_s": 150,
        "side": "left",
        "locations": ["calf", "foot"],
        "intensity": 7,
        "woke_me": True,
        "triggers": ["caffeine", "stress"],
        "relief": ["stretch", "walk"],
        "red_flags": ["swelling"],
        "notes": 'calf "like a rock", then; cramp again\nsecond line',
        "source": "first-aid",
        "tz": "Europe/Berlin",
    }
    raw.update(changes)
    return episode_from_dict(raw)


def csv_fields(e: Episode) -> tuple[Any, ...]:
    """What a CSV row carries (no id, zone or source)."""
    return (
        e.started_at,
        e.started_at.utcoffset(),
        e.duration_s,
        e.side,
        e.locations,
        e.intensity,
        e.woke_me,
        e.triggers,
        e.relief,
        e.red_flags,
        e.notes,
    )


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


# ---------------------------------------------------------------- CSV shape


def test_csv_columns_are_exactly_the_documented_ones() -> None:
    assert ",".join(CSV_COLUMNS) == HEADER
    text = export_csv([full_episode()])
    lines = text.split("\n")
    assert lines[0] == HEADER
    assert text.endswith("\n")


def test_csv_row_joins_lists_with_semicolons() -> None:
    row = next(csv.DictReader(io.StringIO(export_csv([full_episode()]), newline="")))
    assert row == {
        "started_at": "2026-11-22T03:10:00+01:00",
        "duration_min": "2.5",
        "side": "left",
        "locations": "calf;foot",
        "intensity": "7",
        "woke_me": "yes",
        "triggers": "caffeine;stress",
        "relief": "stretch;walk",
        "red_flags": "swelling",
        "notes": 'calf "like a rock", then; cramp again\nsecond line',
    }


def test_csv_of_empty_fields_and_empty_journal() -> None:
    e = episode_from_dict({"started_at": "2026-11-22T03:10:00+01:00", "woke_me": False})
    assert episode_to_row(e) == {
        "started_at": "2026-11-22T03:10:00+01:00",
        "duration_min": "",
        "side": "",
        "locations": "",
        "intensity": "",
        "woke_me": "no",
        "triggers": "",
        "relief": "",
        "red_flags": "",
        "notes": "",
    }
    assert export_csv([]) == HEADER + "\n"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0"), (60, "1"), (90, "1.5"), (150, "2.5"), (9, "0.15"), (61, "1.0167"), (86400, "1440")],
)
def test_duration_in_minutes(seconds: int, text: str) -> None:
    row = episode_to_row(full_episode(duration_s=seconds))
    assert row["duration_min"] == text
    assert row_to_episode(row).duration_s == seconds


# ---------------------------------------------------------------- JSON shape


def test_json_document_shape() -> None:
    e = full_episode()
    doc = json.loads(export_json([e]))
    assert doc["format"] == "crampcoach-episodes" and doc["version"] == 1
    (item,) = doc["episodes"]
    assert item["id"] == e.id
    assert item["started_at"] == "2026-11-22T03:10:00+01:00"
    assert item["duration_s"] == 150
    assert item["locations"] == ["calf", "foot"]
    assert item["woke_me"] is True
    assert item["source"] == "first-aid" and item["tz"] == "Europe/Berlin"
    assert json.loads(export_json([]))["episodes"] == []


def test_json_keeps_unicode_readable() -> None:
    assert "Wadenkrampf ü" in export_json([full_episode(notes="Wadenkrampf ü")])


# ---------------------------------------------------------------- round trips (examples)


def test_csv_round_trip_through_a_file(tmp_path: Path) -> None:
    eps = [
        full_episode(),
        full_episode(started_at="2026-11-20T23:40:00-05:00", side=None, notes="", woke_me=False),
        episode_from_dict({"started_at": "2026-01-01T00:00:00+00:00"}),
    ]
    path = write(tmp_path / "out.csv", export_csv(eps))
    back = read_import_file(path)
    assert [csv_fields(e) for e in back] == [csv_fields(e) for e in eps]
    assert all(e.source == "import" for e in back)


def test_json_round_trip_through_a_file(tmp_path: Path) -> None:
    eps = [full_episode(), full_episode(started_at="2026-11-20T23:40:00-05:00", tz=None)]
    path = write(tmp_path / "out.json", export_json(eps))
    assert read_import_file(path) == eps


def test_json_list_without_wrapper_and_json_detected_without_suffix(tmp_path: Path) -> None:
    e = full_episode()
    doc = json.loads(export_json([e]))
    path = write(tmp_path / "episodes.txt", "\n  " + json.dumps(doc["episodes"]))
    assert read_import_file(path) == [e]


def test_csv_with_bom_crlf_and_fewer_columns(tmp_path: Path) -> None:
    text = '\ufeffstarted_at,side,notes\r\n2026-11-22T03:10:00+01:00,right,"a\r\nb"\r\n'
    (e,) = read_import_file(write(tmp_path / "x.csv", text))
    # Line ends inside a note are read as newlines (a carriage return is a control
    # character the journal does not keep).
    assert e.side == "right" and e.notes == "a\nb" and e.source == "import"


def test_carriage_returns_in_imported_notes_read_as_newlines(tmp_path: Path) -> None:
    e = full_episode().with_changes(notes="one\rtwo\r\nthree\n")  # as an older version kept
    (back,) = read_import_file(write(tmp_path / "cr.csv", export_csv([e])))
    assert back.notes == "one\ntwo\nthree\n"
    (back,) = read_import_file(write(tmp_path / "cr.json", export_json([e])))
    assert back.notes == "one\ntwo\nthree\n"


# ---------------------------------------------------------------- round trips (properties)

OFFSETS = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda m: timezone(timedelta(minutes=m))
)
STARTS = st.builds(
    lambda naive, tz: naive.replace(tzinfo=tz),
    st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2100, 12, 31)).map(
        lambda d: d.replace(microsecond=0)
    ),
    OFFSETS,
)
NOTES = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=2000
).filter(lambda t: first_control(t) is None)


def vocab_list(values: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(values), max_size=len(values) + 2)


EPISODES = st.builds(
    lambda **kw: episode_from_dict(kw),
    started_at=STARTS,
    duration_s=st.none() | st.integers(0, vocab.DURATION_MAX_S),
    side=st.none() | st.sampled_from(vocab.SIDES),
    locations=vocab_list(vocab.LOCATIONS),
    intensity=st.none() | st.integers(vocab.INTENSITY_MIN, vocab.INTENSITY_MAX),
    woke_me=st.booleans(),
    triggers=vocab_list(vocab.TRIGGERS),
    relief=vocab_list(vocab.RELIEF),
    red_flags=vocab_list(vocab.RED_FLAGS),
    notes=NOTES,
    source=st.sampled_from(vocab.SOURCES),
    tz=st.none() | st.sampled_from(["Europe/Berlin", "America/New_York", "UTC"]),
)


@FAST
@given(st.lists(EPISODES, max_size=5))
def test_any_valid_episodes_round_trip_through_csv(eps: list[Episode]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / "x.csv", export_csv(eps))
        back = read_import_file(path)
    assert [csv_fields(e) for e in back] == [csv_fields(e) for e in eps]
    # And straight from text, without a file.
    assert [csv_fields(e) for e in parse_csv(export_csv(eps))] == [csv_fields(e) for e in eps]


@FAST
@given(st.lists(EPISODES, max_size=5))
def test_any_valid_episodes_round_trip_through_json(eps: list[Episode]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / "x.json", export_json(eps))
        back = read_import_file(path)
    assert back == eps
    assert [e.started_at.utcoffset() for e in back] == [e.started_at.utcoffset() for e in eps]


# ---------------------------------------------------------------- junk never crashes

CELL = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            *("", "2026-11-22T03:10:00+01:00", "0001-01-01T00:00:00+01:00", "left", "calf;knee"),
            *("yes", "nan", "inf", "-1", "1e400", "9" * 5000, "\r", "\n", '"', ";;", "\x00"),
        ]
    ),
)


def only_refusals(fn, *args: Any) -> None:
    try:
        result = fn(*args)
    except ImportRefused as exc:
        assert exc.errors and all(isinstance(e, RowError) for e in exc.errors)
        assert all(e.line >= 1 and isinstance(e.field, str) for e in exc.errors)
        assert str(exc).startswith("Nothing was imported")
    else:
        assert all(isinstance(e, Episode) for e in result)


@FAST
@given(st.lists(st.lists(CELL, max_size=12), max_size=6))
def test_junk_csv_rows_only_ever_refused(rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([HEADER.split(","), *rows])
    only_refusals(parse_csv, out.getvalue())


@FAST
@given(st.text(max_size=300))
def test_junk_text_only_ever_refused(text: str) -> None:
    only_refusals(parse_csv, text)
    only_refusals(parse_json, text)
    only_refusals(parse_csv, HEADER + "\n" + text)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | CELL,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
JSON_RECORDS = st.dictionaries(
    st.sampled_from(
        [
            *("started_at", "duration_s", "side", "locations", "intensity", "woke_me"),
            *("triggers", "relief", "red_flags", "notes", "source", "tz", "id", "extra"),
        ]
    ),
    JSON_VALUES,
)


@FAST
@given(st.lists(JSON_RECORDS | JSON_VALUES, max_size=5), st.booleans())
def test_junk_json_records_only_ever_refused(items: list[Any], wrapped: bool) -> None:
    doc: Any = {"episodes": items} if wrapped else items
    only_refusals(parse_json, json.dumps(doc))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "\ufeff",
        "[" * 100_000,
        '[{"started_at": ' + "1" * 5000 + "}]",
        '{"episodes": 5}',
        "null",
        "x" * 200_000 + "\n1\n",
        HEADER + "\n" + "x" * 200_000 + "\n",
        HEADER + "\n\x00,\x00\n",
        "started_at\r2026-11-22T03:10:00+01:00\r",
    ],
    ids=lambda text: repr(text[:20]),
)
def test_known_nasty_files_only_ever_refused(tmp_path: Path, text: str) -> None:
    only_refusals(parse_csv, text)
    only_refusals(parse_json, text)
    only_refusals(read_import_file, write(tmp_path / "nasty.csv", text))


def test_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "\n2026-11-22T03:10:00+01:00,,,,,,,,,Wade \xfc\n").encode("latin-1"))
    with pytest.raises(ImportRefused) as info:
        read_import_file(path)
    assert [(e.field, e.message) for e in info.value.errors] == [("file", "is not UTF-8 text")]
    assert str(path) in str(info.value)


# ---------------------------------------------------------------- errors by line and field


def test_csv_errors_name_line_and_field(tmp_path: Path) -> None:
    text = (
        HEADER + "\n"
        "2026-11-20T03:10:00+01:00,2,left,calf,5,yes,,,,fine\n"
        "2026-11-21T03:10:00,2,up,calf,50,yes,,,,\n"
        '2026-11-22T03:10:00+01:00,2,left,calf,5,yes,,,,"two\nlines"\n'
        "2026-11-23T03:10:00+01:00,x,left,knee,5,maybe,,,,\n"
    )
    path = write(tmp_path / "bad.csv", text)
    with pytest.raises(ImportRefused) as info:
        read_import_file(path)
    got = [(e.line, e.field) for e in info.value.errors]
    assert got == [
        (3, "started_at"),
        (3, "side"),
        (3, "intensity"),
        (6, "duration_min"),
        (6, "locations"),
        (6, "woke_me"),
    ]
    message = str(info.value)
    assert message.startswith(f"Nothing was imported from {path}: 6 problem(s).")
    assert "line 3: side: 'up' not allowed; choose from left, right, both" in message
    assert "line 3: intensity: 50 is out of range; use 1 to 10" in message
    assert "line 6: locations: knee not allowed" in message


def test_csv_header_problems() -> None:
    with pytest.raises(ImportRefused) as info:
        parse_csv("when,side\n2026-11-22T03:10:00+01:00,left\n")
    unknown, missing = info.value.errors
    assert (unknown.line, unknown.field) == (1, "when") and "unknown column" in unknown.message
    assert (missing.line, missing.field) == (1, "header") and "started_at" in missing.message
    with pytest.raises(ImportRefused) as info:
        parse_csv("")
    assert info.value.errors[0].message == "the file is empty"


def test_csv_unknown_column_and_extra_cells() -> None:
    with pytest.raises(ImportRefused) as info:
        parse_csv("started_at,mood\n2026-11-22T03:10:00+01:00,grumpy\n")
    (err,) = info.value.errors
    # Refused at the header, before any row is read.
    assert (err.line, err.field) == (1, "mood") and "unknown column" in err.message
    with pytest.raises(ImportRefused) as info:
        parse_csv("started_at,side\n2026-11-22T03:10:00+01:00,left,surprise\n")
    (err,) = info.value.errors
    assert (err.line, err.field) == (2, "row") and "more cells" in err.message


def test_json_errors_name_record_and_field() -> None:
    good = json.loads(export_json([full_episode()]))["episodes"][0]
    bad = dict(good, side="up", intensity=0, mood="x")
    with pytest.raises(ImportRefused) as info:
        parse_json(json.dumps([good, "nope", bad]))
    got = [(e.unit, e.line, e.field) for e in info.value.errors]
    assert got == [
        ("record", 2, "record"),
        ("record", 3, "mood"),
        ("record", 3, "side"),
        ("record", 3, "intensity"),
    ]
    assert "record 3: side: 'up' not allowed" in str(info.value)


def test_broken_json_names_its_line() -> None:
    with pytest.raises(ImportRefused) as info:
        parse_json('{\n  "episodes": [\n    {"started_at": }\n  ]\n}')
    (err,) = info.value.errors
    assert (err.line, err.field) == (3, "json")


def test_many_errors_are_cut_short() -> None:
    rows = "".join(f"2026-11-22T03:10:00+01:00,,up{i}\n" for i in range(30))
    with pytest.raises(ImportRefused) as info:
        parse_csv("started_at,duration_min,side\n" + rows)
    assert len(info.value.errors) == 30
    message = str(info.value)
    assert message.count("\n  line ") == MAX_ERRORS_SHOWN
    assert f"… and {30 - MAX_ERRORS_SHOWN} more" in message


# ---------------------------------------------------------------- all-or-nothing and idempotence


def import_into(journal: Journal, path: Path) -> int:
    """What `crampcoach import` does: read and check everything, then one write."""
    return journal.add_episodes(read_import_file(path))


def test_one_bad_row_imports_nothing(tmp_path: Path) -> None:
    journal = Journal.open(tmp_path / "data" / "journal.json")
    good = [
        full_episode(started_at=f"2026-11-{d:02d}T03:10:00+01:00", notes="one line")
        for d in range(1, 6)
    ]
    lines = export_csv(good).splitlines()
    lines.insert(4, "2026-11-10T03:10:00+01:00,,left,calf,11,yes,,,,")
    path = write(tmp_path / "mixed.csv", "\n".join(lines) + "\n")
    before = journal.path.read_bytes()
    with pytest.raises(ImportRefused) as info:
        import_into(journal, path)
    assert [(e.line, e.field) for e in info.value.errors] == [(5, "intensity")]
    assert journal.episodes() == []
    assert journal.path.read_bytes() == before


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_importing_the_same_file_twice_adds_nothing(tmp_path: Path, fmt: str) -> None:
    source = Journal.open(tmp_path / "a" / "journal.json")
    eps = [
        full_episode(started_at="2026-11-20T03:10:00+01:00"),
        full_episode(started_at="2026-11-21T02:00:00+01:00", side="right", locations=["toes"]),
        full_episode(started_at="2026-11-21T02:00:00+01:00", side="left", locations=["toes"]),
    ]
    for e in eps:
        source.add_episode(e)
    text = export_csv(source.episodes()) if fmt == "csv" else export_json(source.episodes())
    path = write(tmp_path / f"export.{fmt}", text)

    target = Journal.open(tmp_path / "b" / "journal.json")
    assert import_into(target, path) == 3
    assert len(target.episodes()) == 3
    assert import_into(target, path) == 0
    assert len(target.episodes()) == 3
    # Back into the journal it came from: all already there.
    assert import_into(source, path) == 0
    assert len(source.episodes()) == 3


def test_same_instant_written_with_another_offset_is_the_same_episode(tmp_path: Path) -> None:
    journal = Journal.open(tmp_path / "journal.json")
    journal.add_episode(full_episode())
    moved = full_episode(started_at="2026-11-22T02:10:00+00:00")
    path = write(tmp_path / "x.csv", export_csv([moved]))
    assert import_into(journal, path) == 0
