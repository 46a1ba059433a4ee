"""The whole first session of a new user, then a restart: everything is as they left it."""

from __future__ import annotations

from textual.widgets import Input, RadioSet, SelectionList

from crampcoach import paths
from crampcoach.store import Journal
from crampcoach.ui.app import CrampCoachApp
from tests.ui_support import NOW, ZONE, FakeClock


def fresh_app(root):
    # Built the way the command line builds it: no settings written by the test.
    journal = Journal.open(paths.journal_path(root), now=lambda: NOW)
    return CrampCoachApp(journal, root, now=lambda: NOW, zone=ZONE, monotonic=FakeClock())


async def test_new_user_session_survives_a_restart(tmp_path):
    app = fresh_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.__class__.__name__ == "WelcomeScreen"
        await pilot.press("p")  # answer the profile questions
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ProfileScreen"
        app.screen.query_one("#conditions", SelectionList).select("diabetes")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HomeScreen"

        await pilot.press("d")  # the doctor screen links to "When to see a doctor"
        await pilot.pause()
        assert app.screen.__class__.__name__ == "DoctorScreen"
        await pilot.press("l")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "LearnScreen"
        assert app.screen.current.slug == "when-to-see-a-doctor"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HomeScreen"

        await pilot.press("s")  # night theme and a stricter threshold
        await pilot.pause()
        settings = app.screen
        settings.query_one("#theme", RadioSet).query("RadioButton")[1].value = True
        await pilot.pause()
        settings.query_one("#th-long_episode_min", Input).value = "8"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.theme == "crampcoach-night-red"
    app.journal.close()

    again = fresh_app(tmp_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.screen.__class__.__name__ == "HomeScreen"  # no second welcome
        assert again.theme == "crampcoach-night-red"
        assert again.settings.thresholds["long_episode_min"] == 8
        assert again.journal.profile().conditions == ("diabetes",)
