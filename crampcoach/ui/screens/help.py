"""Every key on every screen, in one place."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from crampcoach.ui.actions import HOME_ACTIONS, MORE_ACTIONS
from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.widgets.footer import Footer
from crampcoach.ui.widgets.header import Header

SECTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Home",
        (
            *((a.key, a.title) for a in HOME_ACTIONS if a.key),
            ("ctrl+p", "Command palette: every action, each routine by name"),
        ),
    ),
    ("In the command palette (ctrl+p)", tuple(("", a.title) for a in MORE_ACTIONS)),
    (
        "First aid",
        (
            ("1 … 6", "Where it hurts: calf, foot, toes, front/back of thigh, elsewhere"),
            ("7", "Calf, staying in bed"),
            ("y / s", "Has it passed? yes / still cramping (the clock runs on)"),
            ("- / + / t", "How long: it eased sooner / longer / type it"),
            ("1 … 9, 0", "How strong it was (0 means 10)"),
            ("l", "Which leg: left, right, both (optional)"),
            ("h", "Change what helped"),
            ("a / w", "Still cramping: play again / the after-cramp routine"),
            ("enter", "Save the episode as shown"),
            ("escape / ctrl+q", "Leave (asks: save it, x leave without saving, or back)"),
        ),
    ),
    (
        "Log a cramp",
        (
            ("l / r / b", "Which leg: left, right, both (press again to clear)"),
            ("c f t h k o", "Where: calf, foot, toes, front/back of thigh, other"),
            ("0 … 9", "Time, how strong (0 = 10), minutes: the number field at or below you"),
            ("enter", "Next field; on the last one, save"),
            ("ctrl+s", "Save from any field"),
        ),
    ),
    (
        "Routines",
        (("↑ / ↓", "Pick a routine"), ("enter", "Start it"), ("escape", "Back")),
    ),
    (
        "Routine player",
        (
            ("space", "Pause or resume"),
            ("n / →", "Next step"),
            ("b / ←", "Back a step"),
            ("r", "Restart this step"),
            ("v", "Spoken cues on or off"),
            ("escape", "Leave (asks first; in first aid x leaves)"),
        ),
    ),
    (
        "Forms",
        (
            ("tab / shift+tab", "Move between fields"),
            ("space / enter", "Tick a choice"),
            ("ctrl+s", "Save"),
            ("escape", "Cancel (asks first if something changed)"),
        ),
    ),
    (
        "History",
        (
            ("enter", "Show the episode"),
            ("e", "Edit it"),
            ("x", "Delete it (asks first)"),
            ("u", "Undo the last delete"),
            ("o", "Sort by the next column"),
            ("/", "Search notes"),
        ),
    ),
    (
        "Patterns",
        (("1 / 2 / 3", "Last 4 weeks / 12 weeks / everything"), ("escape", "Back")),
    ),
    (
        "Doctor advice",
        (
            ("p", "Your profile (conditions, medicines)"),
            ("w", "Write the visit report (HTML; asks where)"),
            ("l", "Read: when to see a doctor"),
            ("v", "I saw a doctor about this (quiets routine reasons until something new)"),
            ("escape", "Back"),
        ),
    ),
    (
        "Evening check-in",
        (
            ("↑ / ↓", "Move between questions"),
            ("space", "Tick or untick"),
            ("← / →", "Experiment question: yes or no (during an experiment)"),
            ("ctrl+s", "Save"),
            ("escape", "Cancel (asks first if something changed)"),
        ),
    ),
    (
        "Experiments",
        (
            ("↑ / ↓", "Pick a habit"),
            ("enter", "Preview its schedule, then y starts it"),
            ("p / l", "In the preview: more phases / longer phases (they cycle)"),
            ("b", "Tonight's routine (on an ON night)"),
            ("s", "Stop early (asks first)"),
            ("escape", "Back"),
        ),
    ),
    ("Everywhere", (("ctrl+t", "Night red theme on/off"), ("ctrl+q", "Quit"))),
)


class HelpScreen(FreshStyles, Screen[None]):
    SUB_TITLE = "Help"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("q", "app.pop_screen", "Back", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with VerticalScroll(id="help"):
            for title, keys in SECTIONS:
                lines = [f"[b]{title}[/b]"]
                lines += [f"  [b]{key:<16}[/b] {what}" for key, what in keys]
                yield Static("\n".join(lines), classes="help-section")
            yield Static(
                "crampcoach is not medical advice. If a cramp lasts more than 10 minutes, "
                "or your calf is swollen, red or warm, get medical help.",
                classes="help-note",
            )
        yield Footer()
