"""Pin the Erlang formulas in simulator/analysis/erlang.py before the engine is held to them.

Erlang B/C are checked against closed forms derived by hand (M/M/1, M/M/2) and a published table
value; Erlang A's closed form against an independently solved birth-death chain and against its
two exact limits, θ = μ (M/M/∞) and θ → 0 (Erlang C).
"""

import math

import pytest
from scipy.stats import poisson

from simulator.analysis.erlang import (
    erlang_a,
    erlang_a_birth_death,
    erlang_b,
    erlang_c_mean_wait,
    erlang_c_wait_exceeds,
    erlang_c_wait_probability,
)


@pytest.mark.parametrize(("lam", "mu"), [(0.3, 1.0), (0.9, 1.0), (2.0, 2.5)])
def test_mm1_waits_with_probability_rho(lam, mu):
    # M/M/1: an arrival waits iff the server is busy, which it is a fraction ρ of the time;
    # E[Wq] = ρ/(μ - λ) and, given a wait, Wq ~ Exp(μ - λ).
    rho = lam / mu
    assert erlang_c_wait_probability(lam, mu, 1) == pytest.approx(rho, rel=1e-12)
    assert erlang_c_mean_wait(lam, mu, 1) == pytest.approx(rho / (mu - lam), rel=1e-12)
    expected = rho * math.exp(-(mu - lam) * 1.7)
    assert erlang_c_wait_exceeds(lam, mu, 1, 1.7) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(("lam", "mu"), [(0.5, 1.0), (1.8, 1.0), (3.0, 2.0)])
def test_mm2_matches_its_closed_form(lam, mu):
    # With ρ = λ/(2μ): π0 = (1 - ρ)/(1 + ρ), P(N >= 2) = 2ρ²/(1 + ρ), E[Wq] = ρ²/(μ(1 - ρ²)).
    rho = lam / (2 * mu)
    assert erlang_c_wait_probability(lam, mu, 2) == pytest.approx(2 * rho**2 / (1 + rho))
    assert erlang_c_mean_wait(lam, mu, 2) == pytest.approx(rho**2 / (mu * (1 - rho**2)))


def test_published_table_values_for_ten_servers_and_eight_erlang():
    # Standard Erlang tables: B(c=10, A=8) = 0.1217 and C(c=10, A=8) = 0.4092.
    assert erlang_b(8.0, 1.0, 10) == pytest.approx(0.1217, abs=5e-5)
    assert erlang_c_wait_probability(8.0, 1.0, 10) == pytest.approx(0.4092, abs=5e-5)
    # Rates, not only their ratio, enter E[Wq] = C/(cμ - λ): 0.4092/(10·0.5 - 4) per minute.
    assert erlang_c_mean_wait(4.0, 0.5, 10) == pytest.approx(0.4092, abs=5e-5)


def test_erlang_b_of_a_single_server():
    assert erlang_b(3.0, 1.5, 1) == pytest.approx(2.0 / 3.0)  # a/(1 + a) with a = 2


def test_erlang_c_is_stable_for_large_systems():
    # a^c/c! overflows a float at c = 200; the Erlang B recursion does not.
    wait = erlang_c_wait_probability(190.0, 1.0, 200)
    assert 0.0 < wait < 1.0


@pytest.mark.parametrize(("lam", "servers"), [(2.0, 2), (2.5, 2), (10.0, 3)])
def test_erlang_c_rejects_utilisation_of_one_or_more(lam, servers):
    with pytest.raises(ValueError, match="steady state"):
        erlang_c_wait_probability(lam, 1.0, servers)
    with pytest.raises(ValueError):
        erlang_c_mean_wait(lam, 1.0, servers)
    with pytest.raises(ValueError):
        erlang_c_wait_exceeds(lam, 1.0, servers, 1.0)


@pytest.mark.parametrize(
    ("lam", "mu", "servers", "theta"),
    [
        (5.0, 1 / 1.43, 8, 0.1),  # the engine test's underloaded case, ρ = 0.89
        (3.0, 1 / 1.5, 4, 0.2),  # the engine test's overloaded case, ρ = 1.125
        (2.0, 1.0, 1, 5.0),  # single server, patience much shorter than service
        (20.0, 1.0, 15, 0.05),  # long patience, ρ = 1.33
        (100.0, 1.0, 90, 0.01),  # large, overloaded: P(Ab) ≈ 1 - cμ/λ = 0.1
        (0.5, 2.0, 3, 0.7),  # lightly loaded
    ],
)
def test_erlang_a_closed_form_equals_birth_death_chain(lam, mu, servers, theta):
    closed, chain = erlang_a(lam, mu, servers, theta), erlang_a_birth_death(lam, mu, servers, theta)
    for field in ("abandon_probability", "wait_probability", "mean_wait", "mean_queue_length"):
        assert getattr(closed, field) == pytest.approx(getattr(chain, field), rel=1e-9), field
    assert 0.0 < closed.abandon_probability < closed.wait_probability <= 1.0
    # Little's law on the queue, and at least 1 - cμ/λ must leave when servers can't keep up.
    assert closed.mean_queue_length == pytest.approx(lam * closed.mean_wait)
    assert closed.abandon_probability >= max(0.0, 1 - servers * mu / lam) - 1e-12


@pytest.mark.parametrize(("lam", "mu", "servers"), [(1.0, 1.0, 3), (6.0, 0.5, 10), (4.0, 2.0, 1)])
def test_erlang_a_with_patience_rate_equal_to_service_rate_is_mm_infinity(lam, mu, servers):
    # With θ = μ every customer present leaves at rate μ, waiting or served: the head count N is
    # that of M/M/∞, Poisson(a) with a = λ/μ. Arrivals see it (PASTA), so P(W > 0) = P(N >= c).
    # Service completions balance: λ·(1 - P(Ab)) = μ·E[min(N, c)], so
    # P(Ab) = 1 - E[min(N, c)]/a = P(N >= c) - (c/a)·P(N >= c + 1).
    a = lam / mu
    wait = poisson.sf(servers - 1, a)
    abandon = wait - servers / a * poisson.sf(servers, a)
    for result in (erlang_a(lam, mu, servers, mu), erlang_a_birth_death(lam, mu, servers, mu)):
        assert result.wait_probability == pytest.approx(wait, rel=1e-9)
        assert result.abandon_probability == pytest.approx(abandon, rel=1e-9)
        # E[Lq] = E[(N - c)+] = a - E[min(N, c)] = a·P(Ab).
        assert result.mean_queue_length == pytest.approx(a * abandon, rel=1e-9)


@pytest.mark.parametrize(("lam", "mu", "servers"), [(1.6, 1.0, 2), (7.0, 1.0, 8), (0.9, 1.0, 1)])
def test_erlang_a_approaches_erlang_c_as_patience_grows(lam, mu, servers):
    # For ρ < 1 the queue stays finite without abandonment, so as θ → 0 M/M/c+M tends to
    # M/M/c with an O(θ) gap: ten times more patience, about a tenth of the gap.
    wait_c = erlang_c_wait_probability(lam, mu, servers)
    mean_c = erlang_c_mean_wait(lam, mu, servers)
    gaps = []
    for theta in (1e-2 * mu, 1e-3 * mu, 1e-4 * mu):
        result = erlang_a(lam, mu, servers, theta)
        gaps.append(abs(result.mean_wait / mean_c - 1))
        assert result.wait_probability == pytest.approx(wait_c, rel=30 * theta / mu)
        assert result.abandon_probability == pytest.approx(theta * result.mean_wait)
    assert gaps[0] > gaps[1] > gaps[2] and gaps[2] < 0.02
    assert 0.05 < gaps[2] / gaps[1] < 0.2


def test_erlang_a_needs_positive_patience_rate():
    with pytest.raises(ValueError):
        erlang_a(1.0, 1.0, 2, 0.0)
    with pytest.raises(ValueError):
        erlang_a_birth_death(1.0, 1.0, 2, 0.0)


def test_erlang_a_closed_form_refuses_when_the_incomplete_gamma_underflows():
    # x = cμ/θ = 1e4, y = λ/θ = 5e3: gammainc(x, y) ≈ exp(-x(ρ - 1 - ln ρ)) ≈ 1e-839 < 1e-308.
    with pytest.raises(ValueError, match="underflows"):
        erlang_a(0.5, 1.0, 1, 1e-4)
    assert erlang_a_birth_death(0.5, 1.0, 1, 1e-4).mean_wait == pytest.approx(1.0, rel=1e-3)
