"""First aid's question after the routine: has it passed, how long, how strong, which leg,
what helped. One key each; enter saves, escape asks first.

The answers are kept in ``Answers`` between rounds (the routine again, the after-cramp
routine); the question dismisses with a ``PassedAnswer`` saying what to do next.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from crampcoach.core import vocab
from crampcoach.core.first_aid import (
    CrampClock,
    duration_words,
    intensity_from_key,
    longer_duration,
    next_side,
    shorter_duration,
)
from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.screens.first_aid_dialogs import DurationScreen, ReliefScreen, SaveOrLeaveScreen
from crampcoach.ui.screens.first_aid_text import LABEL_WIDTH, RELIEF_WORDS, choice, keys, label
from crampcoach.ui.text import user_text
from crampcoach.ui.widgets.cramp_clock import CrampClockPanel
from crampcoach.ui.widgets.footer import Footer


@dataclass(frozen=True)
class Answers:
    """What the question screen holds; kept between rounds (again, after-cramp routine)."""

    passed: bool | None = None
    intensity: int | None = None
    side: str | None = None
    duration_s: int | None = None  # None: the cramp clock's own figure
    relief: tuple[str, ...] | None = None  # None: what the routines' steps say


@dataclass(frozen=True)
class PassedAnswer:
    """What the question dismisses with: "save", "discard", "again" or "recovery"."""

    action: str
    answers: Answers


class PassedScreen(FreshStyles, ModalScreen[PassedAnswer]):
    """Has it passed, how long, how strong, which leg, what helped: one key each; enter saves.

    None of the player's keys (n, b, r, v, space, arrows) means anything here, so a key
    pressed as the routine ends cannot answer for the user.
    """

    CSS_PATH = "../styles/first_aid.tcss"
    BINDINGS = [
        Binding("y", "passed(True)", "It has passed", show=False, id="passed-yes"),
        Binding("s", "passed(False)", "Still cramping", show=False, id="passed-no"),
        *(
            Binding(str(d), f"strength({d})", str(d), show=False, id=f"strength-{d}")
            for d in range(10)
        ),
        Binding("l", "side", "Which leg", show=False, id="side"),
        Binding("minus", "shorter", "It eased sooner", show=False, id="shorter"),
        Binding("plus,equals_sign", "longer", "It lasted longer", show=False, id="longer"),
        Binding("t", "type_duration", "Type how long", show=False, id="type-duration"),
        Binding("h", "relief", "What helped", show=False, id="relief"),
        Binding("a", "again", "Again", id="again"),
        Binding("w", "recovery", "After-cramp routine", id="recovery"),
        Binding("enter", "save", "Save", id="save"),
        Binding("escape", "leave", "Leave", id="leave"),
    ]

    def __init__(
        self,
        routine_title: str,
        cramp: CrampClock,
        *,
        suggested_relief: tuple[str, ...] = (),
        has_recovery: bool = True,
        answers: Answers = Answers(),
    ) -> None:
        super().__init__()
        self.routine_title = routine_title
        self.cramp = cramp
        self.suggested_relief = suggested_relief
        self.has_recovery = has_recovery
        self.answers = answers
        self._asking = False

    # The old attribute names, read by tests and snapshots.
    @property
    def passed(self) -> bool | None:
        return self.answers.passed

    @property
    def intensity(self) -> int | None:
        return self.answers.intensity

    @property
    def side(self) -> str | None:
        return self.answers.side

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="passed-dialog"):
            yield CrampClockPanel(self.cramp, id="cramp-clock")
            yield Static(id="passed-line", classes="row")
            yield Static(id="duration-line", classes="row")
            yield Static(id="strength-line", classes="row")
            yield Static(id="side-line", classes="row")
            yield Static(id="relief-line", classes="row")
            with Vertical(id="not-yet"):
                yield Static("Still cramping? That happens. You can:", classes="ask")
                yield Static(id="not-yet-line")
            yield Static(
                keys(("enter", "save to your journal"), ("escape", "leave (asks first)")),
                id="save-line",
            )
        yield Footer()

    def on_mount(self) -> None:
        self._draw()
        # While "still cramping", the clock runs and the length offered follows it.
        self.set_interval(0.5, self._draw_duration)

    # ------------------------------------------------------------ drawing

    def duration_s(self) -> int:
        if self.answers.duration_s is not None:
            return self.answers.duration_s
        return max(0, min(vocab.DURATION_MAX_S, round(self.cramp.elapsed())))

    def relief(self) -> tuple[str, ...]:
        return self.answers.relief if self.answers.relief is not None else self.suggested_relief

    def _draw_duration(self) -> None:
        seconds = self.duration_s()
        own = self.answers.duration_s is None
        text = label("How long?")
        text.append(f" about {duration_words(seconds)} ", style="reverse bold")
        text.append("  (enter keeps it)" if own else "  (your figure)")
        text.append("\n" + " " * LABEL_WIDTH)
        text.append_text(
            keys(
                ("-", f"sooner ({duration_words(shorter_duration(seconds))})"),
                ("+", f"longer ({duration_words(longer_duration(seconds))})"),
                ("t", "type it"),
            )
        )
        self.query_one("#duration-line", Static).update(text)

    def _draw(self) -> None:
        a = self.answers
        line = label("Has it passed?")
        line.append_text(choice("y", "yes", a.passed is True))
        line.append("   ")
        line.append_text(choice("s", "still cramping", a.passed is False))
        self.query_one("#passed-line", Static).update(line)
        self._draw_duration()
        strength = label("How strong?")
        if a.intensity is None:
            strength.append_text(keys(("1", "mild … "), ("9", "strong"), ("0", "= 10, the worst")))
        else:
            strength.append(f" {a.intensity} of 10 ", style="reverse bold")
            strength.append("   (another number changes it)")
        self.query_one("#strength-line", Static).update(strength)
        side = label("Which leg?")
        side.append("l", style="bold")
        side.append(" changes it:")
        for option in ("left", "right", "both"):
            side.append_text(choice("", option, a.side == option))
        side.append("  (optional)")
        self.query_one("#side-line", Static).update(side)
        relief = self.relief()
        helped = label("What helped?")
        words = ", ".join(RELIEF_WORDS[r] for r in relief) or "nothing noted"
        helped.append(f" {words} ", style="reverse bold")
        helped.append("  (enter keeps it)  ·  ")
        helped.append("h", style="bold")
        helped.append(" change")
        self.query_one("#relief-line", Static).update(helped)
        again = keys(("a", "play it again"))
        again.append(" (")
        again.append_text(user_text(self.routine_title))
        again.append(")")
        if self.has_recovery:
            again.append("\n")
            again.append_text(keys(("w", "after-cramp routine: walk, warmth or cold, legs up")))
        self.query_one("#not-yet-line", Static).update(again)
        self.query_one("#not-yet").display = a.passed is False
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "again":
            return self.answers.passed is False
        if action == "recovery":
            return self.answers.passed is False and self.has_recovery
        return True

    def _set(self, **changes: Any) -> None:
        self.answers = replace(self.answers, **changes)
        self._draw()

    # ------------------------------------------------------------ keys

    def action_passed(self, value: bool) -> None:
        if value:
            self.cramp.hold()  # it passed: the cramp's length stops here
        else:
            self.cramp.run()  # still cramping: the clock runs on from now
        self._set(passed=value)

    def action_strength(self, digit: int) -> None:
        self._set(intensity=intensity_from_key(str(digit)))

    def action_side(self) -> None:
        self._set(side=next_side(self.answers.side))

    def action_shorter(self) -> None:
        self._set(duration_s=shorter_duration(self.duration_s()))

    def action_longer(self) -> None:
        self._set(duration_s=longer_duration(self.duration_s()))

    def action_type_duration(self) -> None:
        def typed(seconds: int | None) -> None:
            if seconds is not None:
                self._set(duration_s=seconds)

        self.app.push_screen(DurationScreen(self.cramp), typed)

    def action_relief(self) -> None:
        def chosen(relief: tuple[str, ...] | None) -> None:
            if relief is not None:
                self._set(relief=relief)

        self.app.push_screen(ReliefScreen(self.cramp, self.relief()), chosen)

    def action_again(self) -> None:
        self.dismiss(PassedAnswer("again", self.answers))

    def action_recovery(self) -> None:
        self.dismiss(PassedAnswer("recovery", self.answers))

    def action_save(self) -> None:
        self.dismiss(PassedAnswer("save", self.answers))

    def confirm_quit(self) -> bool:
        """ctrl+q asks like escape; on the asking screen a second ctrl+q quits."""
        self.action_leave()
        return True

    def action_leave(self) -> None:
        if self._asking:
            return

        def answer(choice: str | None) -> None:
            self._asking = False
            if choice in ("save", "discard"):
                self.dismiss(PassedAnswer(choice, self.answers))

        self._asking = True
        self.app.push_screen(SaveOrLeaveScreen(self.cramp), answer)
