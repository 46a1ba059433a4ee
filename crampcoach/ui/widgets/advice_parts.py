"""The Doctor screen's parts, each drawing itself from the screen's ``DoctorView``.

The screen reads the advice and the profile once, sets its ``view`` reactive, and binds it to
every part with ``data_bind``; a part redraws (and shows or hides itself) when the view
changes. Reason texts may quote settings (the help numbers): they are inert text, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Static

from crampcoach.core import vocab
from crampcoach.core.doctor import MENTION, SEE_DOCTOR, URGENT, Advice
from crampcoach.core.patterns import format_night
from crampcoach.ui.text import join_text, user_text
from crampcoach.ui.text import user_markup as escape  # also [$var], [link=…] and controls
from crampcoach.ui.widgets.view_part import ViewPart

if TYPE_CHECKING:
    from crampcoach.core.models import Profile

LEVEL_TITLES = {
    URGENT: "Urgent",
    SEE_DOCTOR: "See a doctor",
    MENTION: "Mention at your next visit",
    "none": "Nothing to act on",
}
MARKS = {URGENT: "!", SEE_DOCTOR: "●", MENTION: "○", "none": "✓"}
NO_RULE_FIRED = (
    "No rule fired for the nights in your log. The app looks for long cramps, warning signs "
    "(swelling, redness or warmth, numbness, weaker muscles), and how often cramps wake you."
)


@dataclass(frozen=True, eq=False)
class DoctorView:
    """What the Doctor screen shows: the advice and the profile it was worked out with."""

    advice: Advice
    profile: Profile | None


def profile_words(profile: Profile | None) -> str:
    """The profile in one line, or how to fill it in."""
    if profile is None or profile.is_empty:
        return (
            "Your profile is empty. Press [b]p[/b] to add pregnancy, conditions or medicines: "
            "they can change the advice."
        )
    parts: list[str] = []
    if profile.age_band:
        parts.append(f"age {profile.age_band.replace('-plus', '+')}")
    if profile.pregnant:
        parts.append("pregnant")
    parts += [vocab.label(c) for c in profile.conditions]
    parts += [vocab.label(m) for m in profile.medicines if m != "other"]
    if profile.medicines_other or "other" in profile.medicines:
        parts.append("other medicines")
    return f"Your profile: {escape(', '.join(parts))}. Press [b]p[/b] to change it."


class AdvicePart(ViewPart[DoctorView]):
    """A part bound to the Doctor screen's view; subclasses say how they draw it."""


class LevelPart(AdvicePart):
    """The level as a title in its colour, and the headline."""

    def draw(self, view: DoctorView) -> None:
        advice = view.advice
        for name in (URGENT, SEE_DOCTOR, MENTION, "none"):
            self.set_class(advice.level == name, f"-{name}")
        mark, title = MARKS[advice.level], LEVEL_TITLES[advice.level]
        self.update(f"[b]{mark} {title}[/b]\n{escape(advice.headline)}")


class ReasonsPart(Vertical):
    """Every reason, a bullet each ("!" for urgent ones), or that no rule fired."""

    view: reactive[DoctorView | None] = reactive(None)

    def watch_view(self, view: DoctorView | None) -> None:
        if view is None:
            return
        rows = [
            Horizontal(
                Static("!" if r.level == URGENT else "•", classes="bullet"),
                Static(user_text(r.text), classes="reason-text"),
                classes="reason -urgent" if r.level == URGENT else "reason",
            )
            for r in view.advice.reasons
        ] or [
            Horizontal(
                Static("•", classes="bullet"),
                Static(NO_RULE_FIRED, classes="reason-text"),
                classes="reason",
            )
        ]
        self.remove_children()
        self.mount_all(rows)


class WhomPart(AdvicePart):
    def draw(self, view: DoctorView) -> None:
        whom = view.advice.whom
        self.display = bool(whom)
        if whom:
            self.update("[b $primary]Whom to see[/]\n" + "\n".join(f"• {escape(w)}" for w in whom))


class HelpPart(AdvicePart):
    """Whom to call at any hour (the numbers from Settings, or the defaults)."""

    def draw(self, view: DoctorView) -> None:
        self.update(
            join_text(
                user_text("At any hour", style="bold"),
                *(join_text("\n• ", user_text(line)) for line in view.advice.help),
            )
        )


class NotesPart(AdvicePart):
    def draw(self, view: DoctorView) -> None:
        self.display = bool(view.advice.notes)
        self.update(user_text("\n".join(view.advice.notes)))


class QuietPart(AdvicePart):
    """Routine advice kept quiet since a doctor's visit, and the visit's note."""

    def draw(self, view: DoctorView) -> None:
        advice = view.advice
        self.display = bool(advice.quieted) and advice.visit is not None
        if not self.display or advice.visit is None:
            return
        seen = format_night(advice.visit.seen_on, year=True)
        lines = [f"Seen by a doctor on {seen}, quiet until something new comes up:"]
        lines += [f"• {r.summary or r.rule_id}" for r in advice.quieted]
        if advice.visit.note:
            lines.append(f"Your note: {advice.visit.note}")
        self.update(user_text("\n".join(lines)))


class OwnThresholdPart(AdvicePart):
    """Shown only when a threshold of the user's own (not the default) decided something."""

    def draw(self, view: DoctorView) -> None:
        self.display = view.advice.note_own_threshold


class ProfilePart(AdvicePart):
    def draw(self, view: DoctorView) -> None:
        self.update(profile_words(view.profile))
