"""What the journal says once on opening (an upgrade, merged first-aid entries) reaches the user."""

from __future__ import annotations

from crampcoach.core.models import Settings
from crampcoach.ui.app import CrampCoachApp
from tests.ui_support import NOW, ZONE, open_journal


async def test_the_journal_notice_is_shown_once(tmp_path):
    journal = open_journal(tmp_path)
    journal.save_settings(Settings(welcomed=True))
    journal.notice = "Your journal was upgraded from schema 1 to 2."
    app = CrampCoachApp(journal, tmp_path, now=lambda: NOW, zone=ZONE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = [str(n.message) for n in app._notifications]
        assert shown.count("Your journal was upgraded from schema 1 to 2.") == 1
        assert journal.notice is None  # said once, not at every start of a screen
