"""goals/distributions.py gives the very floats scipy.stats and statsmodels give, and so every
function of goals/stats.py returns what it returned when it called those libraries.

The references are the libraries themselves, called the way goals/stats.py called them before it
stopped importing them; equality is exact (==), not approximate, over grids that cover the counts,
dispersions and shares the rules see, including zeros, whole and fractional counts and extremes.
"""

from __future__ import annotations

import itertools
import json
import math
import subprocess
import sys

import numpy as np
import pytest
from scipy import optimize
from scipy.stats import beta, chi2, nbinom, norm, poisson
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint
from statsmodels.stats.proportion import test_proportions_2indep as score_test

from goals import distributions as d
from goals import stats
from tests.conftest import REPO

COUNTS = [0, 0.4, 1, 2, 3.5, 7, 12, 29.7, 64, 95, 110, 412.25, 1180, 25_000]
PHIS = [1.0, 1.3, 2.0, 3.7]
QUANTILES = [stats.ALPHA / 2, 1 - stats.ALPHA / 2, 1e-6, 0.3, 0.5, 0.999]
SHARES = [0.0, 0.5, 3.0, 15.0, 20.0, 33.3, 50.0, 81.9, 99.5, 100.0]
RESPONDENTS = [12, 48.5, 300, 2_750]


def same(found, expected) -> bool:
    """Equal as floats, NaN equal to NaN, element by element for arrays."""
    return bool(np.array_equal(np.asarray(found), np.asarray(expected), equal_nan=True))


# Where the special functions come from --------------------------------------------------------

# The public ufuncs goals/distributions.py calls (the private Boost ones, _beta_ppf and
# _nbinom_cdf/_ppf, scipy.stats reads from scipy.special._ufuncs itself).
CALLED = ["gammaincinv", "betainc", "betaincc", "ndtri", "ndtr", "pdtr", "pdtrik"]

LOADED_ALONE = """
import json, sys
from goals import distributions as d
alone = "scipy.special" not in sys.modules
import scipy.special, scipy.stats
print(json.dumps({
    "alone": alone,
    "same_module": scipy.special._ufuncs is d.ufuncs,
    "same_functions": [getattr(scipy.special, name) is getattr(d.ufuncs, name) for name in %r],
    "stats_after": [float(scipy.stats.chi2.ppf(0.975, 192)), d.chi2_ppf(0.975, 192),
                    float(scipy.stats.beta.ppf(0.3, 2, 5)), d.beta_ppf(0.3, 2, 5)],
}))
"""


def test_the_ufuncs_loaded_without_the_package_are_scipy_specials():
    """In a fresh process goals.distributions loads scipy.special._ufuncs without the package's
    __init__; the package imported after it (as scipy.stats does) is whole and holds the very
    same ufuncs, so nothing here depends on which way they were loaded."""
    done = subprocess.run(
        [sys.executable, "-c", LOADED_ALONE % CALLED],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["alone"]
    assert found["same_module"]
    assert found["same_functions"] == [True] * len(CALLED)
    chi2_stats, chi2_ours, beta_stats, beta_ours = found["stats_after"]
    assert chi2_stats == chi2_ours and beta_stats == beta_ours


LOADED_BESIDE_A_THREAD = """
import sys, threading
other = threading.Thread(target=threading.Event().wait, args=(30,), daemon=True)
other.start()
from goals import distributions as d
print("scipy.special" in sys.modules and d.ufuncs is sys.modules["scipy.special"]._ufuncs)
"""


def test_with_another_thread_running_the_package_is_imported_as_usual():
    """The unexecuted stand-in must never be seen by another thread importing scipy.special (the
    web server's), so with other threads running goals.distributions imports the package."""
    done = subprocess.run(
        [sys.executable, "-c", LOADED_BESIDE_A_THREAD],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True"]


def test_in_a_process_that_has_scipy_special_the_ufuncs_are_its_own():
    import scipy.special

    assert d.ufuncs is scipy.special._ufuncs
    assert all(getattr(scipy.special, name) is getattr(d.ufuncs, name) for name in CALLED)


# The scipy.stats calls, one by one --------------------------------------------------------------


def test_chi2_and_beta_are_scipy_stats():
    for q, df in itertools.product(QUANTILES, [0.8, 2, 2.8, 25, 192, 2 * 1180 + 2]):
        assert same(d.chi2_ppf(q, df), chi2.ppf(q, df)), (q, df)
    for x, a, b in itertools.product([0.5, 0.1, 0.97], [0.4, 1, 7.5, 95, 1180], [0.4, 1, 12, 110]):
        assert same(d.beta_cdf(x, a, b), beta.cdf(x, a, b)), (x, a, b)
        assert same(d.beta_sf(x, a, b), beta.sf(x, a, b)), (x, a, b)
    for q, a, b in itertools.product(QUANTILES, [0.4, 1, 7.5, 95], [1, 12, 110.5]):
        assert same(d.beta_ppf(q, a, b), beta.ppf(q, a, b)), (q, a, b)


def test_normal_tails_are_scipy_stats():
    for q in QUANTILES:
        assert same(d.norm_isf(q), norm.isf(q)), q
    for x in [0.0, 0.3, 1.959963984540054, 7.5, 40.0, math.inf, math.nan]:
        assert same(d.norm_sf(x), norm.sf(x)), x


def test_poisson_and_negative_binomial_are_scipy_stats():
    ks = [-3, -1, 0, 1, 2, 5, 17, 99, 100, 101, 400, 10_000]
    for mu in [0, 1e-9, 0.3, 4, 37.5, 100, 1180.4]:
        for k in ks:
            assert same(d.Poisson(mu).cdf(k), poisson(mu).cdf(k)), (mu, k)
        for q in QUANTILES:
            assert same(d.Poisson(mu).ppf(q), poisson(mu).ppf(q)), (mu, q)
    for n, p in itertools.product([0.2, 1, 6.5, 80, 1200], [0.02, 0.3, 0.77, 0.999, 1.0]):
        for k in ks:
            assert same(d.NegativeBinomial(n, p).cdf(k), nbinom(n, p).cdf(k)), (n, p, k)
        for q in QUANTILES:
            assert same(d.NegativeBinomial(n, p).ppf(q), nbinom(n, p).ppf(q)), (n, p, q)


def test_arrays_of_means_including_an_invalid_one_are_scipy_stats():
    means = np.array([0.0, 1e-320, 0.7, 12.0, 95.5, 3000.0])
    for k in [-1, 0, 3, 95, 400]:
        assert same(d.Poisson(means).cdf(k), poisson.cdf(k, means)), k
        assert same(
            d.NegativeBinomial(means / 0.7, 1 / 1.7).cdf(k), nbinom.cdf(k, means / 0.7, 1 / 1.7)
        )


def test_brent_is_scipy_brentq():
    cases = [
        (lambda x: x**3 - 2 * x - 5, 2, 3),
        (lambda x: math.cos(x) - x, 0, 1),
        (lambda x: math.exp(x) - 1e-3, -10, 5),
        (lambda x: x, -1, 1),
        (lambda x: x, 0, 1),  # a root at an end
    ]
    for f, a, b in cases:
        assert d.brentq(f, a, b) == optimize.brentq(f, a, b)
    with pytest.raises(RuntimeError):  # a triple root: 100 steps do not reach 2e-12
        optimize.brentq(lambda x: (x - 0.2) ** 3, -1, 1.7)
    with pytest.raises(RuntimeError):
        d.brentq(lambda x: (x - 0.2) ** 3, -1, 1.7)
    with pytest.raises(ValueError):
        d.brentq(lambda x: x * x + 1, -1, 1)
    with pytest.raises(ValueError):
        d.brentq(lambda x: float("nan"), -1, 1)


# statsmodels' proportions -------------------------------------------------------------------------


def test_wilson_is_statsmodels():
    for share, n in itertools.product(SHARES, RESPONDENTS):
        count = share / 100 * n
        expected = proportion_confint(count, n, alpha=stats.ALPHA, method="wilson")
        assert d.wilson_interval(count, n, stats.ALPHA) == expected, (share, n)


@pytest.mark.parametrize("n1, n0", [(300, 300), (48.5, 2_750), (12, 300)])
def test_score_test_and_interval_are_statsmodels(n1, n0):
    for later, earlier in itertools.product(SHARES, SHARES):
        c1, c0 = later / 100 * n1, earlier / 100 * n0
        with np.errstate(all="ignore"):
            expected = score_test(c1, n1, c0, n0, method="score").pvalue
            assert same(d.score_test_diff(c1, n1, c0, n0), expected), (later, earlier)
            for value in (-0.31, 0.05, 0.4):
                expected = score_test(c1, n1, c0, n0, value=value, method="score")
                assert same(d.score_test_diff(c1, n1, c0, n0, value), expected.pvalue)
            if later == earlier and later in (0, 100):
                continue
            try:
                expected = confint_proportions_2indep(
                    c1, n1, c0, n0, method="score", compare="diff"
                )
            except ValueError:
                with pytest.raises(ValueError):
                    d.score_interval_diff(c1, n1, c0, n0, 0.05)
                continue
            assert same(d.score_interval_diff(c1, n1, c0, n0, 0.05), expected)


# goals/stats.py as it was: its functions give what they gave over scipy.stats and statsmodels ----


def test_count_functions_are_unchanged():
    for count, phi in itertools.product(COUNTS, PHIS):
        scaled = count / phi
        low = chi2.ppf(stats.ALPHA / 2, 2 * scaled) / 2 if scaled > 0 else 0.0
        high = chi2.ppf(1 - stats.ALPHA / 2, 2 * scaled + 2) / 2
        assert stats.count_interval(count, phi) == (float(low * phi), float(high * phi))
    for earlier, later, phi in itertools.product(COUNTS, COUNTS, PHIS):
        if earlier == later == 0:
            continue
        a, b = earlier / phi, later / phi
        at_least = float(beta.cdf(0.5, b, a + 1)) if b > 0 else 1.0
        at_most = float(beta.sf(0.5, b + 1, a)) if a > 0 else 1.0
        assert stats.count_change_p(earlier, later, phi) == min(1.0, 2 * min(at_least, at_most))
        if earlier > 0:
            low = float(beta.ppf(stats.ALPHA / 2, b, a + 1)) if b > 0 else 0.0
            high = float(beta.ppf(1 - stats.ALPHA / 2, b + 1, a))
            if high == 1:  # a later count so much larger that the ratio's bound overflows
                with pytest.raises(ZeroDivisionError):
                    stats.count_ratio_interval(earlier, later, phi)
                continue
            expected = (low / (1 - low), high / (1 - high))
            assert stats.count_ratio_interval(earlier, later, phi) == expected


def test_share_functions_are_unchanged():
    for earlier, later, deff in itertools.product(SHARES, SHARES, [1.0, 1.6]):
        n0, n1 = 300 / deff, 280 / deff
        low, high = proportion_confint(later / 100 * n1, n1, alpha=stats.ALPHA, method="wilson")
        assert stats.wilson_interval(later, 280, deff) == (float(low) * 100, float(high) * 100)
        if earlier == later and earlier in (0, 100):
            continue
        with np.errstate(all="ignore"):
            p = float(
                score_test(later / 100 * n1, n1, earlier / 100 * n0, n0, method="score").pvalue
            )
            assert stats.share_change_p(earlier, 300, later, 280, deff) == (
                None if np.isnan(p) else p
            )
            try:
                low, high = confint_proportions_2indep(
                    later / 100 * n1, n1, earlier / 100 * n0, n0, method="score", compare="diff"
                )
                interval = None if np.isnan(low) or np.isnan(high) else (low * 100, high * 100)
            except ValueError:
                interval = None
            assert stats.share_difference_interval(earlier, 300, later, 280, deff) == interval


def test_forecasts_are_unchanged():
    # The partial-year predictive as goals/stats.py built it from scipy.stats' frozen ones.
    for counted, share, phi, variance in itertools.product(
        [0, 3, 41, 250.5], [0.08, 0.5, 0.92], PHIS, [0.0, 0.004]
    ):
        shape = counted / phi + stats.RATE_PRIOR_SHAPE
        mean = phi * shape * (1 - share) / share
        rest = _scipy_negative_binomial(
            mean, phi * mean / share + (phi * shape / share**2) ** 2 * variance
        )
        for op, threshold in [("<", 60), ("<=", 300), (">", 10.5), (">=", 500)]:
            found = stats.partial_year_forecast(counted, share, op, threshold, phi, variance)
            assert found.interval == (
                counted + float(rest.ppf(stats.ALPHA / 2)),
                counted + float(rest.ppf(1 - stats.ALPHA / 2)),
            )
            assert found.probability == _scipy_probability(rest, counted, op, threshold)
    # A year ahead: the level and trend forecasts judge and bound a mixture through its cdf
    # alone (ppf bisects on it), so an unchanged cdf is an unchanged forecast.
    for eta, se, phi in itertools.product([-2.0, 0.0, 3.1, 4.6, 7.2], [0.0, 0.05, 0.4], PHIS):
        mixture = stats._LogNormalMixture(eta, se, phi)
        for k in [-1, 0, 1, 5, 21, 99, 100, 180, 1_300, 5_000]:
            if phi <= 1:
                parts = poisson.cdf(k, mixture.means)
            else:
                parts = nbinom.cdf(k, mixture.means / (phi - 1), 1 / phi)
            assert mixture.cdf(k) == float(mixture.weights @ parts), (eta, se, phi, k)


def _scipy_negative_binomial(mean, variance):
    if mean <= 0:
        return poisson(0)
    if variance <= mean * (1 + 1e-9):
        return poisson(mean)
    return nbinom(mean**2 / (variance - mean), mean / variance)


def _scipy_probability(rest, counted, op, threshold) -> float:
    room = threshold - counted
    p = {
        "<": lambda: rest.cdf(math.ceil(room) - 1),
        "<=": lambda: rest.cdf(math.floor(room)),
        ">": lambda: 1 - rest.cdf(math.floor(room)),
        ">=": lambda: 1 - rest.cdf(math.ceil(room) - 1),
    }[op]()
    return min(max(float(p), stats.PROBABILITY_FLOOR), 1 - stats.PROBABILITY_FLOOR)
