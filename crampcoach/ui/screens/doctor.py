"""Doctor advice: the level, every reason with its numbers, whom to see, and the visit report.

The rules live in ``crampcoach.core.doctor``; this screen only says what they found. The
wording comes from there too, so it never diagnoses and never says to stop a medicine.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from crampcoach.core import vocab
from crampcoach.core.doctor import (
    DISCLAIMER,
    MENTION,
    OWN_THRESHOLD_NOTE,
    SEE_DOCTOR,
    URGENT,
    Advice,
)
from crampcoach.core.patterns import format_night
from crampcoach.core.ranges import REPORT_NIGHTS
from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.text import join_text, user_text
from crampcoach.ui.text import user_markup as escape  # also [$var], [link=…] and controls
from crampcoach.ui.typed_app import CrampCoachAppAccess
from crampcoach.ui.widgets.footer import Footer

LEVEL_TITLES = {
    URGENT: "Urgent",
    SEE_DOCTOR: "See a doctor",
    MENTION: "Mention at your next visit",
    "none": "Nothing to act on",
}
MARKS = {URGENT: "!", SEE_DOCTOR: "●", MENTION: "○", "none": "✓"}
NOT_ADVICE = (
    "crampcoach is not medical advice and cannot examine you. If you feel unwell or are "
    "worried, contact your GP, or your local emergency number if it feels serious. "
    "Never stop or change a medicine on your own."
)


def profile_words(profile: Any) -> str:
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


class DoctorScreen(FreshStyles, CrampCoachAppAccess, Screen[None]):
    SUB_TITLE = "Doctor advice"
    CSS_PATH = "../styles/doctor.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("p", "profile", "Profile", id="profile"),
        Binding("w", "write_report", "Write report", id="write-report"),
        Binding("l", "learn", "When to see a doctor", id="learn-doctor"),
        Binding("v", "doctor_seen", "I saw a doctor about this", id="doctor-seen"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.advice: Advice | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with VerticalScroll(id="doctor"):
            yield Static(id="doctor-level")
            yield Static("[b $primary]Why[/]", id="doctor-why")
            yield Vertical(id="doctor-reasons")
            yield Static(id="doctor-whom")
            yield Static(id="doctor-help")
            yield Static(id="doctor-notes", classes="hint")
            yield Static(id="doctor-quiet", classes="hint")
            yield Static(OWN_THRESHOLD_NOTE, id="doctor-own", classes="hint")
            yield Static(id="doctor-profile")
            yield Static(
                f"[b]w[/b] writes a one-page summary of the last {REPORT_NIGHTS} nights "
                "to take to the visit · "
                "[b]v[/b] records that a doctor has seen this · "
                "[b]l[/b] explains when to see a doctor",
                id="doctor-keys",
            )
            yield Static(
                escape(f"{DISCLAIMER} {NOT_ADVICE}"), id="doctor-disclaimer", classes="hint"
            )
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_advice()
        self.query_one("#doctor", VerticalScroll).focus()

    def on_screen_resume(self) -> None:
        # The profile or the thresholds may have changed meanwhile.
        self.refresh_advice()

    def refresh_advice(self) -> None:
        from crampcoach.advice_text import current_advice

        app = self.cc_app
        now = app.now()
        result = app.journal_read(lambda journal: (current_advice(journal, now), journal.profile()))
        if result is None:
            return
        advice, profile = result
        self.advice = advice
        self.show(advice, profile)

    def show(self, advice: Advice, profile: Any) -> None:
        level = self.query_one("#doctor-level", Static)
        for name in (URGENT, SEE_DOCTOR, MENTION, "none"):
            level.set_class(advice.level == name, f"-{name}")
        mark = MARKS[advice.level]
        level.update(f"[b]{mark} {LEVEL_TITLES[advice.level]}[/b]\n{escape(advice.headline)}")

        box = self.query_one("#doctor-reasons", Vertical)
        box.remove_children()
        rows: list[Horizontal] = []
        for r in advice.reasons:
            urgent = r.level == URGENT
            bullet = Static("!" if urgent else "•", classes="bullet")
            # Reason texts may quote settings (the help numbers): inert text, never markup.
            text = Static(user_text(r.text), classes="reason-text")
            row = Horizontal(bullet, text, classes="reason -urgent" if urgent else "reason")
            rows.append(row)
        if not rows:
            rows.append(
                Horizontal(
                    Static("•", classes="bullet"),
                    Static(
                        "No rule fired for the nights in your log. The app looks for long "
                        "cramps, warning signs (swelling, redness or warmth, numbness, weaker "
                        "muscles), and how often cramps wake you.",
                        classes="reason-text",
                    ),
                    classes="reason",
                )
            )
        box.mount_all(rows)

        whom = self.query_one("#doctor-whom", Static)
        whom.display = bool(advice.whom)
        if advice.whom:
            whom.update(
                "[b $primary]Whom to see[/]\n" + "\n".join(f"• {escape(w)}" for w in advice.whom)
            )
        self.query_one("#doctor-help", Static).update(
            join_text(
                user_text("At any hour", style="bold"),
                *(join_text("\n• ", user_text(line)) for line in advice.help),
            )
        )
        notes = self.query_one("#doctor-notes", Static)
        notes.display = bool(advice.notes)
        notes.update(user_text("\n".join(advice.notes)))
        quiet = self.query_one("#doctor-quiet", Static)
        quiet.display = bool(advice.quieted)
        if advice.quieted and advice.visit is not None:
            seen = format_night(advice.visit.seen_on, year=True)
            lines = [f"Seen by a doctor on {seen}, quiet until something new comes up:"]
            lines += [f"• {r.summary or r.rule_id}" for r in advice.quieted]
            if advice.visit.note:
                lines.append(f"Your note: {advice.visit.note}")
            quiet.update(user_text("\n".join(lines)))
        self.query_one("#doctor-own").display = advice.note_own_threshold
        self.query_one("#doctor-profile", Static).update(profile_words(profile))
        self.sub_title = f"Doctor advice · {LEVEL_TITLES[advice.level].lower()}"

    # ------------------------------------------------------------ actions

    def action_back(self) -> None:
        self.dismiss(None)

    def action_profile(self) -> None:
        self.cc_app.action_profile()

    def action_learn(self) -> None:
        self.cc_app.action_learn("when-to-see-a-doctor")

    def action_doctor_seen(self) -> None:
        from crampcoach.ui.screens.doctor_seen import DoctorSeenScreen

        app = self.cc_app
        profile = app.journal_read(lambda journal: journal.profile())
        if profile is None:  # the read failed and the error screen says why
            return

        def saved(visit: Any) -> None:
            if visit is None:
                return
            if app.journal_write(lambda journal: journal.add_doctor_visit(visit)) is None:
                return
            app.notify(
                f"Visit on {format_night(visit.seen_on, year=True)} recorded. Routine advice "
                "given then stays quiet until something new comes up.",
                title="Saved",
            )
            self.refresh_advice()

        app.push_screen(DoctorSeenScreen(app.now().date(), profile), saved)

    async def action_write_report(self) -> None:
        """Ask where to write the visit report (a visible folder by default) and say where it
        went in a message that stays: the same screen as the palette's "Write the report"."""
        await self.app.run_action("app.report")
