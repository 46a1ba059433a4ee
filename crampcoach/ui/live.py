"""The open app follows writes from elsewhere (``crampcoach log`` in another terminal, an import).

Once a second the app stats the journal; when another process has written it, the screen in
view gets a ``JournalChanged`` message and re-reads what it shows. Forms ignore it, so what
the user is typing stays put.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from crampcoach.ui.app_boundary import BoundaryApp

if TYPE_CHECKING:
    from crampcoach.core.models import Settings

POLL_SECONDS = 1.0


class JournalChanged(Message):
    """The journal file changed on disk; screens that show journal data refresh."""


class LiveJournalApp(BoundaryApp):
    """The app's side of the live journal: ``check_journal`` runs every ``POLL_SECONDS``."""

    settings: Settings
    _watch_failed = False  # set after a failed read: one error screen, not one a second
    _rechecking = False  # a worker is reading what another process wrote

    def check_journal(self) -> None:
        """Tell the screen in view when another process wrote the journal.

        The poll is one stat on the app's thread; reading the new file (70-90 ms with ten
        years in it) happens in a worker, so the screen keeps answering keys meanwhile."""
        journal = self.journal
        if (
            journal is None
            or self._watch_failed
            or self._rechecking
            or not journal.changed_since_last_read()
        ):
            return
        self._rechecking = True
        self.run_worker(
            self._recheck_journal, thread=True, group="journal-watch", exit_on_error=False
        )

    def _recheck_journal(self) -> None:
        journal = self.journal
        assert journal is not None
        try:
            # Reading the settings takes in the new file, so one write is one message.
            settings = journal.settings()
        except Exception as exc:  # the error screen says what it was (ui/boundary.py)
            self.call_from_thread(self._recheck_failed, exc)
        else:
            self.call_from_thread(self._rechecked, settings)

    def _rechecked(self, settings: Settings) -> None:
        self._rechecking = False
        self.settings = settings
        self.screen.post_message(JournalChanged())

    def _recheck_failed(self, exc: BaseException) -> None:
        self._rechecking = False
        self._watch_failed = True  # one error screen, not one a second
        self.show_error(exc)
