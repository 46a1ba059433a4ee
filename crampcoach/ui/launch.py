"""Open the journal and run the app; a journal error becomes the app's error screen."""

from __future__ import annotations

import gc
from pathlib import Path

from crampcoach import paths
from crampcoach.store import Journal, JournalError


def launch(root: Path, start: str | None = None, location: str | None = None) -> int:
    from crampcoach.ui.app import CrampCoachApp

    journal: Journal | None = None
    error: JournalError | None = None
    try:
        journal = Journal.open(paths.journal_path(root))
    except JournalError as exc:
        error = exc
    # The journal's records live as long as the app: move them out of the collector's
    # sight, so its full collections during start-up do not walk them all each time.
    gc.freeze()
    app = CrampCoachApp(journal, root, error=error, start=start, location=location)
    app.run()
    if journal is not None:
        journal.close()
    return 1 if error is not None else (app.return_code or 0)
