"""Episodes in the journal: reading them, and adding, editing, removing and importing them.

Every record written passes the same gate as every load (``gate``) before the lock is
taken; ids are looked up in the table's id index (``JournalTable.key_of``), not by a
query over every document.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from crampcoach.core.models import Episode, episode_from_dict, episode_to_dict
from crampcoach.store.errors import RecordRefused
from crampcoach.store.journal_core import JournalCore, gate


def _episode_key(ep: Episode) -> tuple[Any, ...]:
    """What makes two episodes "the same" for idempotent import."""
    return (ep.started_at.astimezone(UTC).replace(microsecond=0), ep.side, ep.locations)


def _same_content(a: Episode, b: Episode) -> bool:
    return episode_to_dict(a) == episode_to_dict(b)


class EpisodeRecords(JournalCore):
    def episodes(self) -> list[Episode]:
        """All episodes, oldest first."""
        return list(self._load().episodes)

    def episodes_since(self, since: datetime) -> list[Episode]:
        """Episodes that started at or after ``since``, oldest first."""
        cutoff = since.timestamp()
        return [e for e in self._load().episodes if e.started_at.timestamp() >= cutoff]

    def last_episode(self) -> Episode | None:
        """The most recent episode."""
        eps = self._load().episodes
        return eps[-1] if eps else None

    def get_episode(self, episode_id: str) -> Episode | None:
        return next((e for e in self._load().episodes if e.id == episode_id), None)

    def episodes_with_red_flags(self) -> list[Episode]:
        """Every episode that noted a warning sign, oldest first (signs have no time limit)."""
        return [e for e in self._load().episodes if e.red_flags]

    def add_episode(self, episode: Episode) -> Episode:
        doc = episode_to_dict(episode)
        gate(episode_from_dict, doc)
        with self._change() as db:
            table = db.table("episodes")
            if table.holds_id(episode.id):
                raise RecordRefused(f"Not saved: an episode with id {episode.id} exists already.")
            table.insert(doc)
        return episode

    def update_episode(self, episode: Episode) -> Episode:
        doc = episode_to_dict(episode)
        gate(episode_from_dict, doc)
        with self._change() as db:
            table = db.table("episodes")
            key = table.key_of(episode.id)
            if key is None:
                raise KeyError(episode.id)
            table.update(doc, doc_ids=[int(key)])
        return episode

    def delete_episode(self, episode_id: str) -> Episode | None:
        """Remove an episode and return it (for undo)."""
        with self._change() as db:
            table = db.table("episodes")
            key = table.key_of(episode_id)
            doc = None if key is None else table.get(doc_id=int(key))
            if key is None or doc is None:
                return None
            removed = episode_from_dict(dict(doc))
            table.remove(doc_ids=[int(key)])
        return removed

    def add_episodes(self, episodes: Iterable[Episode]) -> int:
        """Add many episodes in one write; all or nothing.

        An episode already in the journal (the same id with the same content, or no id
        match but the same start, side and places) is skipped, so importing a file twice
        adds nothing. An id already in the journal with other content is refused: the
        journal's version may hold edits made since the file was written, and importing
        never overwrites them (RecordRefused names the id; nothing is written).
        """
        new = list(episodes)
        docs = []
        for ep in new:
            doc = episode_to_dict(ep)
            gate(episode_from_dict, doc)
            docs.append(doc)
        with self._change() as db:
            existing = self._load().episodes
            by_id = {e.id: e for e in existing}
            seen = {_episode_key(e) for e in existing}
            fresh = []
            ids: set[str] = set()
            for ep, doc in zip(new, docs, strict=True):
                if ep.id in ids:
                    raise RecordRefused(
                        f"Nothing was imported: the id {ep.id} is used by two episodes in the file."
                    )
                ids.add(ep.id)
                known = by_id.get(ep.id)
                if known is not None:
                    if _same_content(known, ep):
                        continue
                    raise RecordRefused(
                        f"Nothing was imported: the episode with id {ep.id} is already in the "
                        "journal with other content (it may have been edited since the file was "
                        "written). Remove that record from the file, or its id to add it as a "
                        "new episode."
                    )
                key = _episode_key(ep)
                if key in seen:
                    continue
                seen.add(key)
                fresh.append(doc)
            if fresh:
                db.table("episodes").insert_multiple(fresh)
        return len(fresh)
