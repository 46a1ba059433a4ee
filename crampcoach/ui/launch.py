"""Run the app; it opens the journal itself, right after its first frame."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from crampcoach import paths

if TYPE_CHECKING:
    from crampcoach.store import Journal


def launch(root: Path, start: str | None = None, location: str | None = None) -> int:
    from crampcoach.ui.app import CrampCoachApp
    from crampcoach.ui.theme_hint import read_hint

    def opener() -> Journal:  # the store loads only here, after the first frame
        from crampcoach.store import Journal

        return Journal.open(paths.journal_path(root))

    app = CrampCoachApp(
        None, root, opener=opener, theme_hint=read_hint(root), start=start, location=location
    )
    app.run()
    if app.journal is not None:
        app.journal.close()
    return 1 if app.startup_error is not None else (app.return_code or 0)
