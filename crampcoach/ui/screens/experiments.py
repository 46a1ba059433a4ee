"""Experiments: the running (or last) experiment's status and result, and the habits on offer.

Everything shown is decided in core (trial, trial_text); this screen lays it out. Starting goes
through a preview of the exact schedule that will be saved.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.text import join_text, user_text
from crampcoach.ui.typed_app import CrampCoachAppAccess
from crampcoach.ui.widgets.footer import Footer
from crampcoach.ui.widgets.header import Header

if TYPE_CHECKING:  # types only: trials load when the screen first shows one
    from crampcoach.core.trial import Trial, TrialResult

BAR_WIDTH = 20


def arm_bars(result: TrialResult, width: int = BAR_WIDTH) -> Content:
    """The small on/off chart: the share of tracked nights with a cramp, per arm.

    The empty part of a bar is $foreground-muted (the themes check its contrast), never dim.
    """
    parts: list[str | tuple[str, str]] = []
    for count in (result.on, result.off):
        share = count.rate or 0.0
        filled = round(share * width)
        pct = "–" if count.rate is None else f"{round(100 * share)}%"
        parts += [
            "\n" if parts else "",
            f"'{count.arm}'".ljust(6),
            ("█" * filled, "bold"),
            ("░" * (width - filled), "$foreground-muted"),
            f" {count.cramp_nights} of {count.nights} nights ({pct})",
        ]
    return Content.assemble(*parts)


class ExperimentsScreen(FreshStyles, CrampCoachAppAccess, Screen[None]):
    CSS_PATH = "../styles/experiments.tcss"
    SUB_TITLE = "Experiments"
    BINDINGS = [
        # Above the list's own enter, so the footer shows what enter does here.
        Binding("enter", "start", "Preview & start", id="start", priority=True),
        Binding("b", "routine", "Tonight's routine", id="routine"),
        Binding("s", "stop", "Stop early", id="stop"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.trial: Trial | None = None
        self.running = False
        self.routine_tonight = False  # an ON night of a habit with a routine

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with VerticalScroll(id="experiments"):
            yield Static(id="exp-now")
            yield Static(id="exp-schedule")
            yield Static(id="exp-chart")
            yield Static(id="exp-result")
            yield Static("[b]Habits you can test[/b] · enter previews a schedule", id="exp-pick")
            yield OptionList(id="habits")
            yield Static(id="habit-detail")
        yield Footer()

    def on_mount(self) -> None:
        from crampcoach.habits import load_habits

        self.habits = load_habits()
        options = self.query_one("#habits", OptionList)
        options.add_options([Option(user_text(h.title), id=h.id) for h in self.habits])
        options.highlighted = 0
        options.focus(scroll_visible=False)
        self.query_one("#exp-now", Static).update("Reading your nights…")
        for name in ("#exp-chart", "#exp-result", "#exp-schedule"):
            self.query_one(name).display = False

    def on_screen_resume(self) -> None:
        # Paint first, then read the journal: years of nights never delay the frame.
        self.call_after_refresh(self._after_paint)

    def _after_paint(self) -> None:
        self.refresh_experiment()
        # The experiment comes first; the list scrolls into view when the user moves in it.
        self.query_one("#experiments").scroll_home(animate=False)

    # ------------------------------------------------------------ showing

    def refresh_experiment(self) -> None:
        from crampcoach.core.trial import RUNNING
        from crampcoach.core.trial_text import result_lines, schedule_lines, status_line
        from crampcoach.experiments import current_trial, result_for
        from crampcoach.habits import habit_name

        app = self.cc_app
        now, boundary = app.now(), app.settings.night_boundary_hour
        trial = app.journal_read(lambda journal: current_trial(journal, now, boundary))
        result = (
            app.journal_read(lambda journal: result_for(journal, trial, now, boundary))
            if trial
            else None
        )
        self.trial = trial
        self.running = trial is not None and trial.state(now, boundary) == RUNNING
        self.routine_tonight = False
        chart = self.query_one("#exp-chart", Static)
        if trial is None or result is None:
            self.query_one("#exp-now", Static).update(
                "No experiment yet. Pick a habit, see its schedule, and start: it switches on "
                "and off in phases, then your cramp nights are compared."
            )
            for name in ("#exp-result", "#exp-schedule"):
                self.query_one(name, Static).display = False
            chart.display = False
            self.refresh_bindings()
            return
        name = habit_name(trial.habit)
        self.query_one("#exp-now", Static).update(
            join_text(
                user_text(status_line(trial, now, name, boundary), style="bold"),
                user_text(self._tonight(trial, now, boundary)),
            )
        )
        chart.display = result.on.nights + result.off.nights > 0
        chart.update(arm_bars(result))
        shown = self.query_one("#exp-result", Static)
        shown.display = True
        shown.update(user_text("\n".join(result_lines(result, name))))
        until = result.done_until
        marks = []
        for phase, line in zip(trial.phases, schedule_lines(trial), strict=True):
            if phase.last_night <= until:
                mark = "✓ "
            elif self.running and phase.first_night <= until + _one_day():
                mark = "▸ "
            else:
                mark = "  "
            marks.append(mark + line)
        schedule = self.query_one("#exp-schedule", Static)
        schedule.display = True
        schedule.update(user_text("Schedule (fixed at the start):\n" + "\n".join(marks)))
        self.refresh_bindings()

    def _tonight(self, trial: Trial, now: datetime, boundary: int) -> str:
        """What to do tonight, in the habit's own words (running experiments only)."""
        from crampcoach.core.trial import coming_night
        from crampcoach.habits import get_habit

        habit = get_habit(trial.habit)
        arm = trial.arm_of(coming_night(now, boundary)) if self.running else None
        if habit is None or arm is None:
            return ""
        todo = habit.on if arm == "on" else habit.off
        self.routine_tonight = arm == "on" and habit.routine is not None
        key = " Press b to play it." if self.routine_tonight else ""
        return f"\nTonight: {todo}{key}"

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        habit = next((h for h in self.habits if h.id == event.option.id), None)
        if habit is None:
            return
        routine = (
            "\nOn 'on' nights, b (here or on Home) plays its routine." if habit.routine else ""
        )
        self.query_one("#habit-detail", Static).update(
            user_text(
                f"On nights: {habit.on}\nOff nights: {habit.off}\nEvidence: {habit.evidence}\n"
                f"Safety: {habit.safety}{routine}\nFirst aid is there on every night."
            )
        )

    # ------------------------------------------------------------ keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "stop":
            return self.running
        if action == "routine":
            return self.routine_tonight
        return True

    async def action_routine(self) -> None:
        await self.app.run_action("app.experiment_routine")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_start()

    def action_start(self) -> None:
        if self.running:
            self.notify("An experiment is running; stop it (s) before starting another.")
            return
        options = self.query_one("#habits", OptionList)
        if options.highlighted is None:
            return
        habit = self.habits[options.highlighted]
        from crampcoach.ui.screens.experiment_start import StartPreviewScreen

        self.app.push_screen(StartPreviewScreen(habit), self._started)

    def _started(self, trial: Trial | None) -> None:
        if trial is not None:
            self.refresh_experiment()

    def action_stop(self) -> None:
        if not self.running or self.trial is None:
            return
        from crampcoach.ui.screens.confirm import ConfirmScreen

        trial = self.trial

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            app = self.cc_app
            if (
                app.journal_write(lambda journal: journal.stop_trial(trial.id, app.now()))
                is not None
            ):
                self.notify("Experiment stopped early; the result so far is shown.")
                self.refresh_experiment()

        self.app.push_screen(
            ConfirmScreen(
                "Stop this experiment early? The nights so far are kept and the result "
                "is labelled 'stopped early'.",
                yes="Stop it",
                no="Keep going",
            ),
            answer,
        )


def _one_day():
    from datetime import timedelta

    return timedelta(days=1)
