"""The Experiments screen, Home's line, tonight's routine one key away, and the check-in's
question, in the pilot."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import OptionList, RadioSet, Static

from crampcoach.core.models import CheckIn
from crampcoach.core.trial import new_trial
from tests.factories import episode_on_night
from tests.ui_support import NOW, make_app, open_journal

ON_FIRST, OFF_FIRST = 7, 5  # seeds whose first phase is ON / OFF


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _with_trial(tmp_path, seed: int, start=NOW, **kw):
    app = make_app(tmp_path, **kw)
    trial = new_trial("bedtime-stretch", start, seed, tz="Europe/Berlin")
    app.journal.start_trial(trial, start)
    return app, trial


async def test_start_from_the_screen_with_a_preview_then_home_says_tonight(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = app.screen.query_one("#experiment-line")
        assert not line.display or "-hidden" in line.classes
        await pilot.press("x")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ExperimentsScreen"
        habits = app.screen.query_one("#habits", OptionList)
        assert habits.option_count == 6
        assert "Hallegraeff 2012" in _text(app, "#habit-detail")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "StartPreviewScreen"
        preview = _text(app, "#preview-schedule")
        assert preview.count("Phase ") == 4 and "ON" in preview and "OFF" in preview
        planned = app.screen.trial
        await pilot.press("y")
        await pilot.pause()
        saved = app.journal.trials()
        assert len(saved) == 1 and saved[0].orders == planned.orders
        assert saved[0].first_night == NOW.date()  # 07:30: the coming evening's night
        assert "phase 1 of 4, night 1 of 14" in _text(app, "#exp-now")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        arm = "ON" if saved[0].phases[0].arm == "on" else "OFF"
        assert f"Experiment: bedtime stretch — tonight {arm}, phase 1 of 4, night 1 of 14" in _text(
            app, "#experiment-line"
        )


async def test_on_night_the_routine_is_one_key_from_home_and_its_run_is_saved(tmp_path):
    app, _ = _with_trial(tmp_path, ON_FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert "tonight ON" in _text(app, "#experiment-line")
        assert "b plays tonight's bedtime stretch" in _text(app, "#experiment-line")
        await pilot.press("b")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "PlayerScreen"
        assert app.screen.routine.id == "bedtime-stretch"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # leave; the run is kept
        await pilot.pause()
        runs = app.journal.runs()
        assert [r.routine_id for r in runs] == ["bedtime-stretch"]


async def test_off_night_b_plays_nothing_and_says_first_aid_is_there(tmp_path):
    app, _ = _with_trial(tmp_path, OFF_FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert "tonight OFF" in _text(app, "#experiment-line")
        await pilot.press("b")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HomeScreen"
        assert any("First aid is there" in str(n.message) for n in app._notifications)


async def test_checkin_asks_whether_tonights_arm_was_kept_and_saves_it(tmp_path):
    evening = NOW.replace(hour=21)
    app, trial = _with_trial(tmp_path, ON_FIRST, start=evening, now=evening)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        q = app.screen.query_one("#arm-question")
        assert "an ON night: did you do the bedtime stretch?" in str(q.query_one(Static).render())
        assert app.screen.query_one(RadioSet).pressed_button is None
        app.screen.query_one("#arm-yes").value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = app.journal.trials()[0]
        assert saved.kept == {trial.first_night: True}
        assert app.journal.checkin_for(trial.first_night) is not None


async def test_checkin_without_an_experiment_has_no_question(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert "-hidden" in app.screen.query_one("#arm-question").classes


async def test_stop_early_asks_then_labels_the_result(tmp_path):
    app, _ = _with_trial(tmp_path, ON_FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.journal.trials()[0].stopped_at is not None
        assert "stopped early" in _text(app, "#exp-now")
        assert "Stopped early, after 0 of 4 phases." in _text(app, "#exp-result")


async def test_finished_result_shows_the_chart_and_the_verdict(tmp_path):
    j = open_journal(tmp_path)
    trial = new_trial("bedtime-stretch", NOW, ON_FIRST, tz="Europe/Berlin")
    j.start_trial(trial, NOW)
    on = [n for p in trial.phases if p.arm == "on" for n in _span(p)]
    off = [n for p in trial.phases if p.arm == "off" for n in _span(p)]
    cramps = on[:4] + off[:17]
    j.add_episodes([episode_on_night(n) for n in cramps])
    j.add_checkins([CheckIn(night=n) for n in on + off if n not in set(cramps)])
    later = NOW + timedelta(days=60)
    app = make_app(tmp_path, now=later)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert "finished" in _text(app, "#experiment-line")
        await pilot.press("x")
        await pilot.pause()
        chart = _text(app, "#exp-chart")
        assert "'on'" in chart and "4 of 28 nights (14%)" in chart
        assert "17 of 28 nights (61%)" in chart
        result = _text(app, "#exp-result")
        assert "had fewer cramps" in result and "about a quarter as many" in result
        assert "Carry-over" in result
        assert app.screen.check_action("stop", ()) is False


async def test_palette_and_help_know_experiments(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert any(t.split(" ")[0] == "Experiments" for t in titles), titles
        await pilot.press("question_mark")
        await pilot.pause()
        text = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "Experiments" in text and "Stop early" in text


def _span(p):
    return [p.first_night + timedelta(days=i) for i in range(p.nights)]


async def test_checkin_preselects_yes_after_tonights_routine_on_an_on_night(tmp_path):
    from tests.factories import run_at

    evening = NOW.replace(hour=21)
    app, trial = _with_trial(tmp_path, ON_FIRST, start=evening, now=evening)
    app.journal.add_run(run_at(trial.first_night, "20:30"))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        pressed = app.screen.query_one(RadioSet).pressed_button
        assert pressed is not None and pressed.id == "arm-yes"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.journal.trials()[0].kept == {trial.first_night: True}


async def test_preview_changes_phases_and_length_with_the_same_draw(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        seed = app.screen.seed
        await pilot.press("p", "l")
        await pilot.pause()
        assert _text(app, "#preview-schedule").count("Phase ") == 6
        assert "6 phases of 21 nights (18 weeks)" in _text(app, "#preview-head")
        await pilot.press("y")
        await pilot.pause()
        saved = app.journal.trials()[0]
        assert (saved.phase_count, saved.nights_per_phase, saved.seed) == (6, 21, seed)
