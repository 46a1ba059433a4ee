"""Per-episode triggers count: core, stats (JSON and text), the report and the Patterns screen."""

from __future__ import annotations

from textual.widgets import Static

from crampcoach.core import patterns as P
from crampcoach.core.models import Settings
from crampcoach.core.stats import stats_json
from tests.ui_support import NOW, episode, make_app, open_journal

EPISODES = [
    episode("2026-11-22 03:10", side="left", locations=["calf"], triggers=["long-standing"]),
    episode("2026-11-22 05:00", side="left", locations=["calf"], triggers=["long-standing"]),
    episode("2026-11-20 02:40", side="right", locations=["foot"], triggers=["exercise", "cold"]),
    episode("2026-11-18 04:05", side="left", locations=["calf"]),
]


def test_trigger_counts_count_episodes_most_noted_first():
    tally = P.trigger_counts(EPISODES)
    assert tally.counts == (("long-standing", 2), ("exercise", 1), ("cold", 1))
    assert tally.total == 4 and tally.unknown == 1
    assert tally.text == "long standing 2, exercise 1, cold 1"


def test_patterns_and_stats_json_carry_the_trigger_counts():
    p = P.compute_patterns(EPISODES, now=NOW)
    assert p.triggers == P.trigger_counts(EPISODES)
    doc = stats_json(EPISODES, [], [], None, Settings(), NOW)
    assert doc["triggers"]["counts"]["long-standing"] == 2
    assert doc["triggers"]["counts"]["caffeine"] == 0  # every value of the vocabulary
    assert doc["triggers"]["total"] == 4 and doc["triggers"]["unknown"] == 1
    # The evening-factor association keeps its own rule: no check-ins, nothing comparable.
    assert all(not f["enough"] for f in doc["factors"])


def test_stats_text_and_report_name_the_triggers(tmp_path):
    from crampcoach.stats_text import report_output, stats_output

    journal = open_journal(tmp_path)
    journal.add_episodes(EPISODES)
    text = stats_output(journal, NOW, as_json=False)
    assert "Triggers noted with cramps: long standing 2, exercise 1, cold 1" in text
    report = report_output(journal, NOW, fmt="md", days=90)
    assert "long standing 2" in report


async def test_patterns_screen_shows_triggers_apart_from_the_factors(tmp_path):
    app = make_app(tmp_path, episodes=EPISODES)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        for _ in range(3):
            await pilot.pause()
        shown = str(app.screen.query_one("#pt-triggers", Static).render())
        assert "Noted with cramps" in shown and "long standing" in shown
        assert "exercise" in shown
        factors = str(app.screen.query_one("#pt-factors", Static).render())
        assert "long standing" not in factors.split("\n")[0]


def test_a_night_with_two_cramps_counts_each_episode():
    night = [
        episode("2026-11-21 23:00", triggers=["alcohol"]),
        episode("2026-11-22 04:00", triggers=["alcohol"]),
    ]
    assert P.trigger_counts(night).counts == (("alcohol", 2),)
