"""The routine player: one step at a time, a big countdown, and keys that forgive.

The countdown always comes from ``RoutinePlayer.remaining()`` on the app's monotonic clock;
the interval only redraws. Every run, finished or left, is saved to the journal — except in
first aid, where the first-aid screen keeps the run with the episode (the journal may be
broken, and first aid never depends on it). Spoken cues go through ``app.speaker`` (a
``crampcoach.speech.Speaker``; tests hand in a fake) and never wait for the voice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from crampcoach.core.first_aid import CrampClock
from crampcoach.core.models import RoutineRun
from crampcoach.core.relief import relief_for, steps_done
from crampcoach.core.routines import Routine
from crampcoach.core.timer import (
    Event,
    PhaseEnded,
    RoutineFinished,
    RoutinePlayer,
    StepFinished,
)
from crampcoach.core.times import zone_name
from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.screens.player_leave import LeaveRoutineScreen
from crampcoach.ui.screens.player_view import (
    StepCountdown,
    StepLine,
    StepProgress,
    StepView,
    done_view,
    step_view,
)
from crampcoach.ui.text import user_text
from crampcoach.ui.typed_app import CrampCoachAppAccess
from crampcoach.ui.widgets.cramp_clock import CrampClockPanel
from crampcoach.ui.widgets.footer import Footer
from crampcoach.ui.widgets.header import Header

if TYPE_CHECKING:
    from crampcoach.speech import Speaker
    from crampcoach.ui.app import CrampCoachApp

# Redraw often enough that the seconds never look stuck; the time itself comes from the clock.
REDRAW_S = 0.1
FLASH_S = 0.3


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
    ended_clock: float | None = None  # the monotonic reading when it ended

    def run(self, tz: str | None) -> RoutineRun:
        return RoutineRun(
            routine_id=self.routine_id,
            started_at=self.started_at,
            ended_at=self.ended_at,
            steps_completed=self.steps_completed,
            steps_total=self.steps_total,
            finished=self.finished,
            tz=tz,
        )


def speaker_for(app: CrampCoachApp) -> Speaker:
    """The app's speaker, made on first use (tests set ``app.speaker`` to a fake)."""
    speaker: Speaker | None = getattr(app, "speaker", None)
    if speaker is None:
        from crampcoach.speech import SystemSpeaker

        speaker = SystemSpeaker()
        setattr(app, "speaker", speaker)  # noqa: B010 - the App has no declared speaker
    return speaker


class PlayerScreen(FreshStyles, CrampCoachAppAccess, Screen[PlayResult]):
    """Plays ``routine``. With ``close_when_done`` it dismisses at the end at once (first aid
    goes straight on to "Has it passed?"); otherwise it shows "Done" until enter or escape."""

    CSS_PATH = "../styles/player.tcss"
    SUB_TITLE = "Routine"
    BINDINGS = [
        Binding("space", "toggle_pause", "Pause/resume", id="pause"),
        Binding("n,right", "next", "Next", id="next", key_display="n →"),
        Binding("b,left", "back", "Back", id="back", key_display="b ←"),
        Binding("r", "restart", "Restart step", id="restart"),
        Binding("v", "toggle_speech", "Spoken cues", id="speech"),
        Binding("enter", "close", "Close", id="close"),
        Binding("escape", "leave", "Leave", id="leave"),
    ]

    # What the step area shows; its parts are bound to it (player_view) and redraw themselves.
    view: reactive[StepView | None] = reactive(None, init=False)

    def __init__(
        self,
        routine: Routine,
        *,
        close_when_done: bool = False,
        cramp: CrampClock | None = None,
    ) -> None:
        super().__init__()
        self.routine = routine
        self.close_when_done = close_when_done
        self.cramp = cramp  # first aid: the cramp's clock, shown on top
        self.player: RoutinePlayer | None = None
        self.result: PlayResult | None = None
        self._finished_steps: set[int] = set()
        self._started_at: datetime | None = None
        self._timer: Timer | None = None
        self._edge_timer: Timer | None = None
        self._asking = False
        self._speech_notice_shown = False

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with VerticalScroll(id="player", can_focus=False):
            if self.cramp is not None:
                yield CrampClockPanel(self.cramp, id="cramp-clock")
            view = PlayerScreen.view
            yield StepLine("routine_line", id="routine-line").data_bind(view)
            yield StepLine("cue", hide_when_empty=True, id="cue").data_bind(view)
            yield StepLine("step_title", id="step-title").data_bind(view)
            yield StepLine("step_text", id="step-text").data_bind(view)
            with Horizontal(id="clock-row"):
                yield StepCountdown("00:00", id="countdown").data_bind(view)
                with Vertical(id="clock-side"):
                    yield StepLine("phase_state", id="phase-state").data_bind(view)
                    yield StepLine("reps", id="reps").data_bind(view)
                    yield StepProgress(
                        total=1, show_eta=False, show_percentage=False, id="step-progress"
                    ).data_bind(view)
            yield StepLine("caution", hide_when_empty=True, id="caution").data_bind(view)
            yield StepLine("next", id="next").data_bind(view)
            yield Static(user_text(self.routine.safety), id="safety", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        app = self.cc_app
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
            self._speak(event)
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

    def _speak(self, event: Event) -> None:
        app = self.cc_app
        if not app.settings.spoken_cues or self.player is None:
            return
        words = self.player.spoken(event)
        if words:
            self._say(words)

    def _say(self, words: str) -> None:
        app = self.cc_app
        notice = speaker_for(app).say(words)
        if notice and not self._speech_notice_shown:
            self._speech_notice_shown = True  # once per routine, not at every step
            app.notify(notice, title="Spoken cues", severity="warning", timeout=8)

    def _signal_step_end(self) -> None:
        app = self.cc_app
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
        self.set_class(player.paused, "-paused")
        self.view = step_view(self.routine, player)

    def _draw_done(self) -> None:
        self.set_class(False, "-paused")
        self.add_class("-done")
        self.view = done_view(self.routine, self.result.steps_completed if self.result else 0)

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

    def action_toggle_speech(self) -> None:
        app = self.cc_app
        on = not app.settings.spoken_cues
        changed = replace(app.settings, spoken_cues=on)
        # In first aid the journal may be broken: keep the choice for now, never touch it.
        if self.cramp is not None or not app.journal_open or not app.save_settings(changed):
            app.settings = changed
        speaker = speaker_for(app)
        if on and not speaker.available:
            from crampcoach.speech import HOW_TO_GET

            app.notify(HOW_TO_GET, title="Spoken cues on, but no voice", severity="warning")
        else:
            app.notify("Spoken cues on." if on else "Spoken cues off.", timeout=3)
        if on and self.player is not None and not self.player.done:
            self._say(f"{self.player.phase.title}.")

    def action_close(self) -> None:
        if self.result is not None:
            self.dismiss(self.result)

    def confirm_quit(self) -> bool:
        """ctrl+q in first aid asks first, like escape: the cramp is not saved yet."""
        if self.cramp is None or self.result is not None:
            return False
        self.action_leave()
        return True

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
        if self.cramp is not None:
            self.app.push_screen(LeaveRoutineScreen(self.cramp), answer)
            return
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
        app = self.cc_app
        for timer in (self._timer, self._edge_timer):
            if timer is not None:
                timer.stop()
        ended_at: datetime = app.now()
        started_at = self._started_at or ended_at
        done_steps = steps_done(self.routine, player.played_step_s)
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
            ended_clock=player.ended_clock if player.done else app.monotonic(),
        )
        self._record(self.result)
        if self.close_when_done or not finished:
            self.dismiss(self.result)
        else:
            self._draw_done()
            self.refresh_bindings()

    def _record(self, result: PlayResult) -> None:
        app = self.cc_app
        if not app.journal_open or self.cramp is not None:
            return  # first aid keeps its runs with the episode
        run = result.run(zone_name(result.started_at.tzinfo) or zone_name(app.zone))
        app.journal_write(lambda journal: journal.add_run(run))
