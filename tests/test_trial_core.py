"""Personal experiments in core: the schedule from a seed, nights across DST, the record's gate,
counting with untracked nights left out, states, and the words."""

from __future__ import annotations

import contextlib
import itertools
import re
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crampcoach.core.errors import ValidationError
from crampcoach.core.nights import episode_night
from crampcoach.core.trial import (
    FINISHED,
    OFF,
    ON,
    RUNNING,
    STOPPED,
    TrialError,
    active_trial,
    analyse,
    coming_night,
    draw_orders,
    new_trial,
    trial_from_dict,
    trial_to_dict,
)
from crampcoach.core.trial_stats import FEWER, NO_CLEAR, TOO_EARLY
from crampcoach.core.trial_text import result_lines, schedule_lines, status_line
from tests.factories import episode_at, local

START = local("2026-11-21", "21:00")  # a Saturday evening in Berlin


def _trial(**kw):
    return new_trial("bedtime-stretch", kw.pop("now", START), kw.pop("seed", 7), **kw)


# ---------------------------------------------------------------- schedule


def test_orders_come_from_the_seed_and_are_reproducible():
    assert draw_orders(7, 2) == draw_orders(7, 2)
    # A fixed answer: Python keeps Random.random()'s sequence for an integer seed.
    # Random(7).random() gives 0.3238, 0.1508, 0.6509, 0.0724; below 0.5 means on first.
    assert draw_orders(7, 4) == ("on-off", "on-off", "off-on", "on-off")
    seen = {draw_orders(s, 1)[0] for s in range(40)}
    assert seen == {"on-off", "off-on"}


def test_schedule_is_pairs_of_consecutive_phases_from_the_night_of_the_start():
    t = _trial(seed=1, phases=6, nights_per_phase=7)
    assert t.first_night == date(2026, 11, 21)
    phases = t.phases
    assert len(phases) == 6
    for a, b in itertools.pairwise(phases):
        assert b.first_night == a.last_night + timedelta(days=1)
    for i in range(0, 6, 2):  # every pair holds one on and one off phase
        assert {phases[i].arm, phases[i + 1].arm} == {ON, OFF}
    assert [p.nights for p in phases] == [7] * 6
    assert t.last_night == date(2026, 11, 21) + timedelta(days=41)
    assert len(schedule_lines(t)) == 6


@pytest.mark.parametrize(
    ("clock_day", "clock", "night"),
    [
        ("2026-11-21", "13:00", "2026-11-21"),  # afternoon: tonight
        ("2026-11-21", "23:30", "2026-11-21"),
        ("2026-11-22", "01:30", "2026-11-21"),  # small hours: the night in progress
        ("2026-11-22", "07:00", "2026-11-22"),  # morning: last night is over, this evening
    ],
)
def test_first_night_is_the_night_of_the_start(clock_day, clock, night):
    t = _trial(now=local(clock_day, clock))
    assert t.first_night == date.fromisoformat(night)
    assert coming_night(local(clock_day, clock)) == date.fromisoformat(night)


def test_design_limits():
    for bad in ({"phases": 3}, {"phases": 0}, {"phases": 14}, {"nights_per_phase": 6}):
        with pytest.raises(TrialError):
            _trial(**bad)
    with pytest.raises(TrialError):
        _trial(seed=-1)
    assert _trial(nights_per_phase=7, phases=2).total_nights == 14


def test_dst_nights_are_one_night_each_and_keep_their_arm():
    # Berlin springs forward in the night of Sat 28 Mar 2026 (23 hours); phases of 7 nights
    # starting Sun 22 Mar put that night last in phase 1 and Sun 29 Mar first in phase 2.
    t = new_trial("bedtime-stretch", local("2026-03-22", "20:00"), 3, nights_per_phase=7)
    p1, p2 = t.phases[0], t.phases[1]
    assert p1.last_night == date(2026, 3, 28) and p2.first_night == date(2026, 3, 29)
    before_noon = episode_at("2026-03-29", "11:30")  # still the 23-hour night of 28 Mar
    after_noon = episode_at("2026-03-29", "12:30")
    in_gap_morning = episode_at("2026-03-29", "03:30")  # after the clocks jumped
    assert t.arm_of(episode_night(before_noon)) == p1.arm
    assert t.arm_of(episode_night(in_gap_morning)) == p1.arm
    assert t.arm_of(episode_night(after_noon)) == p2.arm
    # Autumn: the 25-hour night of Sat 24 Oct 2026 is one night too.
    t2 = new_trial("bedtime-stretch", local("2026-10-18", "20:00"), 3, nights_per_phase=7)
    late = episode_at("2026-10-25", "02:30", fold=1)  # the second 02:30
    assert episode_night(late) == date(2026, 10, 24) == t2.phases[0].last_night
    # Home's "night n of N" counts nights, not hours, through the change.
    line = status_line(t, local("2026-03-29", "20:00"), "bedtime stretch")
    assert line.endswith("phase 2 of 4, night 1 of 7")


# ---------------------------------------------------------------- the gate


def test_record_round_trips_through_the_gate():
    t = _trial().with_kept(date(2026, 11, 21), True).with_kept(date(2026, 11, 22), False)
    doc = trial_to_dict(t)
    assert trial_from_dict(doc) == t
    assert doc["kept"] == {"2026-11-21": True, "2026-11-22": False}


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("habit", ""),
        ("first_night", "21/11/2026"),
        ("nights_per_phase", 3),
        ("nights_per_phase", True),
        ("orders", ["on-on"]),
        ("orders", []),
        ("seed", "x"),
        ("started_at", "2026-11-21T21:00:00"),  # no offset
        ("kept", {"2026-11-21": "yes"}),
        ("kept", {"soon": True}),
    ],
)
def test_gate_refuses_bad_fields_by_name(key, value):
    doc = trial_to_dict(_trial())
    doc[key] = value
    with pytest.raises(ValidationError) as info:
        trial_from_dict(doc)
    assert info.value.for_field(key)


@given(st.dictionaries(st.text(max_size=12), st.none() | st.integers() | st.text(max_size=8)))
def test_gate_never_crashes_on_junk(doc):
    with contextlib.suppress(ValidationError):
        trial_from_dict(doc)


# ---------------------------------------------------------------- states


def test_running_finished_stopped_and_one_at_a_time():
    t = _trial(nights_per_phase=7, phases=2)  # nights 21 Nov – 4 Dec
    assert t.state(local("2026-11-30", "22:00")) == RUNNING
    assert t.state(local("2026-12-05", "01:00")) == RUNNING  # the last night is in progress
    assert t.state(local("2026-12-05", "08:00")) == FINISHED
    assert active_trial([t], local("2026-11-30", "22:00")) == t
    assert active_trial([t], local("2026-12-05", "08:00")) is None
    from dataclasses import replace

    stopped = replace(t, stopped_at=local("2026-11-25", "20:00"))
    assert stopped.state(local("2026-11-25", "21:00")) == STOPPED
    assert stopped.done_until(local("2026-12-30", "21:00")) == date(2026, 11, 24)


# ---------------------------------------------------------------- counting


def _nights(t, arm):
    return [n for p in t.phases if p.arm == arm for n in _span(p.first_night, p.last_night)]


def _span(a, b):
    return [a + timedelta(days=i) for i in range((b - a).days + 1)]


def test_counting_by_assigned_arm_excludes_untracked_nights():
    t = _trial(nights_per_phase=7, phases=2)
    on, off = _nights(t, ON), _nights(t, OFF)
    cramps = {on[0], off[0], off[1], off[2]}
    checkins = set(on[:5]) | set(off[:3])  # on[5], on[6], off[3:] untracked
    r = analyse(t, local("2026-12-05", "08:00"), cramp_nights=cramps, checkin_nights=checkins)
    assert (r.on.scheduled, r.on.nights, r.on.cramp_nights, r.on.untracked) == (7, 5, 1, 2)
    # off: three cramp nights are tracked by their episodes; nothing else was written down.
    assert (r.off.scheduled, r.off.nights, r.off.cramp_nights, r.off.untracked) == (7, 3, 3, 4)
    assert r.phases_done == 2 and r.state == FINISHED


def test_a_kept_answer_tracks_a_night_and_runs_count_as_adherence():
    t = _trial(nights_per_phase=7, phases=2)
    on, off = _nights(t, ON), _nights(t, OFF)
    t = t.with_kept(on[0], True).with_kept(off[0], True).with_kept(off[1], False)
    runs = {on[1], on[2], off[2]}  # the routine on two 'on' nights and one 'off' night
    r = analyse(
        t,
        local("2026-12-05", "08:00"),
        cramp_nights=set(),
        checkin_nights=set(),
        run_nights=runs,
        has_routine=True,
    )
    assert r.on.nights == 1 and r.off.nights == 2  # runs alone do not track a night
    assert (r.on.kept, r.on.not_kept, r.on.unknown) == (3, 0, 4)
    assert (r.off.kept, r.off.not_kept, r.off.unknown) == (1, 2, 4)


def test_nights_not_yet_done_do_not_count_and_too_early_before_two_phases():
    t = _trial(nights_per_phase=7, phases=4)
    everything = set(_span(t.first_night, t.last_night))
    r = analyse(t, local("2026-11-30", "22:00"), cramp_nights=set(), checkin_nights=everything)
    assert r.done_until == date(2026, 11, 29)
    assert r.on.scheduled + r.off.scheduled == 9
    assert r.phases_done == 1 and r.verdict == TOO_EARLY


def _full_result(c_on, c_off, stopped=False):
    t = _trial(nights_per_phase=14, phases=4)
    on, off = _nights(t, ON), _nights(t, OFF)
    cramps = set(on[:c_on]) | set(off[:c_off])
    if stopped:
        from dataclasses import replace

        t = replace(t, stopped_at=local("2027-01-02", "20:00"))
    return analyse(
        t,
        local("2027-01-20", "08:00"),
        cramp_nights=cramps,
        checkin_nights=set(_span(t.first_night, t.last_night)),
    )


CAUSAL = re.compile(r"\b(works|cures?|caused?|prevents?|proves?|does nothing|useless)\b", re.I)


def test_result_words_give_the_numbers_and_stay_within_the_design():
    r = _full_result(4, 17)
    assert r.verdict == FEWER
    text = " ".join(result_lines(r, "bedtime stretch"))
    assert "cramps on 4 of 28 'on' nights and 17 of 28 'off' nights" in text.lower()
    assert "about a quarter as many" in text
    assert "0.058–0.72" in text and "does not include 'no difference'" in text
    assert "In this experiment" in text and "Carry-over" in text
    assert not CAUSAL.search(text)


def test_no_clear_difference_says_what_the_numbers_cannot_show():
    r = _full_result(8, 11)
    assert r.verdict == NO_CLEAR
    text = " ".join(result_lines(r, "bedtime stretch"))
    assert "includes 'no difference'" in text
    assert "does not show the habit makes no difference" in text
    assert not CAUSAL.search(text)


def test_stopping_early_is_labelled():
    r = _full_result(4, 17, stopped=True)
    assert r.state == STOPPED and r.phases_done == 3
    assert "Stopped early, after 3 of 4 phases." in result_lines(r, "bedtime stretch")


def test_status_line_says_tonights_arm_phase_and_night():
    t = _trial(seed=7, nights_per_phase=14)
    p2 = t.phases[1]
    when = datetime.combine(p2.first_night + timedelta(days=4), START.timetz())
    arm = "ON" if p2.arm == ON else "OFF"
    assert status_line(t, when, "bedtime stretch") == (
        f"Experiment: bedtime stretch — tonight {arm}, phase 2 of 4, night 5 of 14"
    )


NO_EFFECT = re.compile(
    r"no effect|doesn't help|does not help|didn't help|not work|useless|pointless|"
    r"stop (?:doing|it|the)|give (?:it )?up",
    re.IGNORECASE,
)


def test_h16_an_underpowered_result_never_reads_as_no_effect():
    # Two short phases and a real-looking halving: far too few nights for a clear answer.
    t = _trial(nights_per_phase=7, phases=2)
    on, off = _nights(t, ON), _nights(t, OFF)
    r = analyse(
        t,
        local("2026-12-05", "08:00"),
        cramp_nights=set(on[:2]) | set(off[:4]),
        checkin_nights=set(on) | set(off),
    )
    assert r.verdict == NO_CLEAR
    text = " ".join(result_lines(r, "bedtime stretch"))
    assert "does not show the habit makes no difference" in text
    assert "needs more nights" in text and "Keep it if you find it useful" in text
    # No count on 7 nights a side ever words a result as "no effect" or "stop".
    for c_on in range(len(on) + 1):
        for c_off in range(len(off) + 1):
            r = _counts_result(t, on, off, c_on, c_off)
            words = " ".join(result_lines(r, "bedtime stretch"))
            assert not NO_EFFECT.search(words), (c_on, c_off, words)
            assert not CAUSAL.search(words), (c_on, c_off, words)


def _counts_result(t, on, off, c_on, c_off):
    return analyse(
        t,
        local("2026-12-05", "08:00"),
        cramp_nights=set(on[:c_on]) | set(off[:c_off]),
        checkin_nights=set(on) | set(off),
    )
