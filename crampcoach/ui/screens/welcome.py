"""First run: what the app does, that nothing leaves the machine, that it is not medical advice.

Shown once: leaving it by any key marks the journal's settings ``welcomed``. Settings can show
it again.
"""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.typed_app import CrampCoachAppAccess
from crampcoach.ui.widgets.footer import Footer
from crampcoach.ui.widgets.header import Header

WELCOME_TEXT = """\
[b]Welcome to crampcoach[/b]

For leg cramps that wake you at night:
 • [b]f[/b] first aid now: a cramp right now, step by step
 • [b]l[/b] log a cramp in a few keys; [b]p[/b] shows the patterns
 • bedtime routines, and plain words on when to see a doctor

Everything stays on this computer. Nothing is sent anywhere.

This is not medical advice. If you are worried, see your doctor.
"""

PROFILE_TEXT = (
    "A few optional questions (age, health, medicines) help the app say when a visit to "
    "the doctor is worth it. You can answer them now or later in settings."
)


class WelcomeScreen(FreshStyles, CrampCoachAppAccess, Screen[None]):
    AUTO_FOCUS = "#profile"  # focused as the screen is built (ui/fresh_styles.py)
    SUB_TITLE = "Welcome"
    CSS_PATH = "../styles/welcome.tcss"
    BINDINGS = [
        Binding("p", "profile", "Profile questions", id="profile"),
        Binding("s", "skip", "Skip", id="skip"),
        Binding("escape", "skip", "Skip", id="skip-escape", show=False),
        Binding("f", "first_aid", "First aid now", id="first-aid"),
    ]

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with VerticalScroll(id="welcome"), Center(), Vertical(id="welcome-box"):
            yield Static(WELCOME_TEXT, id="welcome-text")
            yield Static(PROFILE_TEXT, id="welcome-profile", classes="hint")
            with Horizontal(id="welcome-buttons"):
                yield Button("Answer the questions (p)", id="profile")
                yield Button("Skip for now (s)", id="skip")
        yield Footer()

    def _welcomed(self) -> None:
        """Never show this again; leave the screen."""
        app = self.cc_app
        if not app.settings.welcomed:
            app.save_settings(replace(app.settings, welcomed=True))
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "profile":
            self.action_profile()
        else:
            self.action_skip()

    def action_profile(self) -> None:
        app = self.cc_app
        self._welcomed()
        app.action_profile()

    def action_skip(self) -> None:
        self._welcomed()

    def action_first_aid(self) -> None:
        app = self.cc_app
        self._welcomed()
        app.action_first_aid()
