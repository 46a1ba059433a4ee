"""The pure first-aid rules: the cramp clock, the length offered, the safety net, the keys."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from crampcoach.core import vocab
from crampcoach.core.first_aid import (
    DURATION_STEPS_S,
    PLAYER_KEYS,
    QUESTION_KEYS,
    WHERE_KEYS,
    CrampClock,
    duration_words,
    elapsed_clock,
    flow_key_clashes,
    longer_duration,
    next_side,
    parse_duration_text,
    safety_net_lines,
    shorter_duration,
)
from tests.ui_support import FakeClock


def test_the_clock_holds_while_a_question_is_open_and_runs_after_still_cramping():
    clock = FakeClock()
    cramp = CrampClock(clock)
    clock.advance(200)  # the routine plays
    cramp.hold()  # it ended: "Has it passed?"
    clock.advance(3600)  # the question sits open for an hour
    assert cramp.elapsed() == 200
    cramp.run()  # "still cramping"
    clock.advance(90)
    assert cramp.elapsed() == 290
    cramp.hold()  # "it has passed"
    cramp.hold()  # twice is once
    clock.advance(500)
    assert cramp.elapsed() == 290 and not cramp.running
    cramp.run()
    cramp.run()
    clock.advance(10)
    assert cramp.elapsed() == 300 and cramp.running


def test_shorter_and_longer_step_through_plain_lengths():
    assert shorter_duration(206) == 120  # shown as "about 3 min": sooner is 2 min
    assert shorter_duration(188) == 120
    assert shorter_duration(180) == 120
    assert shorter_duration(30) == 30
    assert longer_duration(206) == 300
    assert longer_duration(3600) == 4200
    assert longer_duration(vocab.DURATION_MAX_S) == vocab.DURATION_MAX_S
    assert list(DURATION_STEPS_S) == sorted(DURATION_STEPS_S)


def test_duration_words():
    assert duration_words(42) == "42 s"
    assert duration_words(206) == "3 min"
    assert duration_words(630) == "10 min 30 s"  # never "10 min" for a cramp over the limit
    assert duration_words(600) == "10 min"
    assert duration_words(1500) == "25 min"
    assert elapsed_clock(75) == "1:15" and elapsed_clock(3725) == "1:02:05"


def test_parse_duration_text_examples():
    assert parse_duration_text("4") == 240
    assert parse_duration_text(" 4.5 ") == 270
    assert parse_duration_text("4:30") == 270
    assert parse_duration_text("90 s") == 90
    assert parse_duration_text("12 min") == 720
    for bad in ("", "0", "1e3", "nan", "inf", "-3", "4:75", "lots", "99999"):
        assert parse_duration_text(bad) is None, bad


@given(st.text(max_size=12))
def test_parse_duration_text_never_raises_and_stays_in_range(text):
    value = parse_duration_text(text)
    assert value is None or 1 <= value <= vocab.DURATION_MAX_S


@given(st.integers(min_value=1, max_value=1440))
def test_whole_minutes_round_trip(minutes):
    assert parse_duration_text(str(minutes)) == minutes * 60


def test_safety_net_from_ten_minutes_on():
    assert safety_net_lines(599.9) == ()
    lines = safety_net_lines(630)
    text = " ".join(lines)
    assert "10 min 30 s" in text
    assert "urgent appointment today" in text
    assert "NHS 111" in text and "out-of-hours" in text
    assert "999" in text and "112" in text and "swollen" in text and "chest pain" in text
    # The numbers a user set in settings replace the defaults, in the doctor advice's words.
    from crampcoach.core.first_aid import numbers_of
    from crampcoach.core.models import Settings

    numbers = numbers_of(Settings(out_of_hours_number="116 117", emergency_number="112"))
    custom = " ".join(safety_net_lines(700, numbers))
    assert "116 117" in custom and "NHS 111" not in custom


def test_the_leg_key_steps_through_every_side_and_back():
    seen = [None]
    for _ in range(4):
        seen.append(next_side(seen[-1]))
    assert seen == [None, "left", "right", "both", None]


def test_no_key_means_two_things_on_neighbouring_screens_of_the_flow():
    screens = {"where": WHERE_KEYS, "player": PLAYER_KEYS, "question": QUESTION_KEYS}
    assert flow_key_clashes(screens) == []
    # The old design (n next step, then n "not yet") is caught.
    old = {**QUESTION_KEYS, "n": "not yet"}
    assert flow_key_clashes({**screens, "question": old}) == [
        "n: player 'next step', question 'not yet'"
    ]
