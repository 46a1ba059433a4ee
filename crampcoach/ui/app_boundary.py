"""The App's boundary: a journal or disk failure becomes the error screen or a "Not saved"
notice, an unexpected failure in any key, button or command the error screen (never a
traceback), and every notice and title is inert text. ``CrampCoachApp`` (``ui/app.py``)
builds on this; screens reach it through ``self.cc_app``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.worker import Worker, WorkerState

from crampcoach.core.text import escape_controls

if TYPE_CHECKING:  # the store loads with the journal, after the first frame
    from crampcoach.store import Journal, JournalError

T = TypeVar("T")


class BoundaryApp(App[int]):
    """Holds the journal (once open) and guards every use of it."""

    journal: Journal | None
    data_dir: Path
    startup_error: JournalError | OSError | None
    _loop_thread: int | None = None  # the app's own thread, once running

    @property
    def journal_open(self) -> bool:
        """True once the journal is open and usable (screens never touch it directly)."""
        return self.journal is not None and self.startup_error is None

    def journal_read(self, read: Callable[[Journal], T]) -> T | None:
        """Run ``read(journal)``; a journal or disk failure opens the error screen.

        None means the journal is not open yet or the read failed (and the user was shown
        why); use it for reads whose result is never None, or where both mean the same."""
        from crampcoach.store import JournalError

        if self.journal is None:
            return None
        try:
            return read(self.journal)
        except (JournalError, OSError) as exc:
            self.show_error(exc)
        return None

    def journal_write(self, change: Callable[[Journal], T]) -> T | None:
        """Run ``change(journal)``; None means not saved and the user was told why.

        A read-only, full or refusing disk, or a busy journal, is a "Not saved" notice
        (the form stays open with what was typed); a damaged or newer journal opens the
        error screen above the form."""
        from crampcoach.store import JournalError
        from crampcoach.ui.boundary import save_notice

        if self.journal is None:
            return None
        try:
            return change(self.journal)
        except (JournalError, OSError) as exc:
            notice = save_notice(exc)
            if notice is None:
                self.show_error(exc)
            else:
                self._tell(
                    lambda: self.notify(
                        notice.message, title=notice.title, severity="error", timeout=15
                    )
                )
        return None

    def keep_first_aid(self, episode: Any, runs: Iterable[Any]) -> Any:
        """First aid's save, which never depends on the journal: the journal if it takes the
        episode, else a side file merged at the next good open, else "screen" (store.pending).
        Never raises for a journal or disk failure: it says where the episode went."""
        from crampcoach.store import keep_episode

        return keep_episode(
            self.journal if self.journal_open else None, self.data_dir, episode, runs
        )

    def show_error(self, error: BaseException) -> None:
        """The error screen above the current one (escape goes back to it)."""
        from crampcoach.ui.screens.error import ErrorScreen

        def push() -> None:
            # Several reads failing at once (a screen and its parts) show one error screen.
            if not isinstance(self.screen, ErrorScreen):
                self.push_screen(ErrorScreen(error))

        self._tell(push)

    def _tell(self, show: Callable[[], object]) -> None:
        """Show something from the app's thread, even when a thread worker failed."""
        if self._loop_thread is None or threading.get_ident() == self._loop_thread:
            show()
        else:
            self.call_from_thread(show)

    async def run_action(
        self, action: Any, default_namespace: Any = None, namespaces: Any = None
    ) -> bool:
        """Every key, button binding and palette command runs here: an unexpected failure
        shows the error screen instead of ending the app with a traceback."""
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except Exception as exc:  # the boundary: anything an action did not expect
            self.show_error(exc)
            return True

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """An app worker that failed (started with ``exit_on_error=False``) shows the error
        screen. These messages do not bubble: a screen's worker method uses
        ``crampcoach.ui.boundary.guarded`` instead."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.show_error(event.worker.error)

    # ------------------------------------------------------------ text on screen

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notice is plain text: messages often echo a path, a note or a file's cell,
        so they are never parsed as markup and their control characters are shown escaped."""
        super().notify(
            escape_controls(str(message)),
            title=escape_controls(str(title)),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def format_title(self, title: str, sub_title: str) -> Content:
        """Screen titles may hold a routine's or an article's title: escape controls."""
        return super().format_title(escape_controls(title), escape_controls(sub_title))
