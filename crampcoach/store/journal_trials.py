"""Personal experiments in the journal (owned by the experiments feature).

Records pass the gate in core/trial.py. Every change re-reads under the lock and changes
only what was asked: a stop from the command line and an answer from the app never undo
each other.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime

from tinydb import Query

from crampcoach.core.errors import ValidationError
from crampcoach.core.trial import (
    Trial,
    TrialError,
    active_trial,
    trial_from_dict,
    trial_to_dict,
)
from crampcoach.store.journal_core import JournalCore


class TrialRecords(JournalCore):
    def trials(self) -> list[Trial]:
        """Every experiment, oldest first."""
        return list(self._load().trials)

    def start_trial(self, trial: Trial, now: datetime, boundary_hour: int = 12) -> Trial:
        """Save a new experiment; refuses (TrialError) while another one is running."""
        with self._change() as db:
            table = db.table("trials")
            existing = []
            for doc in table.all():
                with contextlib.suppress(ValidationError):
                    existing.append(trial_from_dict(dict(doc)))
            running = active_trial(existing, now, boundary_hour)
            if running is not None:
                raise TrialError(
                    f"an experiment ({running.habit}) is already running; stop it first"
                )
            table.insert(trial_to_dict(trial_from_dict(trial_to_dict(trial))))
        return trial

    def stop_trial(self, trial_id: str, at: datetime) -> Trial:
        """Stop an experiment early (an already stopped one keeps its first stop)."""
        return self._change_trial(
            trial_id, lambda t: t if t.stopped_at is not None else replace(t, stopped_at=at)
        )

    def set_trial_kept(self, trial_id: str, night: date, kept: bool | None) -> Trial:
        """Record whether ``night`` kept its arm (None clears the answer)."""
        return self._change_trial(trial_id, lambda t: t.with_kept(night, kept))

    def _change_trial(self, trial_id: str, change: Callable[[Trial], Trial]) -> Trial:
        with self._change() as db:
            table = db.table("trials")
            doc = table.get(Query().id == trial_id)
            if doc is None:
                raise KeyError(trial_id)
            trial = change(trial_from_dict(dict(doc)))
            table.update(trial_to_dict(trial), doc_ids=[doc.doc_id])  # by key: see save_checkin
        return trial
