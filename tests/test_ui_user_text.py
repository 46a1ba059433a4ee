"""User text is data: markup and terminal escapes typed into every field, stored in the
journal, in a user routine and in an import file, are shown literally on every screen, and
no raw control character reaches what the terminal is sent."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.text import Text
from textual import events
from textual.widgets import DataTable, Input, Static, TextArea

from crampcoach import paths
from crampcoach.core.errors import ValidationError
from crampcoach.core.models import Profile
from crampcoach.core.text import escape_controls, first_control
from crampcoach.report.markdown import md_escape
from crampcoach.stats_text import report_output
from crampcoach.store.errors import RecordRefused
from crampcoach.ui.screens.checkin import CheckInScreen
from crampcoach.ui.screens.doctor import DoctorScreen
from crampcoach.ui.screens.episode_detail import EpisodeDetailScreen
from crampcoach.ui.screens.error import ErrorScreen
from crampcoach.ui.screens.help import HelpScreen
from crampcoach.ui.screens.history import HistoryScreen
from crampcoach.ui.screens.home import HomeScreen
from crampcoach.ui.screens.learn import LearnScreen
from crampcoach.ui.screens.log_form import LogFormScreen
from crampcoach.ui.screens.patterns import PatternsScreen
from crampcoach.ui.screens.profile import ProfileScreen
from crampcoach.ui.screens.routines import RoutinesScreen
from crampcoach.ui.screens.settings import SettingsScreen
from crampcoach.ui.text import user_markup, user_text
from tests.ui_support import NOW, episode, make_app, open_journal

MARKUP = ("[/]", "[bold]x", "[link=https://e.x]y[/link]")
ESCAPES = ("\x1b]0;title\x07", "\x1b[2J", "\u202e")
HOSTILE = " ".join(MARKUP + ESCAPES)
SHOWN = escape_controls(HOSTILE)  # how it must look: markup literal, controls by name
ROUTINE_TITLE = "My [/] stretches"
STEP_TEXT = "Lean [bold]on[/] the [link=https://e.x]wall[/link] [$primary]now"
BAD_CELL = "[/] [bold]x"
SIZE = (160, 50)


# ---------------------------------------------------------------- reading the screen


def _plain(renderable: object) -> str:
    if isinstance(renderable, str):
        return renderable
    plain = getattr(renderable, "plain", None)
    return plain if isinstance(plain, str) else str(renderable)


def screen_text(app) -> str:
    """Every text the current screen holds, whole (not cut by the terminal's width)."""
    screen = app.screen
    parts = [screen.sub_title or ""]
    for widget in screen.query(Static):
        parts.append(_plain(widget.render()))
    for table in screen.query(DataTable):
        for row in range(table.row_count):
            parts += [_plain(cell) for cell in table.get_row_at(row)]
    parts += [box.value for box in screen.query(Input)]
    parts += [area.text for area in screen.query(TextArea)]
    parts += [_plain(n.message) for n in app._notifications]
    return "\n".join(parts)


def painted_lines(app) -> list[str]:
    """What the terminal is sent for the screen, as lines of text."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def assert_safe(app, *expected: str) -> None:
    """The screen paints no raw control character and shows ``expected`` literally."""
    for number, line in enumerate(painted_lines(app)):
        bad = first_control(line)
        assert bad is None, f"line {number} sends {bad!r} to the terminal: {line!r}"
    text = screen_text(app)
    assert first_control(text.replace("\n", "")) is None
    for piece in expected:
        assert piece in text, f"{piece!r} not shown on {type(app.screen).__name__}"


async def show(pilot, key: str, screen_type: type) -> None:
    await pilot.press(key)
    await pilot.pause()
    await pilot.pause()
    assert isinstance(pilot.app.screen, screen_type), type(pilot.app.screen).__name__


async def back(pilot) -> None:
    await pilot.press("escape")
    await pilot.pause()


async def home(pilot) -> None:
    """Leave screens (saying yes to "discard?") until home shows."""
    for _ in range(8):
        if isinstance(pilot.app.screen, HomeScreen):
            return
        await pilot.press("y" if "Confirm" in type(pilot.app.screen).__name__ else "escape")
        await pilot.pause()
    assert isinstance(pilot.app.screen, HomeScreen), type(pilot.app.screen).__name__


# ---------------------------------------------------------------- the helpers


def test_user_text_is_literal_and_inert():
    text = user_text(HOSTILE)
    assert isinstance(text, Text) and text.plain == SHOWN and not text.spans
    assert "\x1b" not in text.plain and "\u202e" not in text.plain
    assert "\\x1b]0;title\\x07" in text.plain and "U+202E" in text.plain


@pytest.mark.parametrize("text", [*MARKUP, HOSTILE, STEP_TEXT, "a\\", "\\[x]", "[$x]y"])
def test_user_markup_shows_the_text_literally_inside_markup(text):
    from textual.content import Content

    shown = Content.from_markup(f"[b]{user_markup(text)}[/b] and [i]more[/i]").plain
    assert shown.replace("\u200b", "") == f"{escape_controls(text)} and more"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="[]\\/$=@#ab \x1b\x07\u202e", max_size=24))
def test_user_markup_round_trips_any_text(text):
    from textual.content import Content

    shown = Content.from_markup(f"[b]{user_markup(text)}[/b]x[i]y[/i]").plain
    assert shown.replace("\u200b", "") == f"{escape_controls(text)}xy"


def test_reports_escape_the_notes():
    md = md_escape(HOSTILE)
    assert "\x1b" not in md and "\x07" not in md and "\u202e" not in md
    assert "\\[/\\]" in md and "\\[link=https://e.x\\]" in md


# ---------------------------------------------------------------- a journal full of it


def _hostile_journal(root: Path) -> None:
    """Records holding the text, as far as the record gate lets it in."""
    journal = open_journal(root)
    for notes in (HOSTILE, " ".join(MARKUP)):
        try:
            ep = episode(
                "2026-11-22 03:10",
                duration_s=240,
                side="left",
                locations=["calf"],
                red_flags=["swelling"],
                notes=notes,
            )
            journal.add_episode(ep)
            break
        except (ValidationError, RecordRefused):
            continue  # the gate refuses control characters: keep the markup
    for other in (HOSTILE, " ".join(MARKUP)):
        try:
            journal.save_profile(Profile(medicines=("other",), medicines_other=other))
            break
        except (ValidationError, RecordRefused):  # the journal's own gate refuses it
            continue
    journal.close()
    folder = paths.user_routines_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mine.toml").write_text(
        f"""
id = "mine"
title = "{ROUTINE_TITLE}"
kind = "bedtime"
locations = ["calf"]
summary = "Mine [bold]too"

[[steps]]
title = "Calf [/]"
text = "{STEP_TEXT}"
seconds = 20
""",
        encoding="utf-8",
    )
    (folder / "[bold]broken.toml").write_text("id = [/]\n", encoding="utf-8")
    (root / "bad [link=x].csv").write_text(
        f"started_at,notes\n{BAD_CELL},hello\n", encoding="utf-8"
    )


async def test_every_screen_shows_stored_hostile_text_literally(tmp_path):
    _hostile_journal(tmp_path)
    app = make_app(tmp_path)
    notes = open_journal(tmp_path).episodes()[0].notes
    shown_notes = escape_controls(notes)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert_safe(app)

        await show(pilot, "h", HistoryScreen)
        assert_safe(app, shown_notes.replace("\n", " ")[:30])
        await show(pilot, "enter", EpisodeDetailScreen)
        assert_safe(app, shown_notes)
        await back(pilot)
        await show(pilot, "e", LogFormScreen)  # editing it shows the notes as typed
        assert app.screen.query_one("#notes", TextArea).text == shown_notes
        assert first_control("".join(painted_lines(app))) is None
        await back(pilot)
        await back(pilot)

        await show(pilot, "p", PatternsScreen)
        assert_safe(app)
        await back(pilot)
        await show(pilot, "d", DoctorScreen)
        assert_safe(app)
        await back(pilot)

        await show(pilot, "r", RoutinesScreen)
        assert_safe(app, ROUTINE_TITLE, "[bold]broken.toml")
        table = app.screen.query_one(DataTable)
        row = next(i for i in range(table.row_count) if "My [/]" in _plain(table.get_row_at(i)[0]))
        table.move_cursor(row=row)
        await pilot.press("enter")  # play it: the step's markup shows literally
        await pilot.pause()
        await pilot.pause()
        assert_safe(app, ROUTINE_TITLE)
        await home(pilot)

        await show(pilot, "s", SettingsScreen)
        box = app.screen.query_one("#import-path", Input)
        box.value = "bad [link=x].csv"
        await pilot.pause()
        app.screen.action_import()
        await pilot.pause()
        result = _plain(app.screen.query_one("#import-result", Static).render())
        assert BAD_CELL in result or "bad [link=x].csv" in result, result
        assert_safe(app, "bad [link=x].csv")
        await back(pilot)

        await show(pilot, "i", LearnScreen)
        search = app.screen.query_one("#learn-search", Input)
        search.value = HOSTILE
        await pilot.pause()
        assert_safe(app, f"No article mentions “{SHOWN}”.")
        await back(pilot)

        await show(pilot, "question_mark", HelpScreen)
        assert_safe(app)
        await back(pilot)

        # The palette lists the current screen's keys with the screen's title.
        await show(pilot, "r", RoutinesScreen)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ErrorScreen)

    journal = open_journal(tmp_path)
    html = report_output(journal, NOW, fmt="html", days=90)
    md = report_output(journal, NOW, fmt="md", days=90)
    for text in (md, html):
        assert first_control(text.replace("\n", "")) is None
    assert "[link=https://e.x]y[/link]" in html and "<link" not in html
    assert "\\[link=https://e.x\\]y\\[/link\\]" in md


# ---------------------------------------------------------------- typing it everywhere


async def _save(pilot) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()
    await pilot.pause()


async def test_typing_hostile_text_into_every_field_never_crashes(tmp_path):
    app = make_app(tmp_path, episodes=[episode("2026-11-21 02:00", notes="plain")])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # The log form: "when", "how long" (refused, explained beside the field), notes.
        await show(pilot, "l", LogFormScreen)
        await pilot.press("l", "c")  # left calf, so no save stops at the no-side/place question
        await pilot.pause()
        form = app.screen
        form.query_one("#when", Input).value = HOSTILE
        await _save(pilot)
        assert isinstance(app.screen, LogFormScreen)
        assert_safe(app)
        form.query_one("#when", Input).value = "5 [/min]"
        await _save(pilot)
        form.query_one("#when", Input).value = "now"
        form.query_one("#duration", Input).value = "5 [/min]"
        await _save(pilot)
        assert isinstance(app.screen, LogFormScreen)
        assert_safe(app)
        form.query_one("#duration", Input).value = HOSTILE
        await _save(pilot)
        assert_safe(app)
        form.query_one("#duration", Input).value = "3"
        notes = form.query_one("#notes", TextArea)
        notes.focus()
        app.post_message(events.Paste(HOSTILE))  # as the terminal delivers a paste
        await pilot.pause()
        assert notes.text == SHOWN  # what is seen is what is saved
        assert_safe(app, SHOWN)
        await _save(pilot)
        if isinstance(app.screen, LogFormScreen):  # the gate refused the controls: said so
            assert_safe(app)
            form.query_one("#notes", TextArea).text = " ".join(MARKUP)
            await _save(pilot)
        await home(pilot)
        stored = [e.notes for e in open_journal(tmp_path).episodes()]
        assert stored[-1] in (SHOWN, " ".join(MARKUP))

        # The check-in (its one text field takes digits only).
        await show(pilot, "c", CheckInScreen)
        app.screen.query_one("#water", Input).value = HOSTILE
        await _save(pilot)
        assert_safe(app)
        await home(pilot)

        # The profile's free text.
        app.action_profile()
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        app.screen.query_one("#medicines_other", Input).value = HOSTILE
        await _save(pilot)
        assert_safe(app)
        if isinstance(app.screen, ProfileScreen):
            app.screen.query_one("#medicines_other", Input).value = " ".join(MARKUP)
            await _save(pilot)
        await home(pilot)

        # Settings: every text box, then export and import to a path made of it.
        await show(pilot, "s", SettingsScreen)
        for box in app.screen.query(Input):
            box.value = HOSTILE
        await _save(pilot)
        assert isinstance(app.screen, SettingsScreen)
        assert_safe(app)
        app.screen.action_export()
        await pilot.pause()
        assert_safe(app, "[link=https://e.x]y[/link]")
        app.screen.action_import()
        await pilot.pause()
        assert_safe(app, "[link=https://e.x]y[/link]")
        await home(pilot)

        # History's search, then every screen again with what was saved.
        await show(pilot, "h", HistoryScreen)
        await pilot.press("slash")
        app.screen.query_one("#text", Input).value = HOSTILE
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert_safe(app)
        app.screen.query_one("#text", Input).value = ""
        await pilot.pause()
        assert_safe(app, "[/] [bold]x [link=https://e.x]")
        await back(pilot)
        for key, screen_type in (("p", PatternsScreen), ("d", DoctorScreen)):
            await show(pilot, key, screen_type)
            assert_safe(app)
            await back(pilot)


async def test_history_shows_a_note_holding_markup_closing_tag(tmp_path):
    """Regression: a note "[/]" made History crash with a MarkupError every time it opened."""
    app = make_app(tmp_path, episodes=[episode("2026-11-21 02:00", notes="[/]")])
    async with app.run_test(size=(100, 24)) as pilot:
        await show(pilot, "h", HistoryScreen)
        table = app.screen.query_one(DataTable)
        cells = table.get_row_at(0)
        assert all(isinstance(cell, Text) for cell in cells)
        assert cells[-1].plain == "[/]"
        assert any("[/]" in line for line in painted_lines(app))
