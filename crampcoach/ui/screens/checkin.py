"""The evening check-in: one per night, a number and a tight list of ticks.

The night is the evening's date (nights run noon to noon), so in the morning the check-in is
still last night's. Opening it again edits the one already saved. A bedtime routine started
that evening ticks "bedtime routine done" by itself.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from crampcoach.core.form_rules import parse_water
from crampcoach.core.models import CHECKIN_FACTORS, CHECKIN_LABELS, CheckIn
from crampcoach.core.nights import episode_night, night_of
from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.text import join_text, user_text
from crampcoach.ui.typed_app import CrampCoachAppAccess
from crampcoach.ui.widgets.arm_question import ArmQuestion
from crampcoach.ui.widgets.footer import Footer
from crampcoach.ui.widgets.header import Header
from crampcoach.ui.widgets.presets import Checkbox
from crampcoach.ui.widgets.text_fields import TextInput

EARLY_MORNING_HOUR = 5  # before this, "tonight" still means the evening before


def night_words(night: date, now: datetime) -> str:
    """Which night the check-in is for, in words that fit the hour it is filled in."""
    name = f"{night:%a %d %b}"
    if now.date() == night:
        return f"tonight ({name})"
    if (now.date() - night).days == 1 and now.hour < EARLY_MORNING_HOUR:
        return f"tonight (the evening of {name})"  # after midnight, not slept yet
    if (now.date() - night).days == 1:
        return f"last night ({name})"
    return f"the night of {name}"


class CheckInScreen(FreshStyles, CrampCoachAppAccess, Screen[CheckIn | None]):
    AUTO_FOCUS = "#water"  # focused as the screen is built (ui/fresh_styles.py)
    SUB_TITLE = "Evening check-in"
    CSS_PATH = "../styles/checkin.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save", priority=True),
        Binding("escape", "cancel", "Cancel", id="cancel"),
        Binding("down", "app.focus_next", "Next", show=False, priority=True),
        Binding("up", "app.focus_previous", "Previous", show=False, priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.night: date | None = None
        self.existing: CheckIn | None = None
        self.bedtime_run: str | None = None
        self._initial: dict[str, Any] | None = None

    # ------------------------------------------------------------ layout

    def _load(self) -> CheckIn:
        app = self.cc_app
        now = app.now()
        boundary = app.settings.night_boundary_hour
        self.night = night_of(now, None, boundary)
        night = self.night
        self.existing = app.journal_read(lambda journal: journal.checkin_for(night))
        self.bedtime_run = self._bedtime_run_name(boundary)
        start = self.existing or CheckIn(night=self.night)
        if self.bedtime_run and not start.bedtime_routine:
            from dataclasses import replace

            start = replace(start, bedtime_routine=True)
        return start

    def _bedtime_run_name(self, boundary: int) -> str | None:
        """The title of a bedtime routine started this night's evening, if any."""
        app = self.cc_app
        try:
            routines = {r.id: r for r in app.catalog.of_kind("bedtime")}
        except Exception:  # a broken routine file must not block the check-in
            return None
        runs = app.journal_read(lambda journal: journal.runs()) or []
        for run in reversed(runs):
            if run.routine_id in routines and episode_night(run, boundary) == self.night:
                return routines[run.routine_id].title
        return None

    def compose(self) -> ComposeResult:
        start = self._load()
        app = self.cc_app
        assert self.night is not None
        yield Header(icon="")
        with VerticalScroll(id="checkin-form"):
            words = night_words(self.night, app.now())
            state = "editing the one you saved" if self.existing else "new"
            yield Static(
                f"Check-in for [b]{words}[/b] · {state}",
                id="checkin-night",
            )
            with Horizontal(id="water-row"):
                yield Label("Glasses of water today", id="water-label")
                yield TextInput(
                    "" if start.water_glasses is None else str(start.water_glasses),
                    id="water",
                    placeholder="0–40",
                    max_length=3,
                    restrict=r"[0-9 ]*",
                    compact=True,
                )
                yield Static(id="err-water", classes="error")
            yield Static("Tick what was true today (space ticks):", classes="hint")
            for key in CHECKIN_FACTORS:
                yield Checkbox(
                    CHECKIN_LABELS[key],
                    value=bool(getattr(start, key)),
                    id=key,
                    compact=True,
                    classes="factor",
                )
            if self.bedtime_run:
                yield Static(
                    join_text(
                        "Bedtime routine ticked for you: you started ",
                        user_text(self.bedtime_run),  # a user routine's title
                        " this evening.",
                    ),
                    id="bedtime-auto",
                    classes="hint",
                )
            yield ArmQuestion(self.night)
            yield Static("ctrl+s saves · escape cancels · ↑↓ or tab move", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        if self.existing is not None:
            self.sub_title = "Evening check-in · editing"
        self._initial = self._collect()

    # ------------------------------------------------------------ reading the form

    def _collect(self) -> dict[str, Any]:
        data: dict[str, Any] = {"water": self.query_one("#water", Input).value.strip()}
        for key in CHECKIN_FACTORS:
            data[key] = self.query_one(f"#{key}", Checkbox).value
        data["arm"] = self.query_one(ArmQuestion).answer
        return data

    @property
    def changed(self) -> bool:
        return self._initial is not None and self._collect() != self._initial

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "water":
            _, message = parse_water(event.value)
            self.query_one("#err-water", Static).update(user_text(message))

    # ------------------------------------------------------------ saving

    def action_save(self) -> None:
        data = self._collect()
        water, message = parse_water(data["water"])
        self.query_one("#err-water", Static).update(user_text(message))
        if message:
            self.query_one("#water", Input).focus()
            self.notify("Please check the number of glasses.", severity="warning")
            return
        assert self.night is not None
        flags: dict[str, Any] = {key: bool(data[key]) for key in CHECKIN_FACTORS}
        kwargs: dict[str, Any] = {"id": self.existing.id} if self.existing else {}
        checkin = CheckIn(night=self.night, water_glasses=water, **flags, **kwargs)
        app = self.cc_app
        saved = app.journal_write(lambda journal: journal.save_checkin(checkin))
        if saved is None or not self.query_one(ArmQuestion).save():
            return  # the failure is shown; the ticks stay for a retry
        app.notify(f"Check-in saved for {night_words(self.night, app.now())}.")
        self.dismiss(saved)

    def action_cancel(self) -> None:
        from crampcoach.ui.screens.confirm import dismiss_unless_changed

        dismiss_unless_changed(
            self, self.changed, "Discard the changes to this check-in?", yes="Discard", no="Keep"
        )
