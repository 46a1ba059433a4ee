"""TinyDB's Table and database, minus the work a whole-file save does not need.

Stock TinyDB turns the whole table into an int-keyed copy before every change and back
into a str-keyed copy after it, and finds the next id by scanning every key; with years
of records those copies and scans cost as much as writing the file. ``JournalTable`` runs
TinyDB's own updaters (insert, update, remove…) on a plain copy of the table, through a
view that speaks TinyDB's int ids over the file's str keys, and keeps the next id and an
index of record ids for as long as the table in memory is the one they were made from.
When the storage reads the file again (another process wrote it) the table is a new
object and every cache starts over; when a change or its write fails, the storage
forgets what it held, so memory never keeps a change the file does not have.

Each write is logged (``TableWrite``: the table before and after, and the keys the updater
touched), so the journal can check again only the records a change wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any, cast

from tinydb import TinyDB
from tinydb.table import Document, Table

from crampcoach.store.storage import AtomicJSONStorage

Raw = dict[str, Any]  # one table as in the file: str keys, documents as dicts


class _IntKeys(MutableMapping[int, Any]):
    """A table as TinyDB's updaters expect it (int ids) over a dict keyed as in the file.

    It notes what an updater did: only new keys set (inserts) keep the id index; reading,
    replacing or removing a document (updates and removals) drops it. ``handed`` holds every
    key whose document may differ afterwards (read ones too: an updater edits in place)."""

    __slots__ = ("added", "handed", "raw", "touched")

    def __init__(self, raw: Raw) -> None:
        self.raw = raw
        self.added: list[tuple[str, Any]] = []  # (key, document) of each new document
        self.handed: dict[str, None] = {}  # an ordered set
        self.touched = False

    def __getitem__(self, doc_id: int) -> Any:
        self.touched = True  # the updater may change the document in place
        key = str(doc_id)
        doc = self.raw[key]
        self.handed[key] = None
        return doc

    def __setitem__(self, doc_id: int, doc: Any) -> None:
        key = str(doc_id)
        if key in self.raw:
            self.touched = True
        else:
            self.added.append((key, doc))
        self.raw[key] = doc
        self.handed[key] = None

    def __delitem__(self, doc_id: int) -> None:
        self.touched = True
        key = str(doc_id)
        del self.raw[key]
        self.handed[key] = None

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self.raw

    def __iter__(self) -> Iterator[int]:
        return (int(key) for key in self.raw)

    def __len__(self) -> int:
        return len(self.raw)


_UNSEEN: Any = object()  # the caches describe no table yet


@dataclass(frozen=True)
class TableWrite:
    """One table written: the table (as in memory) before and after, and the keys whose
    documents may differ between the two; every other document is the same object."""

    name: str
    before: Raw | None
    after: Raw
    keys: tuple[str, ...]


class JournalTable(Table):
    """A TinyDB table whose changes cost the documents they touch, not the whole table."""

    def __init__(self, storage: AtomicJSONStorage, name: str, **kwargs: Any) -> None:
        self._atomic = storage
        self._seen: Raw | None = _UNSEEN  # the table the caches below describe (None: none)
        self._keys: dict[Any, str] | None = None  # record id -> document key
        self.writes: list[TableWrite] | None = None  # where writes are logged (JournalDB's)
        super().__init__(storage, name, **kwargs)

    def _sync(self, raw: Raw | None) -> None:
        """Drop every cache when the table in memory is not the one they were made from."""
        if raw is not self._seen:
            self._seen, self._keys, self._next_id = raw, None, None
            self._query_cache.clear()

    def _current(self) -> Raw | None:
        tables = self._atomic.read()
        raw = None if tables is None else tables.get(self.name)
        self._sync(raw)
        return raw

    def _read_table(self) -> Raw:
        raw = self._current()
        return {} if raw is None else raw

    def _get_next_id(self) -> int:
        self._current()  # TinyDB returns its cached next id without looking at the table
        return cast(int, super()._get_next_id())

    def search(self, cond: Any) -> list[Document]:
        self._current()  # a result cached for an older file must not be served
        return super().search(cond)

    def key_of(self, record_id: str) -> str | None:
        """The document key holding the record with this ``id`` field (one dict lookup once
        the index is built: the first call after a re-read scans the table)."""
        raw = self._read_table()
        if self._keys is None:
            keys: dict[Any, str] = {}
            for key, doc in raw.items():
                keys.setdefault(doc.get("id"), key)
            self._keys = keys
        return self._keys.get(record_id)

    def holds_id(self, record_id: str) -> bool:
        return self.key_of(record_id) is not None

    def _update_table(self, updater: Callable[[dict[int, Mapping[str, Any]]], None]) -> None:
        tables = self._atomic.read()
        old = None if tables is None else tables.get(self.name)
        self._sync(old)
        # New dicts for the file and the table, copied at C speed (tens of microseconds,
        # not the milliseconds of re-keying every document): a reader on another thread
        # (History's worker) may be going through the ones it got, which must not change
        # under it. The documents are shared, as in TinyDB.
        tables = {} if tables is None else dict(tables)
        raw = tables[self.name] = {} if old is None else dict(old)
        view = _IntKeys(raw)
        try:
            updater(cast(dict[int, Mapping[str, Any]], view))
            self._atomic.write(tables)
        except BaseException:
            # An update may have edited a shared document before failing: read it again.
            self._forget()
            raise
        self._seen = raw  # the caches now describe the table just written
        if self.writes is not None:
            self.writes.append(TableWrite(self.name, old, raw, tuple(view.handed)))
        if view.touched:
            self._keys = None
        elif self._keys is not None:
            for key, doc in view.added:
                self._keys.setdefault(doc.get("id"), key)
        self.clear_cache()

    def _forget(self) -> None:
        self._seen, self._keys, self._next_id = _UNSEEN, None, None
        self._query_cache.clear()
        self._atomic.invalidate()


class JournalDB(TinyDB):
    """TinyDB on the journal's storage, with ``JournalTable`` tables."""

    table_class: type[Table] = JournalTable

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.writes: list[TableWrite] = []  # every table write, oldest first; the caller clears

    @classmethod
    def on(cls, storage: AtomicJSONStorage) -> JournalDB:
        """A database on this storage instance (TinyDB itself wants a storage factory)."""
        return cls(storage=lambda: storage)

    def table(self, name: str, **kwargs: Any) -> JournalTable:
        table = cast(JournalTable, super().table(name, **kwargs))
        table.writes = self.writes
        return table
