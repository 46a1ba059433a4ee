"""What the app does before its first frame: only what that frame shows.

The journal opens right after the first frame (``CrampCoachApp._open_journal``); these tests
look at the app at that moment.
"""

from __future__ import annotations

import subprocess
import sys

from textual.widgets import Static

from crampcoach.ui.screens.home import HomeScreen
from crampcoach.ui.themes import NIGHT_RED
from tests.ui_support import NOW, ZONE, open_journal

# Run the real command line (cli.main -> launch -> the app) headless, and stop it where the
# journal would open: just after the first frame.
FIRST_FRAME = """
import gc, os, sys
from textual.app import App
import crampcoach.cli as cli
from crampcoach.ui.app import CrampCoachApp

loaded = []
collecting = []

def at_first_frame(self):
    names = ("argparse", "crampcoach.store", "crampcoach.core.models", "tinydb")
    loaded.extend(name for name in names if name in sys.modules)
    collecting.append(gc.isenabled())
    self.exit()

CrampCoachApp._open_journal = at_first_frame
run = App.run
App.run = lambda self, **kw: run(self, headless=True, size=(80, 24))
cli.os.isatty = lambda fd: True  # the app needs a terminal
code = cli.main(["--data-dir", sys.argv[1]])
print(code, sorted(loaded), collecting, gc.isenabled())
"""


def test_the_first_frame_loads_neither_the_parser_nor_the_store_nor_the_models(tmp_path):
    """The store (with TinyDB) and the record models load with the journal, after the frame;
    a failure's error classes are imported only when something failed. The cyclic collector,
    off for start-up, is on again by the time the journal opens."""
    out = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert out.stdout.strip().splitlines()[-1] == "0 [] [True] True", out.stderr


async def test_the_hinted_theme_styles_the_first_frame_with_one_parse_of_the_styles(tmp_path):
    """Setting the theme before the app runs must not queue a second parse of the whole style
    sheet (Textual's theme watcher does): the first frame is already in night red."""
    from crampcoach.core.models import Settings
    from crampcoach.ui.app import CrampCoachApp

    journal = open_journal(tmp_path)
    journal.save_settings(Settings(theme=NIGHT_RED.name, welcomed=True))
    journal.close()
    seen: dict[str, object] = {}

    def opener():
        seen["background"] = app.screen.styles.background.hex
        seen["reparses"] = reparses[0]
        return open_journal(tmp_path)

    app = CrampCoachApp(
        None, tmp_path, opener=opener, theme_hint=NIGHT_RED.name, now=lambda: NOW, zone=ZONE
    )
    reparses = [0]
    real_reparse = app.stylesheet.reparse

    def counting_reparse() -> None:
        reparses[0] += 1
        real_reparse()

    app.stylesheet.reparse = counting_reparse  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert seen == {"background": NIGHT_RED.background, "reparses": 0}
        assert app.has_class(f"-theme-{NIGHT_RED.name}", "-dark-mode")
        assert app.theme == NIGHT_RED.name
        # Ctrl+t still switches, through Textual's own watcher.
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme != NIGHT_RED.name
        assert not app.has_class(f"-theme-{NIGHT_RED.name}")
        assert app.screen.styles.background.hex != NIGHT_RED.background


async def test_home_mounts_its_hidden_parts_after_the_first_frame_in_their_places(
    tmp_path, monkeypatch
):
    """The doctor banner and the experiment line are not in Home's first compose; they come
    right after it, above and below the cards, whether or not the journal has opened."""
    from crampcoach.ui.app import CrampCoachApp

    open_journal(tmp_path).close()
    before: list[list[str | None]] = []
    mount_them = HomeScreen._mount_hidden_parts

    def recording(self: HomeScreen) -> None:
        before.append([w.id for w in self.query_one("#home").children])
        mount_them(self)

    monkeypatch.setattr(HomeScreen, "_mount_hidden_parts", recording)

    def broken():
        raise OSError("the disk went away")

    for opener in (lambda: open_journal(tmp_path), broken):
        app = CrampCoachApp(None, tmp_path, opener=opener, now=lambda: NOW, zone=ZONE)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            home = app.screen_stack[0]
            assert isinstance(home, HomeScreen)
            ids = [w.id for w in home.query_one("#home").children]
            assert ids == ["doctor-banner", "glance", "experiment-line", "strip", "menu"]
            assert not home.query_one("#doctor-banner").display
            assert not home.query_one("#experiment-line", Static).display
        assert before[0] == ["glance", "strip", "menu"]
        before.clear()
