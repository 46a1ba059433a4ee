"""First aid now: where does it hurt (one key), the matching routine at once, then one
question screen to say how it went and one key to save the episode.

This screen picks where and runs the rounds; the question is ``first_aid_question`` (its
small dialogs ``first_aid_dialogs``), and saying where the episode went ``first_aid_kept``.

The rules (keys, the cramp's clock, the length offered, the safety net, relief, the episode)
live in ``crampcoach.core.first_aid`` and ``crampcoach.core.relief``; where the episode is kept
(journal, side file, or the screen) in ``crampcoach.store.pending``. This module only wires
them. First aid never needs the journal: it plays and keeps the episode with a broken one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from crampcoach.core import vocab
from crampcoach.core.errors import ValidationError
from crampcoach.core.first_aid import (
    IN_BED_KEY,
    IN_BED_ROUTINE,
    IN_BED_WORDS,
    LOCATION_KEYS,
    LOCATION_WORDS,
    CrampClock,
    first_aid_episode,
    numbers_of,
    safety_net_lines,
)
from crampcoach.core.models import Episode, episode_from_dict
from crampcoach.core.relief import merge_relief
from crampcoach.core.routines import Routine
from crampcoach.core.times import zone_name
from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.screens.first_aid_kept import KeptScreen, tell_where_kept
from crampcoach.ui.screens.first_aid_question import Answers, PassedAnswer, PassedScreen
from crampcoach.ui.screens.player import PlayerScreen, PlayResult
from crampcoach.ui.text import user_text
from crampcoach.ui.typed_app import CrampCoachAppAccess
from crampcoach.ui.widgets.cramp_clock import CrampClockPanel
from crampcoach.ui.widgets.footer import Footer
from crampcoach.ui.widgets.header import Header


class FirstAidScreen(FreshStyles, CrampCoachAppAccess, Screen[None]):
    CSS_PATH = "../styles/first_aid.tcss"
    SUB_TITLE = "First aid now"
    BINDINGS = [
        *(
            Binding(key, f"where('{loc}')", LOCATION_WORDS[loc], show=False, id=f"where-{loc}")
            for key, loc in LOCATION_KEYS.items()
        ),
        Binding(IN_BED_KEY, "in_bed", IN_BED_WORDS, show=False, id="where-in-bed"),
        Binding("escape", "back", "Back", id="back"),
    ]

    def __init__(self, location: str | None = None) -> None:
        super().__init__()
        self.location = location
        self.routine: Routine | None = None
        self.plays: list[PlayResult] = []
        self.started_at: datetime | None = None
        self.cramp: CrampClock | None = None
        self.answers = Answers()
        self.kept: Any = None  # the store's Kept, once saved

    def compose(self) -> ComposeResult:
        app = self.cc_app
        # First aid began when the user asked for it: the cramp's clock starts here.
        self.started_at = app.now()
        self.cramp = CrampClock(app.monotonic)
        yield Header(icon="")
        with VerticalScroll(id="first-aid", can_focus=False):
            yield CrampClockPanel(self.cramp, id="cramp-clock")
            if self.location is None:
                yield Static("Where does it hurt?", id="where-question")
                yield Static("Press one number.", id="where-hint")
                with Grid(id="where-grid"):
                    for key, loc in LOCATION_KEYS.items():
                        yield Button(
                            f"{key}   {LOCATION_WORDS[loc]}", id=f"loc-{loc}", classes="where"
                        )
                    yield Button(f"{IN_BED_KEY}   {IN_BED_WORDS}", id="loc-in-bed", classes="where")
                yield Static("escape goes back", classes="hint", id="where-back")
            yield Static(id="first-aid-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        if self.location is not None:
            self.call_after_refresh(self._begin, self.location)

    # ------------------------------------------------------------ where

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button_id = event.button.id or ""
        if button_id == "loc-in-bed":
            event.stop()
            self.action_in_bed()
        elif button_id.startswith("loc-"):
            event.stop()
            self.action_where(button_id.removeprefix("loc-"))

    def action_where(self, location: str) -> None:
        if self.routine is None:
            self._begin(location)

    def action_in_bed(self) -> None:
        if self.routine is None:
            self._begin("calf", routine_id=IN_BED_ROUTINE)

    def _begin(self, location: str, routine_id: str | None = None) -> None:
        app = self.cc_app
        self.location = location
        routine = app.catalog.get(routine_id) if routine_id else None
        routine = routine or app.catalog.first_aid_for(location)
        if routine is None:
            self.query_one("#first-aid-status", Static).update(
                "No first-aid routine is installed. Stretch the muscle gently and rub it."
            )
            return
        self.routine = routine
        for widget in self.query("#where-question, #where-hint, #where-grid, #where-back"):
            widget.display = False
        self.query_one("#first-aid-status", Static).update(
            user_text(f"First aid: {routine.title}. Press escape to go back.")
        )
        self._play(routine)

    def action_back(self) -> None:
        self.dismiss(None)

    # ------------------------------------------------------------ playing and asking

    def _play(self, routine: Routine) -> None:
        assert self.cramp is not None
        self.cramp.run()
        self.app.push_screen(
            PlayerScreen(routine, close_when_done=True, cramp=self.cramp), self._played
        )

    def _played(self, result: PlayResult | None) -> None:
        assert self.cramp is not None
        # The routine ended: from here the question may sit open; that time never counts.
        self.cramp.hold(result.ended_clock if result is not None else None)
        if result is not None:
            self.plays.append(result)
        self._ask()

    def _ask(self) -> None:
        assert self.cramp is not None
        title = self.routine.title if self.routine else "the first aid"
        self.app.push_screen(
            PassedScreen(
                title,
                self.cramp,
                suggested_relief=self.relief(),
                has_recovery=self._recovery() is not None,
                answers=self.answers,
            ),
            self._answered,
        )

    def _recovery(self) -> Routine | None:
        app = self.cc_app
        return app.catalog.get("recovery") or next(iter(app.catalog.of_kind("recovery")), None)

    def _answered(self, answer: PassedAnswer | None) -> None:
        if answer is None:
            answer = PassedAnswer("discard", self.answers)
        self.answers = answer.answers
        if answer.action == "discard":
            self._leave_unsaved()
        elif answer.action == "again" and self.routine is not None:
            self._play(self.routine)
        elif answer.action == "recovery" and (recovery := self._recovery()) is not None:
            self._play(recovery)
        else:
            self._save()

    def _leave_unsaved(self) -> None:
        assert self.cramp is not None
        lines = safety_net_lines(self.duration_s(), numbers_of(self.cc_app.settings))
        self.dismiss(None)
        if lines:  # not saved, but a long cramp still gets what to do now
            self.app.push_screen(KeptScreen("Nothing was saved.", lines))
        else:
            self.app.notify("Nothing saved.", timeout=3)

    def relief(self) -> tuple[str, ...]:
        return merge_relief(*(play.relief for play in self.plays))

    def duration_s(self) -> int:
        assert self.cramp is not None
        if self.answers.duration_s is not None:
            return self.answers.duration_s
        return max(0, min(vocab.DURATION_MAX_S, round(self.cramp.elapsed())))

    def episode(self) -> Episode:
        app = self.cc_app
        started = self.started_at or app.now()
        relief = self.answers.relief if self.answers.relief is not None else self.relief()
        raw = first_aid_episode(
            started_at=started,
            duration_s=self.duration_s(),
            location=self.location,
            relief=relief,
            tz=zone_name(started.tzinfo) or zone_name(app.zone),
            intensity=self.answers.intensity,
            side=self.answers.side,
            passed=self.answers.passed,
        )
        return episode_from_dict(raw, now=app.now())

    def _save(self) -> None:
        app = self.cc_app
        try:
            episode = self.episode()
        except ValidationError as exc:  # a bug, not the user's doing: say so, keep the app
            app.notify(str(exc), title="Not saved", severity="error", timeout=15)
            self.dismiss(None)
            return
        runs = [
            play.run(zone_name(play.started_at.tzinfo) or zone_name(app.zone))
            for play in self.plays
        ]
        self.kept = kept = app.keep_first_aid(episode, runs)
        self.dismiss(None)
        tell_where_kept(app, episode, kept)
