"""The statistics of a personal experiment, in pure Python (stdlib only).

Method: an *exact conditional test* on two counts with exposure. With ``c_on`` cramp nights in
``n_on`` tracked "on" nights and ``c_off`` in ``n_off`` "off" nights, treat the counts as Poisson
with rates ``r_on`` and ``r_off``. Given the total ``c = c_on + c_off``, ``c_on`` is binomial with
``p = n_on·RR / (n_on·RR + n_off)``, where ``RR = r_on / r_off`` is the rate ratio. The 95%
Clopper–Pearson interval for ``p`` (exact binomial tails, 2.5% each side) becomes an interval for
the rate ratio by ``RR = p / (1 − p) · n_off / n_on``. Each night is really yes/no (a cramp night or
not); the Poisson model's variance is larger than the binomial's, so the interval errs on the wide,
cautious side.

The interval ends are found by bisection on the exact binomial tail sums (no scipy here; the
tests check the numbers against scipy, computed independently).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

METHOD = "exact conditional binomial (Clopper-Pearson on c_on/(c_on+c_off)), 95%"
CONFIDENCE = 0.95
_BISECT_STEPS = 200


@cache
def _log_choose(n: int) -> tuple[float, ...]:
    top = math.lgamma(n + 1)
    return tuple(top - math.lgamma(k + 1) - math.lgamma(n - k + 1) for k in range(n + 1))


def _tail(ks: range, n: int, p: float) -> float:
    """The sum of the binomial probabilities of ``ks``, each term in log space."""
    if p <= 0.0:
        return 1.0 if 0 in ks else 0.0
    if p >= 1.0:
        return 1.0 if n in ks else 0.0
    choose, lp, lq = _log_choose(n), math.log(p), math.log1p(-p)
    return min(1.0, math.fsum(math.exp(choose[i] + i * lp + (n - i) * lq) for i in ks))


def binom_cdf(k: int, n: int, p: float) -> float:
    """P(X ≤ k) for X ~ Binomial(n, p)."""
    if k < 0:
        return 0.0
    if k >= n:
        return 1.0
    return _tail(range(k + 1), n, p)


def binom_sf(k: int, n: int, p: float) -> float:
    """P(X > k) for X ~ Binomial(n, p), summed from the upper tail (no 1 − cdf cancellation)."""
    if k < 0:
        return 1.0
    if k >= n:
        return 0.0
    return _tail(range(k + 1, n + 1), n, p)


def _bisect(f, target: float, increasing: bool) -> float:
    lo, hi = 0.0, 1.0
    for _ in range(_BISECT_STEPS):
        mid = (lo + hi) / 2
        value = f(mid)
        if (value < target) == increasing:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-15:
            break
    return (lo + hi) / 2


def clopper_pearson(x: int, n: int, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """The exact two-sided interval for a binomial proportion with ``x`` of ``n``."""
    if not 0 <= x <= n or n <= 0:
        raise ValueError(f"need 0 ≤ x ≤ n and n > 0, got x={x}, n={n}")
    alpha = 1.0 - confidence
    # Lower end: P(X ≥ x | p) = α/2, a tail that grows with p.
    low = 0.0 if x == 0 else _bisect(lambda p: binom_sf(x - 1, n, p), alpha / 2, True)
    # Upper end: P(X ≤ x | p) = α/2, a tail that shrinks as p grows.
    high = 1.0 if x == n else _bisect(lambda p: binom_cdf(x, n, p), alpha / 2, False)
    return low, high


@dataclass(frozen=True)
class RateRatio:
    """``on`` rate over ``off`` rate; ``None`` where a value is unbounded or undefined."""

    estimate: float | None
    low: float | None
    high: float | None  # None: no upper limit (no cramp night in the "off" nights)


def _to_ratio(p: float, n_on: int, n_off: int) -> float | None:
    if p >= 1.0:
        return None
    return p / (1.0 - p) * (n_off / n_on)


def rate_ratio(c_on: int, n_on: int, c_off: int, n_off: int) -> RateRatio:
    """The rate ratio of cramp nights per night, "on" over "off", with its 95% interval."""
    if n_on <= 0 or n_off <= 0:
        return RateRatio(None, None, None)
    total = c_on + c_off
    if total == 0:
        return RateRatio(None, None, None)
    estimate = None if c_off == 0 else (c_on / n_on) / (c_off / n_off)
    p_low, p_high = clopper_pearson(c_on, total)
    return RateRatio(estimate, _to_ratio(p_low, n_on, n_off), _to_ratio(p_high, n_on, n_off))


# ---------------------------------------------------------------- the verdict

FEWER, MORE, NO_CLEAR, TOO_EARLY = "fewer", "more", "no-clear-difference", "too-early"
VERDICTS = (FEWER, MORE, NO_CLEAR, TOO_EARLY)
MIN_PHASES_DONE = 2


def _side(rr: RateRatio) -> str | None:
    """Which side of 1 the whole interval lies on, if it excludes 1."""
    if rr.high is not None and rr.high < 1.0:
        return FEWER
    if rr.low is not None and rr.low > 1.0:
        return MORE
    return None


def neighbours(c_on: int, n_on: int, c_off: int, n_off: int) -> list[tuple[int, int]]:
    """Counts with one tracked night's outcome turned the other way (cramp ↔ no cramp)."""
    out = []
    for d in (-1, 1):
        if 0 <= c_on + d <= n_on:
            out.append((c_on + d, c_off))
        if 0 <= c_off + d <= n_off:
            out.append((c_on, c_off + d))
    return out


@dataclass(frozen=True)
class Verdict:
    verdict: str
    ratio: RateRatio
    excludes_one: bool  # the interval itself excludes 1
    stable: bool  # … and still does with any one night's outcome turned


def decide(c_on: int, n_on: int, c_off: int, n_off: int, phases_done: int) -> Verdict:
    """The verdict rule.

    - too early: fewer than 2 phases done, or no tracked night yet in one of the arms;
    - fewer / more: the 95% interval lies wholly below / above 1 *and* it still does when any
      single tracked night's outcome is turned the other way (one more or one fewer cramp night
      in either arm). So no verdict rests on one night, and turning one night can never move a
      result from "fewer" to "more" (that would need an interval on each side of 1 one night
      apart, and the stable side's neighbours all stay on its side);
    - otherwise: no clear difference.
    """
    rr = rate_ratio(c_on, n_on, c_off, n_off)
    if phases_done < MIN_PHASES_DONE or n_on <= 0 or n_off <= 0:
        return Verdict(TOO_EARLY, rr, False, False)
    side = _side(rr)
    if side is None:
        return Verdict(NO_CLEAR, rr, False, False)
    stable = all(
        _side(rate_ratio(a, n_on, b, n_off)) == side
        for a, b in neighbours(c_on, n_on, c_off, n_off)
    )
    return Verdict(side if stable else NO_CLEAR, rr, True, stable)
