"""Writers serialize (journal promise 4).

Two processes, each adding 100 episodes at once, end with 200 distinct episodes; two loops of
``crampcoach log`` lose nothing; instances used one after the other never collide on a
cached next id; a lock held by a killed process is not stale.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from crampcoach.core.models import Episode
from crampcoach.store import Journal, JournalLocked

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timedelta, timezone
    from pathlib import Path
    from crampcoach.core.models import Episode
    from crampcoach.store import Journal

    path, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    journal = Journal.open(path)
    print("ready", flush=True)
    sys.stdin.readline()  # wait for "go", so both write at the same time
    base = datetime(2026, 11, 1, 3, 0, tzinfo=timezone.utc)
    for i in range(count):
        ep = Episode(started_at=base + timedelta(minutes=i), notes=f"{name}-{i}")
        journal.add_episode(ep)
        print(ep.id, flush=True)
    """
)

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from crampcoach.store import Journal

    journal = Journal.open(Path(sys.argv[1]))
    with journal._locked():
        print("held", flush=True)
        time.sleep(120)
    """
)


def script(tmp_path: Path, name: str, text: str) -> Path:
    file = tmp_path / name
    file.write_text(text)
    return file


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_add_100_each(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    writer = script(tmp_path, "writer.py", WRITER)
    procs = [start(str(writer), str(path), name, "100") for name in ("A", "B")]
    for p in procs:
        assert p.stdout.readline().strip() == "ready", p.stderr.read()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    printed: set[str] = set()
    for p in procs:
        out, err = p.communicate(timeout=100)
        assert p.returncode == 0, err
        ids = out.split()
        assert len(ids) == 100
        printed.update(ids)

    raw = orjson.loads(path.read_bytes())
    docs = list(raw["episodes"].values())
    assert len(docs) == 200
    assert {d["id"] for d in docs} == printed
    assert len(printed) == 200
    notes = {d["notes"] for d in docs}
    assert notes == {f"{n}-{i}" for n in "AB" for i in range(100)}
    assert len(Journal.open(path).episodes()) == 200


def test_instances_opened_together_never_collide_on_ids(tmp_path: Path) -> None:
    """Stock TinyDB caches the next document id per instance: two instances opened at the
    same time would both insert as doc 1, 2, ... and overwrite each other."""
    path = tmp_path / "journal.json"
    a = Journal.open(path, now=lambda: NOW)
    b = Journal.open(path, now=lambda: NOW)
    a.episodes(), b.episodes()  # both have read the (empty) journal
    made = []
    for i in range(6):
        writer = a if i % 2 == 0 else b
        made.append(writer.add_episode(Episode(started_at=NOW - timedelta(hours=i))))
    expected = {e.id for e in made}
    assert {e.id for e in a.episodes()} == expected
    assert {e.id for e in b.episodes()} == expected
    raw = orjson.loads(path.read_bytes())
    assert len(raw["episodes"]) == 6
    # Also across tables written by different instances.
    a.save_settings(a.settings().__class__(bell=False))
    b.add_episode(Episode(started_at=NOW))
    assert a.settings().bell is False
    assert len(a.episodes()) == 7


def test_cli_log_loops_in_parallel_lose_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k != "CRAMPCOACH_DEBUG"}
    per_loop = 20
    results: dict[str, list[subprocess.CompletedProcess[str]]] = {"A": [], "B": []}

    def loop(name: str) -> None:
        for i in range(per_loop):
            results[name].append(
                subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "crampcoach",
                        "--data-dir",
                        str(data),
                        "log",
                        "--side",
                        "left",
                        "--note",
                        f"{name}-{i}",
                    ],
                    capture_output=True,
                    text=True,
                    timeout=60,
                    env=env,
                )
            )

    threads = [threading.Thread(target=loop, args=(n,)) for n in results]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=110)
    for runs in results.values():
        assert len(runs) == per_loop
        for r in runs:
            assert r.returncode == 0, r
            assert r.stdout.startswith("Saved"), r
            assert "Traceback" not in r.stderr, r.stderr
    notes = {e.notes for e in Journal.open(data / "journal.json").episodes()}
    assert notes == {f"{n}-{i}" for n in "AB" for i in range(per_loop)}


def test_a_lock_held_by_a_killed_process_is_not_stale(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    Journal.open(path).close()
    holder = start(str(script(tmp_path, "holder.py", HOLDER)), str(path))
    try:
        assert holder.stdout.readline().strip() == "held", holder.stderr.read()
        # While the holder lives, the lock is real: a writer waits, then gives up clearly.
        waiting = Journal(path, lock_timeout=0.3)  # not opened: open needs the lock
        with pytest.raises(JournalLocked) as info:
            waiting.add_episode(Episode(started_at=NOW))
        assert "Another crampcoach" in str(info.value)
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=30)
    finally:
        if holder.poll() is None:
            os.kill(holder.pid, signal.SIGKILL)
            holder.wait()
    assert holder.returncode == -signal.SIGKILL
    assert Path(str(path) + ".lock").exists()  # the file stays; the OS lock went with the pid
    # No waiting allowed: the lock is free at the first try, not after a stale-lock timeout.
    j = Journal.open(path, lock_timeout=0)
    j.add_episode(Episode(started_at=NOW))
    assert len(j.episodes()) == 1


def test_reads_do_not_wait_for_the_lock(tmp_path: Path) -> None:
    """Readers see a whole file at any time (atomic replace), so they take no lock."""
    path = tmp_path / "journal.json"
    j = Journal.open(path)
    j.add_episode(Episode(started_at=NOW))
    holder = start(str(script(tmp_path, "holder.py", HOLDER)), str(path))
    try:
        assert holder.stdout.readline().strip() == "held"
        reader = Journal(path, lock_timeout=0.2)
        assert len(reader.episodes()) == 1
        assert reader.settings() is not None
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()


def test_threads_reading_while_another_process_writes_see_whole_files(tmp_path: Path) -> None:
    """The app reads from its UI thread and from workers at once; every read is some whole
    version of the file, and once the writer stops, every reader sees the last one."""
    path = tmp_path / "journal.json"
    reader = Journal.open(path)
    writer = Journal.open(path)  # another process, as far as the reader can tell
    start = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)
    seen: list[int] = []
    failures: list[BaseException] = []
    stop = threading.Event()

    def read() -> None:
        try:
            while not stop.is_set():
                episodes = reader.episodes()
                if len({e.id for e in episodes}) != len(episodes):
                    raise AssertionError("one episode twice")
                seen.append(len(episodes))
        except BaseException as exc:  # a thread's failure is the test's
            failures.append(exc)

    threads = [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    for i in range(20):
        writer.add_episode(Episode(started_at=start + timedelta(days=i), tz="UTC"))
    stop.set()
    for thread in threads:
        thread.join()
    assert failures == []
    assert seen and all(0 <= n <= 20 for n in seen)
    assert len(reader.episodes()) == 20 and not reader.changed_since_last_read()


def test_reads_from_two_threads_take_turns(tmp_path: Path, monkeypatch) -> None:
    """A read swaps in the file's records and its signature together: a second thread's read
    waits while the first is inside its read of the file."""
    path = tmp_path / "journal.json"
    journal = Journal.open(path)
    Journal.open(path).add_episode(
        Episode(started_at=datetime(2026, 11, 1, 3, tzinfo=UTC), tz="UTC")
    )
    storage = journal._storage
    real_read = storage.read
    inside, release = threading.Event(), threading.Event()
    order: list[str] = []

    def slow_read():
        if threading.current_thread().name == "first":
            inside.set()
            release.wait(5)
        order.append(threading.current_thread().name)
        return real_read()

    monkeypatch.setattr(storage, "read", slow_read)
    first = threading.Thread(target=journal.episodes, name="first")
    second = threading.Thread(target=journal.episodes, name="second")
    first.start()
    assert inside.wait(5)
    second.start()
    second.join(0.2)
    assert second.is_alive()  # waiting for the first read
    release.set()
    first.join(5)
    second.join(5)
    assert order[:2] == ["first", "second"]
