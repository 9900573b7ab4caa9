import math
from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from memory.forgetting import ForgettingCurve, retention

days = st.floats(min_value=0, max_value=1000, allow_nan=False)
strengths = st.integers(min_value=1, max_value=100)


def original_retention(t: float, s: float, tau: float = 5.0) -> float:
    # The original MemoryBank code: exp(-t / 5*S) parses as exp(-(t / 5) * S).
    return math.exp(-t / 5 * s)


def curve_violations(fn, cases) -> list[str]:
    """The laws a forgetting curve must obey; returns the broken ones."""
    broken = []
    for t, s in cases:
        if fn(0, s) != 1.0:
            broken.append(f"R(0, S={s}) != 1")
        if t > 0 and not fn(t + 1, s) < fn(t, s):
            broken.append(f"not decreasing in t at t={t}, S={s}")
        if t > 0 and not fn(t, s + 1) > fn(t, s):
            broken.append(f"not increasing in S at t={t}, S={s}")
    return broken


CASES = [(t, s) for t in (1, 2, 5, 10) for s in (1, 2, 3)]


def test_our_curve_obeys_the_laws():
    assert curve_violations(lambda t, s: retention(t, s, 10.0), CASES) == []


def test_the_originals_precedence_bug_fails_the_laws():
    broken = curve_violations(original_retention, CASES)
    assert any("not increasing in S" in b for b in broken)


@given(days, strengths)
def test_retention_is_one_at_birth_and_in_unit_interval(t, s):
    assert retention(0, s, 10.0) == 1.0
    assert 0.0 <= retention(t, s, 10.0) <= 1.0


@given(st.floats(min_value=0.01, max_value=500), strengths)
def test_decreasing_in_days(t, s):
    assert retention(t + 1, s, 10.0) < retention(t, s, 10.0)


@given(st.floats(min_value=0.01, max_value=200), strengths)
def test_increasing_in_strength(t, s):
    assert retention(t, s + 1, 10.0) > retention(t, s, 10.0)


def test_formula_values():
    assert retention(10, 1, 10) == pytest.approx(math.exp(-1))
    assert retention(10, 2, 10) == pytest.approx(math.exp(-0.5))
    with pytest.raises(ValueError):
        retention(1, 0, 10)


def test_threshold_mode_forgets_exactly_below_threshold():
    curve = ForgettingCurve(tau=10, threshold=0.1)
    born = date(2023, 4, 27)
    # R = exp(-t / 10) falls below 0.1 after ln(10) * 10 = 23.03 days
    assert not curve.forgets("a", born, 1, born + timedelta(days=23))
    assert curve.forgets("a", born, 1, born + timedelta(days=24))
    # one recall doubles the time it survives
    assert not curve.forgets("a", born, 2, born + timedelta(days=46))
    assert curve.forgets("a", born, 2, born + timedelta(days=47))


def test_paper_scenario_keeps_every_day():
    # Ten days of chat (Apr 27 - May 6), questions four days later (May 10): nothing faded.
    curve = ForgettingCurve()
    today = date(2023, 5, 10)
    for d in range(10):
        assert not curve.forgets("x", date(2023, 4, 27) + timedelta(days=d), 1, today)


def test_random_mode_is_reproducible_and_tracks_retention():
    born, today = date(2023, 1, 1), date(2023, 1, 11)  # R = exp(-1) = 0.37 at S=1
    ids = [f"m{i}" for i in range(2000)]
    a = [ForgettingCurve(tau=10, mode="random", seed=7).forgets(i, born, 1, today) for i in ids]
    b = [ForgettingCurve(tau=10, mode="random", seed=7).forgets(i, born, 1, today) for i in ids]
    c = [ForgettingCurve(tau=10, mode="random", seed=8).forgets(i, born, 1, today) for i in ids]
    assert a == b
    assert a != c
    assert sum(a) / len(a) == pytest.approx(1 - math.exp(-1), abs=0.04)
    # a stronger memory is forgotten less often
    strong = [ForgettingCurve(tau=10, mode="random", seed=7).forgets(i, born, 3, today) for i in ids]
    assert sum(strong) < sum(a)
