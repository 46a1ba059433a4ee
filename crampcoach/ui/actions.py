"""The one registry of app actions: home keys, the help screen, the palette and the README
key table are all built from it, so they cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Action:
    name: str  # the App's action_<name>
    title: str  # plain words, as the palette and help show them
    help: str
    key: str | None = None  # its key on the home screen, if it has one
    menu: bool = True  # shown in Home's menu grid (False: a key that only works at times)


# Home keys first, in the order the menu shows them.
HOME_ACTIONS: tuple[Action, ...] = (
    Action("first_aid", "First aid now", "A cramp right now: pick where, follow the steps", "f"),
    Action("log", "Log a cramp", "Save an episode (time defaults to now)", "l"),
    Action("routines", "Routines", "Bedtime, daytime and first-aid routines", "r"),
    Action("history", "History", "Every episode, newest first", "h"),
    Action("patterns", "Patterns", "When and where cramps come, what goes with them", "p"),
    Action("doctor", "Doctor advice", "When to see a doctor, and a summary to bring", "d"),
    Action("checkin", "Evening check-in", "Water, caffeine, shoes… one per night", "c"),
    Action("learn", "Learn", "Short articles about cramps", "i"),
    Action("experiments", "Experiments", "Test a habit on and off: does it help you?", "x"),
    Action("settings", "Settings", "Theme, bell, thresholds, data folder", "s"),
    Action(
        "experiment_routine",
        "Tonight's experiment routine",
        "On an ON night of a running experiment, play its routine",
        "b",
        menu=False,
    ),
    Action("help", "Help", "Every key on every screen", "?"),
    Action("quit", "Quit", "Leave crampcoach", "q"),
)

# Reached from the palette (and their own screens), with no home key.
MORE_ACTIONS: tuple[Action, ...] = (
    Action("profile", "Profile", "Age band, conditions, medicines"),
    Action("report", "Write the doctor report", "A one-page summary to print or show"),
    Action("export", "Export episodes", "Every episode as CSV or JSON, to a file you choose"),
    Action("import", "Import episodes", "Episodes from a file written by export (in Settings)"),
    Action(
        "doctor_seen",
        "I saw a doctor about this",  # the doctor screen's key v: the same words, shown once
        "Note that a doctor has seen what the advice was about",
    ),
    Action("toggle_theme", "Switch theme", "Calm dark ↔ night red (dim red on black); ctrl+t"),
)

ALL_ACTIONS: tuple[Action, ...] = HOME_ACTIONS + MORE_ACTIONS


def home_key_line() -> str:
    """The README's home row: '`f` first aid now · `l` log · …'."""
    return " · ".join(f"`{a.key}` {a.title.lower()}" for a in HOME_ACTIONS if a.key)
