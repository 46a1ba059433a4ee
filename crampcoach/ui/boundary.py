"""The app's one error boundary: what a journal or disk failure becomes on screen.

Screens never catch journal errors themselves. They hand a function of the journal to
``app.journal_read`` or ``app.journal_write`` (see ``CrampCoachApp``), which call this module
to decide what the user sees:

- a read that fails (the file cannot be opened or parsed, a newer crampcoach wrote it, the
  disk refuses) opens the error screen;
- a save that fails because the disk is read-only, full or refuses permission, or another
  crampcoach holds the lock, is a "Not saved" notice: the form stays open with what was typed;
- a save that finds the journal damaged or newer opens the error screen over the form, so
  escape goes back to the form with the entry still in it.

Anything else that goes wrong in an action or a worker is shown on the error screen as an
unexpected problem, never as a traceback.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from crampcoach.store import JournalError, JournalLocked, WriteFailed, describe_os_error

NOT_SAVED = "Not saved"
KEPT = "What you typed is kept: try again, or press escape to leave without saving."


@dataclass(frozen=True)
class Problem:
    """What the user is shown: a title and a message in words (plain text, not markup)."""

    title: str
    message: str
    unexpected: bool = False


def os_problem(exc: OSError, *, saving: bool) -> Problem:
    """An OSError that escaped the journal (lock file, backup folder…), in words."""
    where = f" ({exc.filename})" if exc.filename else ""
    reason = describe_os_error(exc)
    if saving:
        return Problem(NOT_SAVED, f"Not saved: {reason}{where}. {KEPT}")
    return Problem(
        "The journal could not be read",
        f"Could not read the journal{where}: {reason}. Nothing was changed.",
    )


def save_notice(exc: BaseException) -> Problem | None:
    """The "Not saved" notice for a failed save, or None when it needs the error screen."""
    if isinstance(exc, WriteFailed | JournalLocked):
        return Problem(NOT_SAVED, f"Not saved: {exc}")
    if isinstance(exc, OSError):
        return os_problem(exc, saving=True)
    return None


def error_problem(exc: BaseException) -> Problem:
    """The error screen's title and message for any failure."""
    if isinstance(exc, JournalError):
        return Problem(exc.title, str(exc))
    if isinstance(exc, OSError):
        return os_problem(exc, saving=False)
    return Problem(
        "Something went wrong",
        f"crampcoach hit a problem it did not expect ({type(exc).__name__}: {exc}). "
        "Everything saved before is safe in your journal. Press escape to go back; if it "
        "happens again, quit and start crampcoach again.",
        unexpected=True,
    )


def guarded(method: Callable[..., Any]) -> Callable[..., Any]:
    """For a screen's or widget's worker method: a failure shows the error screen.

    Worker state messages do not bubble up to the app, so a worker's failure would
    otherwise either end the app with a traceback or vanish. Use it under ``@work``::

        @work(thread=True, exclusive=True, exit_on_error=False)
        @guarded
        def load(self) -> None: ...

    The error is re-raised after it is shown, so the worker ends in the ERROR state and
    anything waiting on it sees the failure; ``exit_on_error=False`` keeps the app running.
    """
    if inspect.iscoroutinefunction(method):

        @functools.wraps(method)
        async def run_async(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return await method(self, *args, **kwargs)
            except Exception as exc:
                self.app.show_error(exc)
                raise

        return run_async

    @functools.wraps(method)
    def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except Exception as exc:
            self.app.show_error(exc)
            raise

    return run
