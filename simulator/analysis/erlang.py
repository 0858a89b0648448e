"""Queueing-theory formulas: Erlang B, Erlang C and Erlang A.

These are exact steady-state results for the textbook models the simulator reproduces: M/M/c
(Erlang C) and M/M/c+M, i.e. M/M/c with exponentially distributed patience (Erlang A). The tests
hold the engine to them; ``drill staff`` starts its search from them, and then corrects by
simulation what they cannot see (demand that changes by the hour, incidents, a finite day).
All rates are per the same time unit (per minute in the tests); ``servers`` is c.

Erlang A follows Garnett, Mandelbaum & Reiman (2002), "Designing a call center with impatient
customers", Manufacturing & Service Operations Management 4(3), 208-227. It is implemented
twice, as a closed form through the incomplete gamma function and as a numerically solved
birth-death chain, so that the two can check each other.
"""

import math
from dataclasses import dataclass

import numpy as np
from scipy.special import gammainc, gammaln


@dataclass(frozen=True)
class ErlangAResult:
    """Steady-state measures of M/M/c+M; waits average over all arrivals (served or not)."""

    abandon_probability: float
    wait_probability: float
    mean_wait: float
    mean_queue_length: float


def _check_rates(arrival_rate: float, service_rate: float, servers: int) -> None:
    if arrival_rate <= 0 or service_rate <= 0:
        raise ValueError("arrival and service rates must be positive")
    if servers < 1 or int(servers) != servers:
        raise ValueError(f"servers must be a positive integer, got {servers!r}")


def erlang_b(arrival_rate: float, service_rate: float, servers: int) -> float:
    """Return the Erlang B blocking probability of M/M/c/c (offered load a = λ/μ)."""
    _check_rates(arrival_rate, service_rate, servers)
    load = arrival_rate / service_rate
    # B(0) = 1, B(k) = a·B(k-1) / (k + a·B(k-1)): every step is a ratio in [0, 1], so nothing
    # overflows, unlike the textbook a^c/c! / Σ a^k/k!.
    blocking = 1.0
    for k in range(1, int(servers) + 1):
        blocking = load * blocking / (k + load * blocking)
    return blocking


def erlang_c_wait_probability(arrival_rate: float, service_rate: float, servers: int) -> float:
    """Return P(Wq > 0) of M/M/c (Erlang C); ValueError unless utilisation ρ = λ/(cμ) < 1."""
    _check_rates(arrival_rate, service_rate, servers)
    rho = arrival_rate / (servers * service_rate)
    if rho >= 1:
        raise ValueError(f"M/M/c has no steady state at utilisation {rho:.3f} >= 1")
    blocking = erlang_b(arrival_rate, service_rate, servers)
    # Standard identity C = B / (1 - ρ(1 - B)) linking Erlang C to Erlang B (same state weights
    # up to c; the geometric queue beyond c adds ρ/(1 - ρ) times state c's weight).
    return blocking / (1 - rho * (1 - blocking))


def erlang_c_mean_wait(arrival_rate: float, service_rate: float, servers: int) -> float:
    """Return E[Wq] of M/M/c: C / (cμ - λ)."""
    # Given a wait, it is exponential with rate cμ - λ (the queue drains at cμ, refills at λ).
    wait = erlang_c_wait_probability(arrival_rate, service_rate, servers)
    return wait / (servers * service_rate - arrival_rate)


def erlang_c_wait_exceeds(
    arrival_rate: float, service_rate: float, servers: int, t: float
) -> float:
    """Return P(Wq > t) of M/M/c under FIFO: C · exp(-(cμ - λ) t) for t >= 0."""
    if t < 0:
        raise ValueError("t must be non-negative")
    wait = erlang_c_wait_probability(arrival_rate, service_rate, servers)
    return wait * math.exp(-(servers * service_rate - arrival_rate) * t)


def erlang_a(
    arrival_rate: float, service_rate: float, servers: int, abandonment_rate: float
) -> ErlangAResult:
    """Return M/M/c+M measures from the closed form of Garnett, Mandelbaum & Reiman (2002).

    Valid for any utilisation: impatience keeps the queue stable even when λ ≥ cμ. For
    θ ≪ μ the incomplete gamma underflows (ValueError); use Erlang C there.
    """
    _check_rates(arrival_rate, service_rate, servers)
    if abandonment_rate <= 0:
        raise ValueError("abandonment rate must be positive (θ = 0 is Erlang C)")
    lam, mu, c, theta = arrival_rate, service_rate, servers, abandonment_rate
    rho = lam / (c * mu)
    # Above c the chain moves up at λ and down at cμ + jθ (j waiting), so relative to state c
    # the queue holds mass A(x, y) = Σ_j y^j / Π_{k≤j}(x + k) with x = cμ/θ, y = λ/θ. GMR's
    # closed form is A(x, y) = x·e^y·y^(-x)·γ(x, y), γ the lower incomplete gamma function;
    # γ(x, y) = Γ(x)·gammainc(x, y), so we work in logs to survive large x and y.
    x, y = c * mu / theta, lam / theta
    regularized = gammainc(x, y)
    if regularized <= 0.0:
        # Roughly when cμ/θ·(ρ - 1 - ln ρ) > 700 (ρ < 1, θ ≪ μ): then Erlang C is accurate.
        raise ValueError(f"gammainc({x:.3g}, {y:.3g}) underflows; θ is too small, use Erlang C")
    log_a = math.log(x) + y - x * math.log(y) + gammaln(x) + math.log(regularized)
    inv_a = math.exp(-log_a)  # 1/A underflows harmlessly to 0 in heavy overload
    # States 0..c hold mass 1/B relative to state c (Erlang B), the queue A, so
    # P(W > 0) = π_c·A = A·B / (1 + (A - 1)·B) = B / (B + (1 - B)/A)  (as in GMR)
    blocking = erlang_b(lam, mu, c)
    wait_probability = blocking / (blocking + (1 - blocking) * inv_a)
    # P(Ab | W > 0) = 1/(ρA) + 1 - 1/ρ [GMR]. It follows from Σ_j j·y^j/Π(x+k) = x + A(y - x)
    # and P(Ab) = θ·E[Lq]/λ (abandonments per unit time over arrivals). For θ → 0 the terms
    # cancel, costing about 1e-16/θ in relative precision.
    abandon_given_wait = max(inv_a / rho + 1 - 1 / rho, 0.0)
    abandon_probability = wait_probability * abandon_given_wait
    # Little's law on the queue: E[Lq] = λ·E[W], and E[Lq] = λ·P(Ab)/θ from above.
    mean_wait = abandon_probability / theta
    return ErlangAResult(abandon_probability, wait_probability, mean_wait, lam * mean_wait)


def _birth_death_distribution(
    arrival_rate: float, service_rate: float, servers: int, abandonment_rate: float, states: int
) -> np.ndarray:
    """Return the stationary law of the chain truncated to n = 0..states-1."""
    n = np.arange(1, states)
    deaths = np.minimum(n, servers) * service_rate + np.maximum(n - servers, 0) * abandonment_rate
    # A birth-death chain's balance equations reduce to the cut equations
    # λ·π(n-1) = d(n)·π(n); chain them in logs so a^n/n! never overflows.
    log_weights = np.concatenate(([0.0], np.cumsum(np.log(arrival_rate / deaths))))
    weights = np.exp(log_weights - log_weights.max())
    return weights / weights.sum()


def erlang_a_birth_death(
    arrival_rate: float, service_rate: float, servers: int, abandonment_rate: float
) -> ErlangAResult:
    """Return M/M/c+M measures by solving the birth-death chain truncated at tail mass < 1e-12.

    Independent of the closed form in :func:`erlang_a`; used to cross-check it.
    """
    _check_rates(arrival_rate, service_rate, servers)
    if abandonment_rate <= 0:
        raise ValueError("abandonment rate must be positive")
    lam, mu, c, theta = arrival_rate, service_rate, servers, abandonment_rate
    states = 2 * c + 16
    while True:
        pi = _birth_death_distribution(lam, mu, c, theta, states)
        # Beyond the last state N the up/down ratio r = λ/d(N+1) only shrinks, so the lost
        # tail is at most π_N·r/(1 - r) (a geometric bound); grow N until that is < 1e-12.
        ratio = lam / (c * mu + (states - c) * theta)
        if ratio < 1 and pi[-1] * ratio / (1 - ratio) < 1e-12:
            break
        states *= 2
    queue = np.maximum(np.arange(states) - c, 0)
    mean_queue_length = float(queue @ pi)
    return ErlangAResult(
        abandon_probability=theta * mean_queue_length / lam,
        wait_probability=float(pi[c:].sum()),  # PASTA: arrivals see the stationary law
        mean_wait=mean_queue_length / lam,
        mean_queue_length=mean_queue_length,
    )
