"""One gate for every way in, and outputs that never clobber: a regression test per finding.

Each test reproduces something a hostile try found on the first build (a crash, a lost
entry, a clobbered file) and checks the command now ends with one clear line and the
right exit code, with the journal's bytes unchanged unless the command succeeded.
The command line runs in-process (``cli.main``) to keep these fast; test_cli.py runs
the installed script.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
import threading
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from crampcoach import cli, paths
from crampcoach.core.errors import ValidationError
from crampcoach.core.models import Episode, episode_from_dict, episode_to_dict
from crampcoach.store import CorruptJournal, Journal

PAST = "2024-01-15T03:10:00+01:00"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cc(capsys, data: Path, *args: str) -> tuple[int, str, str]:
    code = cli.main(["--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "unexpected error" not in err, err
    return code, out, err


def journal_with(data: Path, *docs: dict) -> Path:
    """A journal file at the current schema holding ``docs`` as episodes, as is."""
    data.mkdir(parents=True, exist_ok=True)
    path = paths.journal_path(data)
    eps = {str(i + 1): doc for i, doc in enumerate(docs)}
    path.write_bytes(orjson.dumps({"episodes": eps, "meta": {"1": {"schema_version": 2}}}))
    os.chmod(path, 0o600)
    return path


def good_doc(**changes) -> dict:
    ep = episode_from_dict({"started_at": PAST, "tz": "Europe/Berlin", "locations": ["calf"]})
    doc = episode_to_dict(ep)
    doc.update(changes)
    return doc


# ---------------------------------------------------------------- finding 1: zones

BAD_ZONES = ["Europe", "US", "Etc", "A" * 300, 5, "../../etc/passwd", "", "Europe/", "/UTC"]


@pytest.mark.parametrize("tz", BAD_ZONES)
def test_import_refuses_a_zone_that_is_not_in_the_database(tmp_path, capsys, tz) -> None:
    f = tmp_path / "t.json"
    f.write_text(json.dumps([{"started_at": PAST, "tz": tz}]))
    code, _, err = cc(capsys, tmp_path / "d", "import", str(f))
    if tz == "":  # an empty zone means "no zone", like a missing one
        assert code == 0
        return
    assert code == 2 and "tz" in err
    code, _, _ = cc(capsys, tmp_path / "d", "stats")
    assert code == 0


@pytest.mark.parametrize("tz", ["Europe", "US", "A" * 300, 5])
def test_a_stored_record_with_a_bad_zone_refuses_the_journal_by_table_id_field(
    tmp_path, capsys, tz
) -> None:
    path = journal_with(tmp_path, good_doc(tz=tz, id="abc123"))
    before = sha(path)
    for args in (("stats",), ("report",), ("export",), ("log", "--at", "03:10")):
        code, _, err = cc(capsys, tmp_path, *args)
        assert code == 1, args
        assert "table 'episodes'" in err and "abc123" in err and "'tz'" in err
        assert "text editor" in err  # says what to do
    assert sha(path) == before


# ---------------------------------------------------------------- finding 9: ranges


@pytest.mark.parametrize(
    "changes",
    [
        {"started_at": "0001-01-01T00:00:00+14:00"},
        {"started_at": "9999-12-31T23:59:59-14:00"},
        {"intensity": 99},
        {"intensity": True},
        {"duration_s": -1},
        {"duration_s": 1.5},
        {"notes": "x" * 2001},
        {"notes": "\x1b]0;pwned\x07"},
        {"notes": 5},
        {"locations": "calf"},  # stored lists are lists... but text is read as a list too
        {"locations": [["calf"]]},
        {"side": ["left"]},
        {"woke_me": "perhaps"},
        {"id": ["x"]},
        {"id": "a" * 65},
    ],
)
def test_every_stored_field_passes_the_one_gate(tmp_path, changes) -> None:
    doc = good_doc(**changes)
    expect_ok = changes == {"locations": "calf"}
    path = journal_with(tmp_path, doc)
    before = sha(path)
    if expect_ok:
        assert Journal.open(path).episodes()[0].locations == ("calf",)
        return
    with pytest.raises(CorruptJournal) as info:
        Journal.open(path).episodes()
    assert "table 'episodes'" in str(info.value)
    assert sha(path) == before
    with pytest.raises(ValidationError):
        episode_from_dict(doc)  # the same gate as the forms and import


def test_two_records_with_one_id_refuse_the_journal(tmp_path) -> None:
    path = journal_with(tmp_path, good_doc(id="same"), good_doc(id="same", notes="other"))
    with pytest.raises(CorruptJournal, match="used by two records"):
        Journal.open(path)


def test_the_journal_never_writes_a_record_its_own_gate_would_refuse(tmp_path) -> None:
    j = Journal.open(tmp_path / "journal.json")
    bad = Episode(started_at=datetime(2026, 1, 1, tzinfo=UTC), tz="Europe")
    before = sha(tmp_path / "journal.json")
    from crampcoach.store.errors import RecordRefused

    with pytest.raises(RecordRefused):
        j.add_episode(bad)
    assert sha(tmp_path / "journal.json") == before
    assert Journal.open(tmp_path / "journal.json").episodes() == []


# ---------------------------------------------------------------- schema versions


@pytest.mark.parametrize("version", ['"3"', "1180591620717411303424", "true", "2.0", "0", "-1"])
def test_a_schema_version_that_is_not_a_known_integer_is_refused(tmp_path, version) -> None:
    path = tmp_path / "journal.json"
    doc = json.dumps(good_doc())
    path.write_text(
        f'{{"episodes": {{"1": {doc}}}, "meta": {{"1": {{"schema_version": {version}}}}}}}'
    )
    os.chmod(path, 0o600)
    before = sha(path)
    with pytest.raises(CorruptJournal, match="schema_version"):
        Journal.open(path)
    assert sha(path) == before
    assert not (tmp_path / "backups").exists()  # nothing "upgraded", nothing backed up


# ---------------------------------------------------------------- finding 2 and 5: -o


def test_export_over_the_journal_is_refused_from_any_spelling(tmp_path, capsys, monkeypatch):
    data = tmp_path / "d"
    cc(capsys, data, "log", "--at", PAST)
    path = paths.journal_path(data)
    before = sha(path)
    (tmp_path / "link").symlink_to(path)
    os.link(path, tmp_path / "hard")
    monkeypatch.chdir(data)
    targets = [
        "journal.json",
        "./journal.json",
        str(path),
        str(tmp_path / "link"),
        str(tmp_path / "hard"),
        "journal.json.lock",
        "backups/journal-2099-01-01.json",
        "backups",
    ]
    for target in targets:
        for cmd in ("export", "report"):
            code, _, err = cc(capsys, data, cmd, "-o", target)
            assert code == 2, (cmd, target, err)
    assert sha(path) == before


def test_output_into_a_fifo_writes_into_it_and_keeps_it(tmp_path, capsys) -> None:
    data = tmp_path / "d"
    cc(capsys, data, "log", "--at", PAST)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as f:
            got.append(f.read())

    t = threading.Thread(target=reader)
    t.start()
    code, _, _ = cc(capsys, data, "export", "-o", str(fifo))
    t.join(10)
    assert code == 0
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert got and got[0].startswith(b"started_at,")


def test_output_to_dev_null_leaves_the_device(tmp_path, capsys) -> None:
    code, _, _ = cc(capsys, tmp_path / "d", "report", "-o", "/dev/null")
    assert code == 0 and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_dash_is_stdout_new_files_are_private_existing_keep_their_mode(tmp_path, capsys):
    data = tmp_path / "d"
    cc(capsys, data, "log", "--at", PAST)
    code, out, _ = cc(capsys, data, "export", "-o", "-")
    assert code == 0 and out.startswith("started_at,")
    new = tmp_path / "new.csv"
    assert cc(capsys, data, "export", "-o", str(new))[0] == 0
    assert stat.S_IMODE(new.stat().st_mode) == 0o600
    os.chmod(new, 0o644)
    assert cc(capsys, data, "export", "-o", str(new))[0] == 0
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    assert cc(capsys, data, "export", "-o", str(tmp_path / "no" / "such" / "x.csv"))[0] == 2


# ---------------------------------------------------------------- finding 4: ids on import


def test_reimporting_an_old_backup_never_makes_two_records_with_one_id(tmp_path, capsys):
    data = tmp_path / "d"
    cc(capsys, data, "log", "--at", PAST, "--note", "first")
    backup = tmp_path / "backup.json"
    assert cc(capsys, data, "export", "--format", "json", "-o", str(backup))[0] == 0
    j = Journal.open(paths.journal_path(data))
    (ep,) = j.episodes()
    j.update_episode(ep.with_changes(notes="edited since"))
    before = sha(paths.journal_path(data))
    code, _, err = cc(capsys, data, "import", str(backup))
    assert code == 2 and ep.id in err
    assert sha(paths.journal_path(data)) == before
    (after,) = Journal.open(paths.journal_path(data)).episodes()
    assert after.notes == "edited since"
    # The unchanged backup of an unchanged journal imports as "already there".
    j.update_episode(ep)
    assert cc(capsys, data, "import", str(backup))[0] == 0
    assert len(Journal.open(paths.journal_path(data)).episodes()) == 1


def test_one_id_twice_in_an_import_file_is_refused(tmp_path, capsys) -> None:
    f = tmp_path / "t.json"
    f.write_text(json.dumps([good_doc(id="x1"), good_doc(id="x1", started_at=PAST[:-6] + "Z")]))
    code, _, err = cc(capsys, tmp_path / "d", "import", str(f))
    assert code == 2 and "record 2: id" in err


# ---------------------------------------------------------------- finding 11: import strictness


@pytest.mark.parametrize(
    "text, where",
    [
        ("started_at,notes,notes\n2024-01-15T03:10:00+01:00,a,b\n", "line 1: notes"),
        ("started_at,mood\n2024-01-15T03:10:00+01:00,x\n", "line 1: mood"),
        ('started_at,notes\n2024-01-15T03:10:00+01:00,"abc\n', "line 2: csv"),
        ('started_at,notes\n2024-01-15T03:10:00+01:00,"a"b\n', "line 2: csv"),
        ("started_at\n2999-01-15T03:10:00+01:00\n", "in the future"),
        ("started_at\n1899-12-31T23:59:00+00:00\n", "out of range"),
        ("started_at,duration_min\n2024-01-15T03:10:00+01:00,1e3\n", "duration_min"),
        ("started_at,duration_min\n2024-01-15T03:10:00+01:00,inf\n", "duration_min"),
        ("started_at,intensity\n2024-01-15T03:10:00+01:00,1e1\n", "intensity"),
    ],
)
def test_csv_import_is_strict(tmp_path, capsys, text, where) -> None:
    f = tmp_path / "x.csv"
    f.write_text(text)
    code, _, err = cc(capsys, tmp_path / "d", "import", str(f))
    assert code == 2 and where in err, err
    assert not paths.journal_path(tmp_path / "d").exists() or (
        Journal.open(paths.journal_path(tmp_path / "d")).episodes() == []
    )


@pytest.mark.parametrize("suffix", ["json", "csv"])
def test_a_byte_order_mark_is_read_alike_in_csv_and_json(tmp_path, capsys, suffix) -> None:
    f = tmp_path / f"x.{suffix}"
    body = json.dumps([{"started_at": PAST}]) if suffix == "json" else f"started_at\n{PAST}\n"
    f.write_bytes(b"\xef\xbb\xbf" + body.encode())
    assert cc(capsys, tmp_path / "d", "import", str(f))[0] == 0


# ---------------------------------------------------------------- finding 6: formulas


@pytest.mark.parametrize("note", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "'=x", "''+x", "'hi"])
def test_formula_cells_are_neutralised_and_restored_exactly(tmp_path, capsys, note) -> None:
    data = tmp_path / "d"
    cc(capsys, data, "log", "--at", PAST, "--note", note)
    _, out, _ = cc(capsys, data, "export")
    cell = out.splitlines()[1].rsplit(",", 1)[-1].strip('"')
    assert cell[0] not in "=+-@\t"
    f = tmp_path / "x.csv"
    f.write_text(out)
    other = tmp_path / "e"
    assert cc(capsys, other, "import", str(f))[0] == 0
    (back,) = Journal.open(paths.journal_path(other)).episodes()
    assert back.notes == note


# ---------------------------------------------------------------- finding 8: OS errors


@pytest.mark.parametrize(
    "code_, words",
    [(errno.EROFS, "read-only"), (errno.EACCES, "permission"), (errno.ENOSPC, "full")],
)
def test_write_errors_are_named_not_unexpected(tmp_path, capsys, monkeypatch, code_, words):
    data = tmp_path / "d"
    cc(capsys, data, "log", "--at", PAST)
    before = sha(paths.journal_path(data))

    def refuse(*_a, **_k):
        raise OSError(code_, os.strerror(code_))

    monkeypatch.setattr(os, "replace", refuse)
    code, _, err = cc(capsys, data, "log", "--at", "2024-01-16T03:10:00+01:00")
    assert code == 1 and words in err and len(err.strip().splitlines()) == 1
    assert sha(paths.journal_path(data)) == before


def test_a_lock_that_cannot_be_made_is_named(tmp_path, capsys, monkeypatch) -> None:
    data = tmp_path / "d"
    cc(capsys, data, "log", "--at", PAST)
    import filelock

    def refuse(self, *a, **k):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(filelock.FileLock, "acquire", refuse)
    code, _, err = cc(capsys, data, "log", "--at", "2024-01-16T03:10:00+01:00")
    assert code == 1 and "permission" in err


# ---------------------------------------------------------------- finding 10 and 14: environment


def test_empty_data_dir_and_unknown_user_are_bad_input(capsys) -> None:
    for value in ("", "~nosuchuser_crampcoach/x"):
        assert cli.main(["--data-dir", value, "stats"]) == 2
        _, err = capsys.readouterr()
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_file_where_the_folder_should_be(tmp_path, capsys) -> None:
    (tmp_path / "f").write_text("x")
    code, _, err = cc(capsys, tmp_path / "f", "log", "--at", PAST)
    assert code == 1 and "not a folder" in err


def test_a_symlinked_journal_is_written_through(tmp_path, capsys) -> None:
    real = tmp_path / "elsewhere" / "real.json"
    data = tmp_path / "d"
    cc(capsys, tmp_path / "elsewhere", "log", "--at", PAST)
    os.replace(paths.journal_path(tmp_path / "elsewhere"), real)
    data.mkdir()
    paths.journal_path(data).symlink_to(real)
    assert cc(capsys, data, "log", "--at", "2024-01-16T03:10:00+01:00")[0] == 0
    assert paths.journal_path(data).is_symlink()
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert len(orjson.loads(real.read_bytes())["episodes"]) == 2


def test_a_fifo_named_journal_is_refused_without_hanging(tmp_path, capsys) -> None:
    tmp_path.joinpath("d").mkdir()
    os.mkfifo(paths.journal_path(tmp_path / "d"))
    for args in (("stats",), ("log", "--at", PAST)):
        code, _, err = cc(capsys, tmp_path / "d", *args)
        assert code == 1 and "named pipe" in err


def test_data_folder_is_private_even_if_it_existed_and_parents_too(tmp_path, capsys) -> None:
    existing = tmp_path / "existing"
    existing.mkdir(mode=0o755)
    os.chmod(existing, 0o755)
    cc(capsys, existing, "log", "--at", PAST)
    assert stat.S_IMODE(existing.stat().st_mode) == 0o700
    old = os.umask(0)
    try:
        cc(capsys, tmp_path / "a" / "b" / "c", "log", "--at", PAST)
    finally:
        os.umask(old)
    for p in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "c"):
        assert stat.S_IMODE(p.stat().st_mode) == 0o700, p


def test_read_only_commands_never_create_a_journal(tmp_path, capsys) -> None:
    data = tmp_path / "d"
    for args in (("stats",), ("stats", "--json"), ("report",), ("export",)):
        assert cc(capsys, data, *args)[0] == 0
    assert not data.exists()


def test_log_to_a_full_stdout_still_says_saved_with_exit_0(tmp_path) -> None:
    import subprocess
    import sys

    data = tmp_path / "d"
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "crampcoach", "--data-dir", str(data), "log", "--at", PAST],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert proc.returncode == 0, proc.stderr
    assert "saved" in proc.stderr and "Traceback" not in proc.stderr
    assert len(Journal.open(paths.journal_path(data)).episodes()) == 1


@pytest.mark.parametrize(
    "at", ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "0001-01-01 00:10"]
)
def test_year_overflow_at_is_bad_input(tmp_path, capsys, at) -> None:
    code, _, err = cc(capsys, tmp_path / "d", "log", "--at", at)
    assert code == 2 and "--at" in err


# ---------------------------------------------------------------- issue 11: log and the app


def test_log_warns_when_the_same_time_and_place_exists(tmp_path, capsys) -> None:
    data = tmp_path / "d"
    args = ("log", "--at", PAST, "--location", "calf")
    assert cc(capsys, data, *args)[2] == ""
    code, _, err = cc(capsys, data, *args)
    assert code == 0 and "same time and place" in err
    assert len(Journal.open(paths.journal_path(data)).episodes()) == 2


def test_the_app_without_a_terminal_says_so_and_exits_2(tmp_path) -> None:
    import subprocess
    import sys

    for args in ([], ["now"]):
        proc = subprocess.run(
            [sys.executable, "-m", "crampcoach", "--data-dir", str(tmp_path), *args],
            capture_output=True,
            text=True,
            timeout=30,
            stdin=subprocess.DEVNULL,
        )
        assert proc.returncode == 2 and "terminal" in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1


# ---------------------------------------------------------------- user routine files


def test_a_user_routine_with_control_characters_is_listed_invalid(tmp_path) -> None:
    from crampcoach import content

    folder = tmp_path / "routines"
    folder.mkdir()
    (folder / "mine.toml").write_text(
        'id = "mine"\ntitle = "My \\u001b]0;x\\u0007 stretch"\nkind = "bedtime"\n'
        'summary = "s"\n[[steps]]\ntitle = "t"\ntext = "x"\nseconds = 10\n'
    )
    catalog = content.load_routines(folder)
    assert not catalog.is_user("mine")
    (bad,) = catalog.invalid
    assert "title" in bad.message and "\\x1b" in bad.message
