"""First aid now: where does it hurt (one key), the matching routine at once, then
"Has it passed?" and one key to save the episode.

The rules (keys, the measured duration, relief, the episode itself) live in
``crampcoach.core.first_aid`` and ``crampcoach.core.relief``; this module only wires them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Header, Static

from crampcoach.core.errors import ValidationError
from crampcoach.core.first_aid import (
    LOCATION_KEYS,
    LOCATION_WORDS,
    SIDE_KEYS,
    first_aid_episode,
    intensity_from_key,
    measured_duration_s,
)
from crampcoach.core.models import episode_from_dict
from crampcoach.core.relief import merge_relief
from crampcoach.core.routines import Routine
from crampcoach.core.times import zone_name
from crampcoach.ui.screens.player import PlayerScreen, PlayResult
from crampcoach.ui.text import user_markup, user_text


@dataclass(frozen=True)
class PassedAnswer:
    """What the "Has it passed?" question dismisses with."""

    action: str  # "save" | "skip" | "again" | "recovery"
    passed: bool | None = None
    intensity: int | None = None
    side: str | None = None
    answered_at: float | None = None  # app.monotonic() when y or n was pressed


class FirstAidScreen(Screen[None]):
    CSS_PATH = "../styles/first_aid.tcss"
    SUB_TITLE = "First aid now"
    BINDINGS = [
        *(
            Binding(key, f"where('{loc}')", LOCATION_WORDS[loc], show=False, id=f"where-{loc}")
            for key, loc in LOCATION_KEYS.items()
        ),
        Binding("escape", "back", "Back", id="back"),
    ]

    def __init__(self, location: str | None = None) -> None:
        super().__init__()
        self.location = location
        self.routine: Routine | None = None
        self.plays: list[PlayResult] = []
        self.started_at: datetime | None = None
        self.start_mono = 0.0
        self._answer = PassedAnswer("none")

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with VerticalScroll(id="first-aid", can_focus=False):
            if self.location is None:
                yield Static("Where does it hurt?", id="where-question")
                yield Static("Press one number.", id="where-hint")
                with Grid(id="where-grid"):
                    for key, loc in LOCATION_KEYS.items():
                        yield Button(
                            f"{key}   {LOCATION_WORDS[loc]}", id=f"loc-{loc}", classes="where"
                        )
                yield Static("escape goes back", classes="hint", id="where-back")
            yield Static(id="first-aid-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        app: Any = self.app
        # First aid began when the user asked for it: the cramp's duration counts from here.
        self.started_at = app.now()
        self.start_mono = app.monotonic()
        if self.location is not None:
            self.call_after_refresh(self._begin, self.location)

    # ------------------------------------------------------------ where

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button_id = event.button.id or ""
        if button_id.startswith("loc-"):
            event.stop()
            self.action_where(button_id.removeprefix("loc-"))

    def action_where(self, location: str) -> None:
        if self.routine is not None:
            return
        self._begin(location)

    def _begin(self, location: str) -> None:
        app: Any = self.app
        self.location = location
        routine = app.catalog.first_aid_for(location)
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
        self.app.push_screen(PlayerScreen(routine, close_when_done=True), self._played)

    def _played(self, result: PlayResult | None) -> None:
        if result is not None:
            self.plays.append(result)
        self._ask()

    def _ask(self) -> None:
        title = self.routine.title if self.routine else "the first aid"
        has_recovery = self._recovery() is not None
        previous = self._answer
        self.app.push_screen(
            PassedScreen(
                title,
                has_recovery=has_recovery,
                intensity=previous.intensity,
                side=previous.side,
            ),
            self._answered,
        )

    def _recovery(self) -> Routine | None:
        app: Any = self.app
        return app.catalog.get("recovery") or next(iter(app.catalog.of_kind("recovery")), None)

    def _answered(self, answer: PassedAnswer | None) -> None:
        if answer is None or answer.action == "skip":
            self.app.notify("Nothing saved.", timeout=3)
            self.dismiss(None)
            return
        self._answer = answer
        if answer.action == "again" and self.routine is not None:
            self._play(self.routine)
        elif answer.action == "recovery" and (recovery := self._recovery()) is not None:
            self._play(recovery)
        else:
            self._save(answer)

    def relief(self) -> tuple[str, ...]:
        return merge_relief(*(play.relief for play in self.plays))

    def _save(self, answer: PassedAnswer) -> None:
        app: Any = self.app
        end = answer.answered_at if answer.answered_at is not None else app.monotonic()
        started = self.started_at or app.now()
        raw = first_aid_episode(
            started_at=started,
            duration_s=measured_duration_s(self.start_mono, end),
            location=self.location,
            relief=self.relief(),
            tz=zone_name(started.tzinfo) or zone_name(app.zone),
            intensity=answer.intensity,
            side=answer.side,
            passed=answer.passed,
        )
        try:
            episode = episode_from_dict(raw, now=app.now())
        except ValidationError as exc:  # a bug, not the user's doing: say so, keep the app
            app.notify(str(exc), title="Not saved", severity="error", timeout=15)
            self.dismiss(None)
            return
        saved = app.journal_write(lambda journal: journal.add_episode(episode))
        if saved is None:
            self._ask()  # the failure is shown; ask again so a retry is one key
            return
        app.notify("Saved to your journal.", timeout=4)
        self.dismiss(None)
        from crampcoach.ui.screens.advice_notice import show_advice_after_log

        show_advice_after_log(app, saved)


def _choice(key: str, words: str, chosen: bool) -> str:
    text = f" {key} {words} "
    return f"[reverse b]{text}[/]" if chosen else f"[b]{key}[/b] {words} "


class PassedScreen(ModalScreen[PassedAnswer]):
    """Has it passed? How strong was it? Which leg? One key each; enter saves."""

    CSS_PATH = "../styles/first_aid.tcss"
    BINDINGS = [
        Binding("y", "passed(True)", "Passed", show=False, id="passed-yes"),
        Binding("n", "passed(False)", "Not yet", show=False, id="passed-no"),
        *(
            Binding(str(d), f"strength({d})", str(d), show=False, id=f"strength-{d}")
            for d in range(10)
        ),
        *(
            Binding(key, f"side('{side}')", side, show=False, id=f"side-{side}")
            for key, side in SIDE_KEYS.items()
        ),
        Binding("a", "again", "Again", id="again"),
        Binding("w", "recovery", "Recovery", id="recovery"),
        Binding("enter,s", "save", "Save", id="save", key_display="enter"),
        Binding("escape,k", "skip", "Skip", id="skip", key_display="esc"),
    ]

    def __init__(
        self,
        routine_title: str,
        *,
        has_recovery: bool = True,
        intensity: int | None = None,
        side: str | None = None,
    ) -> None:
        super().__init__()
        self.routine_title = routine_title
        self.has_recovery = has_recovery
        self.passed: bool | None = None
        self.intensity = intensity
        self.side = side
        self.answered_at: float | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="passed-dialog"):
            yield Static("Has it passed?", classes="ask", id="passed-question")
            yield Static(id="passed-line")
            yield Static("How strong was it?", classes="ask")
            yield Static(id="strength-line")
            yield Static("Which leg? (you can leave this)", classes="ask")
            yield Static(id="side-line")
            with Vertical(id="not-yet"):
                yield Static("Not gone yet? That is all right.", classes="ask")
                yield Static(id="not-yet-line")
            yield Static(
                "[b]enter[/b] save to your journal    [b]escape[/b] skip, save nothing",
                id="save-line",
            )
        yield Footer()

    def on_mount(self) -> None:
        self._draw()

    def _draw(self) -> None:
        self.query_one("#passed-line", Static).update(
            _choice("y", "yes", self.passed is True)
            + "   "
            + _choice("n", "not yet", self.passed is False)
        )
        if self.intensity is None:
            strength = "[b]1[/b] mild … [b]9[/b]   [b]0[/b] = 10, the worst"
        else:
            strength = f"[reverse b] {self.intensity} of 10 [/]   (another number changes it)"
        self.query_one("#strength-line", Static).update(strength)
        self.query_one("#side-line", Static).update(
            "   ".join(_choice(key, side, self.side == side) for key, side in SIDE_KEYS.items())
        )
        again = f"[b]a[/b] play {user_markup(self.routine_title)} again"  # may be the user's
        if self.has_recovery:
            again += "\n[b]w[/b] after-cramp routine: walk, warmth or cold, legs up"
        self.query_one("#not-yet-line", Static).update(again)
        self.query_one("#not-yet").display = self.passed is False
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "again":
            return self.passed is False
        if action == "recovery":
            return self.passed is False and self.has_recovery
        return True

    def _answer(self, action: str) -> PassedAnswer:
        return PassedAnswer(
            action,
            passed=self.passed,
            intensity=self.intensity,
            side=self.side,
            answered_at=self.answered_at,
        )

    def action_passed(self, value: bool) -> None:
        self.passed = value
        self.answered_at = self.app.monotonic()  # type: ignore[attr-defined]
        self._draw()

    def action_strength(self, digit: int) -> None:
        self.intensity = intensity_from_key(str(digit))
        self._draw()

    def action_side(self, side: str) -> None:
        self.side = None if self.side == side else side
        self._draw()

    def action_again(self) -> None:
        self.dismiss(self._answer("again"))

    def action_recovery(self) -> None:
        self.dismiss(self._answer("recovery"))

    def action_save(self) -> None:
        self.dismiss(self._answer("save"))

    def action_skip(self) -> None:
        self.dismiss(self._answer("skip"))
