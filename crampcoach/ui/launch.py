"""Run the app; it opens the journal itself, right after its first frame."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

from crampcoach import paths

if TYPE_CHECKING:
    from crampcoach.store import Journal


def launch(root: Path, start: str | None = None, location: str | None = None) -> int:
    # Start-up allocates tens of thousands of long-lived objects (modules, classes, styles,
    # widgets) and almost no garbage: the cyclic collector ran ~100 times over them before
    # the first frame, ~15 ms of it. It is off until that frame; the app turns it back on
    # (CrampCoachApp._collect_again) with what start-up built frozen.
    gc.disable()
    try:
        return _run(root, start, location)
    finally:
        gc.enable()


def _run(root: Path, start: str | None, location: str | None) -> int:
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
