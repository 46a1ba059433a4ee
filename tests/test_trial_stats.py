"""The experiment statistics against answers computed independently with scipy (tests only),
and the verdict rule: thresholds, and no verdict that one night can flip."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from crampcoach.core.trial_stats import (
    FEWER,
    MORE,
    NO_CLEAR,
    TOO_EARLY,
    binom_cdf,
    binom_sf,
    clopper_pearson,
    decide,
    neighbours,
    rate_ratio,
)

CASES = [(0, 1), (1, 1), (0, 10), (3, 10), (10, 10), (4, 21), (17, 21), (50, 120), (1, 300)]


@pytest.mark.parametrize(("k", "n"), CASES)
@pytest.mark.parametrize("p", [0.01, 0.2, 0.5, 0.93])
def test_binomial_tails_match_scipy(k, n, p):
    assert binom_cdf(k, n, p) == pytest.approx(sps.binom.cdf(k, n, p), rel=1e-10, abs=1e-300)
    assert binom_sf(k, n, p) == pytest.approx(sps.binom.sf(k, n, p), rel=1e-9, abs=1e-300)


def _scipy_cp(x: int, n: int) -> tuple[float, float]:
    """Clopper–Pearson from beta quantiles: the textbook form, not our bisection."""
    low = 0.0 if x == 0 else sps.beta.ppf(0.025, x, n - x + 1)
    high = 1.0 if x == n else sps.beta.ppf(0.975, x + 1, n - x)
    return float(low), float(high)


@pytest.mark.parametrize(("x", "n"), CASES)
def test_clopper_pearson_matches_scipy_beta_quantiles_and_binomtest(x, n):
    low, high = clopper_pearson(x, n)
    ref = _scipy_cp(x, n)
    assert low == pytest.approx(ref[0], rel=1e-8, abs=1e-12)
    assert high == pytest.approx(ref[1], rel=1e-8, abs=1e-12)
    ci = sps.binomtest(x, n).proportion_ci(confidence_level=0.95, method="exact")
    assert (low, high) == pytest.approx((ci.low, ci.high), rel=1e-8, abs=1e-12)


@given(
    n_on=st.integers(1, 80),
    n_off=st.integers(1, 80),
    data=st.data(),
)
@settings(max_examples=60, deadline=None)
def test_rate_ratio_interval_matches_scipy_transform(n_on, n_off, data):
    c_on = data.draw(st.integers(0, n_on))
    c_off = data.draw(st.integers(0, n_off))
    rr = rate_ratio(c_on, n_on, c_off, n_off)
    if c_on + c_off == 0:
        assert rr.estimate is rr.low is rr.high is None
        return
    lo, hi = _scipy_cp(c_on, c_on + c_off)
    scale = n_off / n_on
    assert rr.low == pytest.approx(lo / (1 - lo) * scale, rel=1e-7, abs=1e-12)
    if c_off == 0:
        assert rr.high is None and rr.estimate is None
    else:
        assert rr.high == pytest.approx(hi / (1 - hi) * scale, rel=1e-7)
        assert rr.estimate == pytest.approx((c_on / n_on) / (c_off / n_off))
        assert rr.low <= rr.estimate <= rr.high


def test_the_issue_example_is_fewer_with_its_numbers():
    # 4 of 28 'on' nights and 17 of 28 'off' nights.
    v = decide(4, 28, 17, 28, phases_done=4)
    assert v.verdict == FEWER and v.stable
    assert v.ratio.estimate == pytest.approx(4 / 17)
    lo, hi = _scipy_cp(4, 21)
    assert v.ratio.low == pytest.approx(lo / (1 - lo), rel=1e-7)
    assert v.ratio.high == pytest.approx(hi / (1 - hi), rel=1e-7)
    assert 0.05 < v.ratio.low < 0.06 and 0.72 < v.ratio.high < 0.73


def test_more_is_the_mirror_of_fewer():
    assert decide(17, 28, 4, 28, 4).verdict == MORE


def test_too_early_before_two_phases_done_whatever_the_numbers():
    assert decide(0, 14, 14, 14, phases_done=1).verdict == TOO_EARLY
    assert decide(0, 28, 14, 28, phases_done=2).verdict == FEWER
    assert decide(3, 10, 0, 0, phases_done=2).verdict == TOO_EARLY  # no tracked 'off' night


def test_no_cramps_at_all_is_no_clear_difference():
    v = decide(0, 28, 0, 28, 4)
    assert v.verdict == NO_CLEAR and v.ratio.estimate is None


def test_equal_counts_are_no_clear_difference():
    assert decide(10, 28, 10, 28, 4).verdict == NO_CLEAR


def _first_unstable_fewer() -> tuple[int, int]:
    """Counts (c_on, c_off) out of 28 each whose interval excludes 1 but not stably."""
    for c_off in range(1, 29):
        for c_on in range(c_off, -1, -1):
            v = decide(c_on, 28, c_off, 28, 4)
            if v.excludes_one and not v.stable:
                return c_on, c_off
    raise AssertionError("no borderline case found")


def test_a_borderline_interval_is_not_a_verdict():
    c_on, c_off = _first_unstable_fewer()
    v = decide(c_on, 28, c_off, 28, 4)
    assert v.ratio.high < 1 and v.verdict == NO_CLEAR
    # …and one night turned back the other way gives an interval that includes 1.
    assert any(
        (rate_ratio(a, 28, b, 28).high or math.inf) >= 1 for a, b in neighbours(c_on, 28, c_off, 28)
    )


@given(
    n_on=st.integers(1, 60),
    n_off=st.integers(1, 60),
    data=st.data(),
)
@settings(max_examples=150, deadline=None)
def test_one_night_never_flips_fewer_and_more(n_on, n_off, data):
    c_on = data.draw(st.integers(0, n_on))
    c_off = data.draw(st.integers(0, n_off))
    v = decide(c_on, n_on, c_off, n_off, 4)
    for a, b in neighbours(c_on, n_on, c_off, n_off):
        w = decide(a, n_on, b, n_off, 4)
        assert {v.verdict, w.verdict} != {FEWER, MORE}
        if v.verdict in (FEWER, MORE):
            # The interval stays on the verdict's side with any one night turned.
            assert w.excludes_one
