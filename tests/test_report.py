"""The doctor report and ``stats --json`` against a small fixture counted by hand."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest

from crampcoach.core.models import Profile, Settings
from crampcoach.core.stats import SCHEMA_VERSION, stats_json
from crampcoach.report import build_report_data, render_html, render_markdown
from crampcoach.report.svg import bar_chart
from tests.factories import checkin, episode_on_night, local, run_at

NOW = local("2026-11-29", "09:00")  # reference night 28 Nov, settled
NOTE = '<b>bad</b> night & "worse" <script>alert(1)</script>'

# Hand count, nights of 1..28 Nov 2026 (days=28, four weeks):
#   3 Nov 02:10  3 min calf left  4/10 stretch           caffeine night
#   5 Nov 03:20  5 min calf left  6/10 massage           caffeine night
#   5 Nov 04:40  1 min foot left  3/10                   (same night)
#  12 Nov 02:50  2 min calf both  5/10 stretch
#  20 Nov 03:05 12 min calf right 8/10 numbness, note    bedtime night
#  27 Nov 23:30  4 min toes left  5/10
# Weeks 1-7 / 8-14 / 15-21 / 22-28: 2 / 1 / 1 / 1 cramp nights; 5 nights, 6 episodes.
# Durations 1,2,3,4,5,12 -> median 3.5 min; intensity 3,4,5,5,6,8 -> median 5.
# Hours 2,3,4,2,3,23 -> 02:00 and 03:00 tie at 2; 02:00 comes first in the night.
# Caffeine on nights 1-10: 2 of 10 cramp nights (20%); without (11-28): 3 of 18 (17%).
# Bedtime: runs on 15-21, check-in on 22 -> 1 of 8 (13%); without: 4 of 20 (20%).
# Cramp-free runs: 1-2, 4, 6-11, 13-19, 21-26, 28 -> longest 7, current 1.
# Advice: 12 min on 20 Nov (within 15..28) -> urgent; numbness -> neurologist;
# diuretics -> medication review. Last 7: 1, last 30: 5 -> not frequent.


def fixture():
    episodes = [
        episode_on_night(
            "2026-11-03",
            "02:10",
            minutes=3,
            side="left",
            locations=("calf",),
            intensity=4,
            relief=("stretch",),
        ),
        episode_on_night(
            "2026-11-05",
            "03:20",
            minutes=5,
            side="left",
            locations=("calf",),
            intensity=6,
            relief=("massage",),
        ),
        episode_on_night(
            "2026-11-05", "04:40", minutes=1, side="left", locations=("foot",), intensity=3
        ),
        episode_on_night(
            "2026-11-12",
            "02:50",
            minutes=2,
            side="both",
            locations=("calf",),
            intensity=5,
            relief=("stretch",),
        ),
        episode_on_night(
            "2026-11-20",
            "03:05",
            minutes=12,
            side="right",
            locations=("calf",),
            intensity=8,
            red_flags=("numbness",),
            notes=NOTE,
        ),
        episode_on_night(
            "2026-11-27", "23:30", minutes=4, side="left", locations=("toes",), intensity=5
        ),
        # Outside the period: must not count in it.
        episode_on_night("2026-10-20", "03:00", minutes=30, side="left", locations=("calf",)),
    ]
    first = date(2026, 11, 1)
    checkins = [
        checkin(
            first + timedelta(days=i),
            caffeine_after_noon=i < 10,
            bedtime_routine=(i == 21),
        )
        for i in range(28)
    ]
    runs = [run_at(date(2026, 11, d), "22:15") for d in range(15, 22)]
    profile = Profile(
        age_band="60-74",
        medicines=("diuretics",),
        medicines_other="<script>alert(2)</script> & co",
    )
    return episodes, checkins, runs, profile


@pytest.fixture
def data():
    episodes, checkins, runs, profile = fixture()
    return build_report_data(
        episodes,
        checkins,
        runs,
        profile,
        Settings(),
        NOW,
        28,
        bedtime_routine_ids={"bedtime-stretch"},
    )


def test_report_data_numbers(data):
    p = data.patterns
    assert p.period.first_night == date(2026, 11, 1)
    assert p.period.last_night == date(2026, 11, 28)
    assert [w.cramp_nights for w in p.weekly] == [2, 1, 1, 1]
    assert p.nights.in_period == 5 and p.nights.episodes_in_period == 6
    assert (p.nights.last_7, p.nights.last_30) == (1, 5)
    assert p.duration.median == 210
    assert p.intensity.median == 5
    assert p.longest is not None and p.longest.night == date(2026, 11, 20)
    assert (p.streaks.current, p.streaks.longest) == (1, 7)
    assert data.advice.level == "urgent"
    assert [r.rule_id for r in data.advice.reasons] == [
        "long-episode",
        "numbness-or-swelling",
        "context-medicines",
    ]
    assert len(data.red_flags) == 1


HAND_COUNTED = [
    "5 of 28 logged nights (6 episodes)",
    "1 cramp night (1 woke you)",
    "5 cramp nights (5 woke you)",
    "12 min, night of 20 Nov 2026 (began 03:05)",
    "3.5 min (median of 6 timed episodes)",
    "5 of 10 (median of 6 rated episodes)",
    "calf 4, foot 1, toes 1",
    "left 4, right 1, both 1",
    "most often 02:00–03:00 (2 of 6 episodes)",
    "2 cramp nights in the last 14 nights, fewer than the 3 in the 14 before",
    "1 in a row now; longest run 7",
    "nights after caffeine: 2 of 10 had cramps (20%); without: 3 of 18 (17%)",
    "stretch: 2 episodes, median 2.5 min",
    "massage: 1 episode, median 5 min",
    "nights with the bedtime routine: 1 of 8 had cramps (13%); without: 4 of 20 (20%)",
    "Nights of 1 Nov 2026 to 28 Nov 2026 (28 nights)",
    "night of 20 Nov 2026, 03:05: numbness (right leg, calf)",
    "A cramp on the night of 20 Nov lasted 12 min, longer than 10 minutes",
    "night of 20 Nov 2026, 03:05: 12 min, right leg",
    "medication review",
    "Whom to see: GP (family doctor).",
    "Get medical advice today",
]


def test_markdown_has_the_hand_counted_numbers(data):
    md = render_markdown(data)
    for expected in HAND_COUNTED:
        assert expected in md, expected
    assert "| 2026-11-01 to 2026-11-07 | 2 |" in md
    assert "| 2026-11-08 to 2026-11-14 | 1 |" in md
    assert "| 2026-11-22 to 2026-11-28 | 1 |" in md
    # Not enough data for the other factors, and said so.
    assert "Not enough data yet for: alcohol" in md
    # The older 30-minute cramp is outside the period.
    assert "30 min" not in md
    # User text is escaped for Markdown: no raw tags.
    assert "<script>" not in md and "<b>" not in md
    assert r"\<script\>alert(2)\</script\> & co" in md


def test_html_has_the_hand_counted_numbers(data):
    page = render_html(data)
    for expected in HAND_COUNTED:
        assert expected.replace("&", "&amp;").replace("'", "&#x27;") in page, expected
    assert "&lt;b&gt;bad&lt;/b&gt; night &amp; &quot;worse&quot;" in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt; &amp; co" in page


def test_html_stands_alone_and_prints_on_a4(data):
    page = render_html(data)
    assert page.startswith("<!DOCTYPE html>")
    assert "<svg" in page
    assert "@page { size: A4" in page
    assert "@media print" in page
    # No scripts, no external resources; the only URL is the SVG namespace.
    assert "<script" not in page.lower()
    assert re.findall(r"https?://[^\s\"'<>]+", page) == ["http://www.w3.org/2000/svg"]
    for tag in ("<link", "<img", "<iframe", "src=", "@import", "url("):
        assert tag not in page.lower(), tag
    # The chart: one bar per week, each with its numbers in a tooltip.
    svg = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    assert svg.count("<rect") == 4
    assert "nights of 1 Nov to 7 Nov: 2 cramp nights" in svg
    assert "nights of 22 Nov to 28 Nov: 1 cramp night" in svg


@pytest.mark.parametrize("render", [render_markdown, render_html])
def test_no_forbidden_content(data, render):
    text = render(data).lower()
    for word in ("needle", "quinine", "stop taking", "magnesium", "diagnosed", "you have dvt"):
        assert word not in text, word


def test_empty_journal_renders():
    data = build_report_data([], [], [], None, None, NOW, 90)
    md = render_markdown(data)
    page = render_html(data)
    assert "nothing logged yet" in md
    assert "Nothing in your log calls for a doctor" in md
    assert "<svg" in page
    assert "None noted in this period." in page


def test_weeks_before_the_log_are_left_out_of_the_chart():
    episodes = [episode_on_night("2026-11-25")]
    data = build_report_data(episodes, [], [], None, None, NOW, 90)
    assert len(data.patterns.weekly) == 13
    assert len(data.weeks) == 1
    assert render_html(data).count("<rect") == 1


def test_svg_escapes_and_scales():
    svg = bar_chart([0, 9], ["<a>", "b&c"], title='x"y')
    assert "&lt;a&gt;" in svg and "b&amp;c" in svg and "x&quot;y" in svg
    assert "<script" not in svg
    with pytest.raises(ValueError):
        bar_chart([1], [], title="t")


# ---------------------------------------------------------------- stats --json

SCHEMA_KEYS = {
    "schema",
    "generated_at",
    "boundary_hour",
    "period",
    "nights",
    "triggers",
    "weekly",
    "trend",
    "hours",
    "weekdays",
    "locations",
    "sides",
    "duration",
    "intensity",
    "factors",
    "relief",
    "bedtime",
    "streaks",
    "advice",
}


def test_stats_json_schema_and_numbers():
    episodes, checkins, runs, profile = fixture()
    doc = stats_json(
        episodes,
        checkins,
        runs,
        profile,
        Settings(),
        NOW,
        days=28,
        bedtime_routine_ids={"bedtime-stretch"},
    )
    assert set(doc) == SCHEMA_KEYS
    assert json.loads(json.dumps(doc)) == doc  # plain JSON, round-trips
    assert doc["schema"] == SCHEMA_VERSION
    assert doc["generated_at"] == "2026-11-29T09:00:00+01:00"
    assert doc["period"]["first_night"] == "2026-11-01"
    assert doc["nights"] == {
        "last_7": 1,
        "last_30": 5,
        "woke_last_7": 1,
        "woke_last_30": 5,
        "in_period": 5,
        "episodes_in_period": 6,
    }
    assert len(doc["weekly"]) == 12
    assert [w["cramp_nights"] for w in doc["weekly"][-4:]] == [2, 1, 1, 1]
    assert doc["hours"]["counts"][2] == 2 and len(doc["hours"]["counts"]) == 24
    assert list(doc["weekdays"]) == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert doc["locations"]["counts"]["calf"] == 4
    assert doc["locations"]["counts"]["back-thigh"] == 0
    assert doc["sides"]["counts"] == {"left": 4, "right": 1, "both": 1}
    assert doc["duration"]["median_s"] == 210
    assert doc["duration"]["longest"]["duration_s"] == 720
    assert doc["duration"]["longest"]["started_at"] == "2026-11-21T03:05:00+01:00"
    assert doc["intensity"]["median"] == 5
    caffeine = next(f for f in doc["factors"] if f["key"] == "caffeine_after_noon")
    assert caffeine["with"] == {"nights": 10, "cramp_nights": 2, "percent": 20}
    assert caffeine["without"] == {"nights": 18, "cramp_nights": 3, "percent": 17}
    assert caffeine["enough"] is True
    assert doc["bedtime"]["with"] == {"nights": 8, "cramp_nights": 1, "percent": 13}
    assert doc["streaks"]["current"] == 1 and doc["streaks"]["longest"] == 7
    advice = doc["advice"]
    assert advice["level"] == "urgent"
    assert advice["whom"][0] == "GP (family doctor)"
    assert advice["reasons"][0]["rule_id"] == "long-episode"
    assert advice["reasons"][0]["numbers"]["longest_s"] == 720
    assert advice["thresholds"]["long_episode_min"] == 10


def test_stats_json_uses_settings():
    episodes, checkins, runs, profile = fixture()
    settings = Settings(thresholds={"long_episode_min": 15.0}, night_boundary_hour=12)
    doc = stats_json(episodes, checkins, runs, profile, settings, NOW)
    # The urgent long-cramp limit is bounded where it is read: 15 minutes is read as 10.
    assert doc["advice"]["thresholds"]["long_episode_min"] == 10
    assert "long-episode" in {r["rule_id"] for r in doc["advice"]["reasons"]}
    assert doc["period"]["days"] is None
    assert doc["period"]["first_night"] == "2026-10-20"


# ---------------------------------------------------------------- what a GP reads in a minute


def _report(episodes, *, days=90, profile=None, settings=None, visits=(), checkins=()):
    return build_report_data(
        episodes, checkins, (), profile, settings or Settings(), NOW, days, visits=visits
    )


def test_every_long_cramp_is_listed_with_date_and_length():
    eps = [
        episode_on_night("2026-10-01", minutes=None, duration_s=630, side="left"),
        episode_on_night("2026-11-10", minutes=12),
        episode_on_night("2026-11-12", minutes=9),
    ]
    data = _report(eps)
    texts = [c.text for c in data.long_cramps]
    assert texts == [
        "night of 1 Oct 2026, 03:00: 10 min 30 s, left leg",
        "night of 10 Nov 2026, 03:00: 12 min",
    ]
    page = render_html(data)
    assert "Cramps over 10 min" in page and "10 min 30 s" in page
    assert "10 min 30 s" in render_markdown(data)


def test_warning_signs_with_date_and_leg_and_visits_and_triggers():
    from crampcoach.core.doctor_visit import DoctorVisit

    eps = [
        episode_on_night("2026-10-05", red_flags=("swelling",), side="both", triggers=("cold",)),
        episode_on_night("2026-11-02", red_flags=("weakness",), triggers=("cold", "stress")),
        episode_on_night("2026-11-03", triggers=("stress",)),
    ]
    visits = (DoctorVisit(date(2026, 10, 20), "<b>GP</b> said fine"),)
    data = _report(eps, visits=visits)
    assert [n.text for n in data.red_flags] == [
        "night of 5 Oct 2026, 03:00: swelling (both legs)",
        "night of 2 Nov 2026, 03:00: muscles getting weaker or smaller (leg not noted)",
    ]
    assert data.trigger_lines == ("cold: 2 of 3 episodes", "stress: 2 of 3 episodes")
    assert data.visit_lines == ("20 Oct 2026: <b>GP</b> said fine",)
    page = render_html(data)
    assert "20 Oct 2026: &lt;b&gt;GP&lt;/b&gt; said fine" in page and "<b>GP</b>" not in page
    assert "Triggers noted with cramps" in page


def test_name_medicines_conditions_and_plurals():
    profile = Profile(conditions=("thyroid",), medicines=("statins", "other"))
    settings = Settings(patient_name="Ann <Example>")
    data = _report([episode_on_night("2026-11-20")], days=1, profile=profile, settings=settings)
    page = render_html(data)
    assert "Ann &lt;Example&gt;" in page
    assert "(1 night)" in data.period_text and "1 nights" not in page
    assert "Medicines: statins" in page and "Other medicines: yes, not named" in page
    assert "Conditions: thyroid" in page
    md = render_markdown(data)
    assert "Ann \\<Example\\>" in md


def test_a_new_journal_has_no_trend_yet():
    eps = [episode_on_night(d) for d in ("2026-11-17", "2026-11-21", "2026-11-26")]
    data = _report(eps)
    trend = next(f.value for f in data.facts if f.label == "Trend")
    assert trend == "Not enough nights yet to see a trend."
    page = render_html(data)
    assert "more frequent" not in page and "against 0" not in page


def test_longest_episode_near_the_limit_in_minutes_and_seconds():
    data = _report([episode_on_night("2026-11-20", minutes=None, duration_s=630)])
    assert data.longest_text.startswith("10 min 30 s, night of 20 Nov 2026")
    assert _report([episode_on_night("2026-11-20", minutes=3)]).longest_text.startswith("3 min")
