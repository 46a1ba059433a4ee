"""The routine player: one step at a time, a big countdown, and keys that forgive.

The countdown always comes from ``RoutinePlayer.remaining()`` on the app's monotonic clock;
the interval only redraws. Every run, finished or left, is saved to the journal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Digits, Footer, Header, ProgressBar, Static

from crampcoach.core.models import RoutineRun
from crampcoach.core.relief import relief_for, steps_tried
from crampcoach.core.routines import Routine
from crampcoach.core.timer import (
    Event,
    PhaseEnded,
    RoutineFinished,
    RoutinePlayer,
    StepFinished,
)
from crampcoach.core.times import zone_name
from crampcoach.ui.format import clock
from crampcoach.ui.text import user_text

# Redraw often enough that the seconds never look stuck; the time itself comes from the clock.
REDRAW_S = 0.1
FLASH_S = 0.3

STATE_WORDS = {"get-ready": "Get ready", "step": "Go", "rest": "Rest"}


@dataclass(frozen=True)
class PlayResult:
    """What a play of a routine did; the player dismisses with it."""

    routine_id: str
    finished: bool
    steps_completed: int
    steps_total: int
    steps_done: tuple[int, ...]  # finished steps plus the one tried when leaving
    relief: tuple[str, ...]
    started_at: datetime
    ended_at: datetime
    played_s: float


class PlayerScreen(Screen[PlayResult]):
    """Plays ``routine``. With ``close_when_done`` it dismisses at the end at once (first aid
    goes straight on to "Has it passed?"); otherwise it shows "Done" until enter or escape."""

    CSS_PATH = "../styles/player.tcss"
    SUB_TITLE = "Routine"
    BINDINGS = [
        Binding("space", "toggle_pause", "Pause/resume", id="pause"),
        Binding("n,right", "next", "Next", id="next", key_display="n →"),
        Binding("b,left", "back", "Back", id="back", key_display="b ←"),
        Binding("r", "restart", "Restart step", id="restart"),
        Binding("enter", "close", "Close", id="close"),
        Binding("escape", "leave", "Leave", id="leave"),
    ]

    def __init__(self, routine: Routine, *, close_when_done: bool = False) -> None:
        super().__init__()
        self.routine = routine
        self.close_when_done = close_when_done
        self.player: RoutinePlayer | None = None
        self.result: PlayResult | None = None
        self._finished_steps: set[int] = set()
        self._started_at: datetime | None = None
        self._timer: Timer | None = None
        self._edge_timer: Timer | None = None
        self._asking = False

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with VerticalScroll(id="player", can_focus=False):
            yield Static(id="routine-line", markup=False)
            yield Static(id="cue", markup=False)
            yield Static(id="step-title", markup=False)
            yield Static(id="step-text", markup=False)
            with Horizontal(id="clock-row"):
                yield Digits("00:00", id="countdown")
                with Vertical(id="clock-side"):
                    yield Static(id="phase-state", markup=False)
                    yield Static(id="reps", markup=False)
                    yield ProgressBar(
                        total=1, show_eta=False, show_percentage=False, id="step-progress"
                    )
            yield Static(id="caution", markup=False)
            yield Static(id="next", markup=False)
            yield Static(user_text(self.routine.safety), id="safety", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        app: Any = self.app
        self.sub_title = self.routine.title
        self.player = RoutinePlayer(
            self.routine, app.monotonic, get_ready_s=app.settings.get_ready_s
        )
        self._started_at = app.now()
        self._timer = self.set_interval(REDRAW_S, self.sync, pause=True)
        self._handle(self.player.start())
        self._timer.resume()
        self._draw()

    # ------------------------------------------------------------ the clock

    def sync(self) -> None:
        """Read the clock, act on what happened since the last look, and redraw."""
        if self.player is None or self.result is not None:
            return
        self._handle(self.player.tick())
        if self.result is None:
            self._draw()
            self._aim_at_deadline()

    def _aim_at_deadline(self) -> None:
        """Wake exactly at a deadline closer than the next redraw, so bells are on time."""
        player = self.player
        if player is None or player.paused or player.done:
            return
        left = player.remaining()
        if 0 < left < REDRAW_S and self._edge_timer is None:
            self._edge_timer = self.set_timer(left + 0.002, self._at_edge)

    def _at_edge(self) -> None:
        self._edge_timer = None
        self.sync()

    def _handle(self, events: Iterable[Event]) -> None:
        signal = False
        finished = False
        for event in events:
            if isinstance(event, PhaseEnded) and not event.skipped and event.phase.kind == "step":
                signal = True
            elif isinstance(event, StepFinished):
                self._finished_steps.add(event.step_index)
            elif isinstance(event, RoutineFinished):
                finished = True
        if signal:
            self._signal_step_end()
        if finished:
            self._finish(finished=True)

    def _signal_step_end(self) -> None:
        app: Any = self.app
        if app.settings.bell:
            app.bell()
        if app.settings.flash:
            # On the clock row only: restyling one small branch costs far less than the screen.
            row = self.query_one("#clock-row")
            row.add_class("-flash")
            self.set_timer(FLASH_S, lambda: row.remove_class("-flash"))

    # ------------------------------------------------------------ drawing

    def _draw(self) -> None:
        player = self.player
        if player is None:
            return
        if player.done:
            self._draw_done()
            return
        phase = player.phase
        left = player.remaining()
        self.query_one("#routine-line", Static).update(
            user_text(
                f"{self.routine.title}  ·  step {player.step_index + 1} of {player.step_count}"
                f"  ·  {clock(player.overall_remaining())} left in all"
            )
        )
        cue = self.query_one("#cue", Static)
        cue.update(user_text(phase.cue))
        cue.display = bool(phase.cue)
        self.query_one("#step-title", Static).update(user_text(phase.heading))
        self.query_one("#step-text", Static).update(user_text(phase.text))
        self.query_one("#countdown", Digits).update(clock(left))
        state = "Paused · space to go on" if player.paused else STATE_WORDS[phase.kind]
        self.query_one("#phase-state", Static).update(state)
        self.set_class(player.paused, "-paused")
        rep = player.rep_now()
        reps = self.query_one("#reps", Static)
        reps.update(f"rep {rep} of {phase.reps}" if rep is not None else "")
        bar = self.query_one("#step-progress", ProgressBar)
        bar.update(total=max(phase.duration_s, 0.001), progress=phase.duration_s - left)
        caution = self.query_one("#caution", Static)
        caution.update(user_text(f"Careful: {phase.caution}" if phase.caution else ""))
        caution.display = bool(phase.caution)
        following = player.next_title
        self.query_one("#next", Static).update(
            user_text(f"Next: {following}" if following else "Last step.")
        )

    def _draw_done(self) -> None:
        result = self.result
        self.set_class(False, "-paused")
        self.add_class("-done")
        done = result.steps_completed if result else 0
        self.query_one("#routine-line", Static).update(
            user_text(f"{self.routine.title}  ·  {done} of {len(self.routine.steps)} steps done")
        )
        self.query_one("#cue", Static).display = False
        self.query_one("#step-title", Static).update("Done. Well done.")
        self.query_one("#step-text", Static).update(
            "Your run is saved. Press enter or escape to close."
        )
        self.query_one("#countdown", Digits).update("00:00")
        self.query_one("#phase-state", Static).update("Finished")
        self.query_one("#reps", Static).update("")
        bar = self.query_one("#step-progress", ProgressBar)
        bar.update(total=1, progress=1)
        self.query_one("#caution", Static).display = False
        self.query_one("#next", Static).update("")

    # ------------------------------------------------------------ keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        done = self.player is not None and self.player.done
        if action == "close":
            return done
        if action in ("toggle_pause", "next", "back", "restart"):
            return not done
        return True

    def _command(self, events: list[Event]) -> None:
        self._handle(events)
        if self.result is None:
            self._draw()
            if self._timer is not None:
                if self.player is not None and self.player.paused:
                    self._timer.pause()
                else:
                    self._timer.resume()

    def action_toggle_pause(self) -> None:
        if self.player is not None and not self.player.done:
            self._command(self.player.toggle_pause())

    def action_next(self) -> None:
        if self.player is not None and not self.player.done:
            self._command(self.player.next())

    def action_back(self) -> None:
        if self.player is not None and not self.player.done:
            self._command(self.player.back())

    def action_restart(self) -> None:
        if self.player is not None and not self.player.done:
            self._command(self.player.restart_step())

    def action_close(self) -> None:
        if self.result is not None:
            self.dismiss(self.result)

    def action_leave(self) -> None:
        if self.result is not None:
            self.dismiss(self.result)
            return
        player = self.player
        if player is None or self._asking:
            return
        was_paused = player.paused
        self._command(player.pause())
        if self.result is not None:  # the last deadline passed just before the key
            return
        from crampcoach.ui.screens.confirm import ConfirmScreen

        def answer(leave: bool | None) -> None:
            self._asking = False
            if leave:
                self._finish(finished=False)
            elif not was_paused and self.player is not None:
                self._command(self.player.resume())

        self._asking = True
        self.app.push_screen(
            ConfirmScreen(
                "Leave this routine? The steps you did are kept.", yes="Leave", no="Keep going"
            ),
            answer,
        )

    # ------------------------------------------------------------ the end

    def _finish(self, *, finished: bool) -> None:
        player = self.player
        if player is None or self.result is not None:
            return
        app: Any = self.app
        for timer in (self._timer, self._edge_timer):
            if timer is not None:
                timer.stop()
        ended_at: datetime = app.now()
        started_at = self._started_at or ended_at
        current: int | None = None
        played_here = 0.0
        if not player.done and player.phase.kind == "step":
            current = player.step_index
            played_here = player.elapsed()
        done_steps = steps_tried(self._finished_steps, current, played_here)
        self.result = PlayResult(
            routine_id=self.routine.id,
            finished=finished,
            steps_completed=player.steps_completed,
            steps_total=player.step_count,
            steps_done=done_steps,
            relief=relief_for(self.routine, done_steps),
            started_at=started_at,
            ended_at=ended_at,
            played_s=player.played_s,
        )
        self._record(self.result)
        if self.close_when_done or not finished:
            self.dismiss(self.result)
        else:
            self._draw_done()
            self.refresh_bindings()

    def _record(self, result: PlayResult) -> None:
        app: Any = self.app
        if not app.journal_open:
            return
        run = RoutineRun(
            routine_id=result.routine_id,
            started_at=result.started_at,
            ended_at=result.ended_at,
            steps_completed=result.steps_completed,
            steps_total=result.steps_total,
            finished=result.finished,
            tz=zone_name(result.started_at.tzinfo) or zone_name(app.zone),
        )
        app.journal_write(lambda journal: journal.add_run(run))
