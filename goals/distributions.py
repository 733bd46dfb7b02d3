"""The few distribution functions goals/stats.py needs, from scipy.special alone.

scipy.stats and statsmodels cost a cold `trygghetsmal status` about a second to import (scipy's
whole distribution zoo, its optimisers, pandas under statsmodels) for a handful of calls that are
each one scipy.special function. These are those calls, made the way scipy.stats 1.17 and
statsmodels 0.15 make them — the same special function on the same arguments, the same numpy
operations in the same order, the same Brent root finder — so every result is the same float
(tests/unit/test_distributions.py compares them bit for bit with the libraries over a grid).

    chi2_ppf(0.975, 192) == scipy.stats.chi2.ppf(0.975, 192)
    Poisson(3.2).cdf(4) == scipy.stats.poisson(3.2).cdf(4)
    wilson_interval(60.0, 300.0) == statsmodels' proportion_confint(60, 300, method="wilson")
"""

from __future__ import annotations

import importlib
import importlib.util
import math
import sys
import threading
from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np

UFUNCS = "scipy.special._ufuncs"


def _scipy_ufuncs() -> ModuleType:
    """scipy.special._ufuncs, without running scipy.special's __init__ where that is safe.

    Every function here is one of that compiled module's ufuncs (scipy.special.betainc is
    scipy.special._ufuncs.betainc while SCIPY_ARRAY_API is unset; tests/unit/test_distributions.py
    checks it). The package's __init__ also loads scipy's array-API layer, which imports every
    lazy numpy submodule (f2py, testing, random …): about 0.3 s of a cold `trygghetsmal status`.
    So the package's module object stands unexecuted in sys.modules while _ufuncs loads (its own
    imports are relative to the package), and is taken out again: a later `import scipy.special`
    (scipy.stats, statsmodels) runs the real __init__, which finds _ufuncs already loaded.
    Another thread importing scipy.special meanwhile would get the empty stand-in, so with other
    threads running (the web server) the package is imported as usual."""
    if "scipy.special" in sys.modules or threading.active_count() > 1:
        return importlib.import_module(UFUNCS)
    spec = importlib.util.find_spec("scipy.special")
    assert spec is not None
    sys.modules["scipy.special"] = importlib.util.module_from_spec(spec)
    try:
        return importlib.import_module(UFUNCS)
    finally:
        del sys.modules["scipy.special"]


# The special functions scipy.stats calls, its Boost ones (beta, nbinom) included.
ufuncs = _scipy_ufuncs()

# scipy.optimize.brentq's defaults, as statsmodels calls it.
BRENT_XTOL = 2e-12
BRENT_RTOL = 4 * float(np.finfo(float).eps)
BRENT_MAXITER = 100


# Continuous distributions: scipy.stats' _ppf, _cdf and _sf of chi2, beta and the normal ----------


def chi2_ppf(q: float, df: float) -> float:
    return float(2 * ufuncs.gammaincinv(np.asarray(df) / 2, q))


def beta_cdf(x: float, a: float, b: float) -> float:
    return float(ufuncs.betainc(a, b, x))


def beta_sf(x: float, a: float, b: float) -> float:
    return float(ufuncs.betaincc(a, b, x))


def beta_ppf(q: float, a: float, b: float) -> float:
    return float(ufuncs._beta_ppf(q, a, b))


def norm_isf(q: float) -> Any:
    """A numpy float64, as scipy.stats returns it: statsmodels computes on with its type."""
    return np.float64(-ufuncs.ndtri(np.asarray(q)))


def norm_sf(x: Any) -> Any:
    return np.float64(ufuncs.ndtr(-np.asarray(x)))


# Discrete distributions on 0, 1, 2 …: scipy.stats' rv_discrete cdf and ppf around their _cdf/_ppf --


class Poisson:
    """scipy.stats.poisson(mu) for what goals/stats.py asks of it: cdf (mu may be an array), ppf."""

    def __init__(self, mu: Any):
        self.mu = mu

    def cdf(self, k: float) -> Any:
        mu = np.asarray(self.mu, dtype=float)
        return _discrete_cdf(k, mu >= 0, lambda floor_k: ufuncs.pdtr(floor_k, mu))

    def ppf(self, q: float) -> float:
        vals = np.ceil(ufuncs.pdtrik(q, self.mu))
        vals1 = np.maximum(vals - 1, 0)
        temp = ufuncs.pdtr(vals1, self.mu)
        return float(np.where(temp >= q, vals1, vals))


class NegativeBinomial:
    """scipy.stats.nbinom(n, p): failures before the n-th success (n may be an array in cdf)."""

    def __init__(self, n: Any, p: Any):
        self.n, self.p = n, p

    def cdf(self, k: float) -> Any:
        n, p = np.asarray(self.n, dtype=float), np.asarray(self.p, dtype=float)
        valid = (n > 0) & (p > 0) & (p <= 1)
        return _discrete_cdf(k, valid, lambda floor_k: ufuncs._nbinom_cdf(floor_k, n, p))

    def ppf(self, q: float) -> float:
        with np.errstate(over="ignore"):  # scipy's own guard, see its gh-17432
            return float(ufuncs._nbinom_ppf(q, self.n, self.p))


def _discrete_cdf(k: float, valid: Any, cdf: Callable[[Any], Any]) -> Any:
    """rv_discrete.cdf at one k: 0 below the support, 1 at infinity, NaN for invalid parameters,
    else the distribution's cdf at ⌊k⌋ clipped to [0, 1]. A float for scalar parameters."""
    k_ = np.asarray(float(k))
    if k_ < 0:
        out = np.zeros(np.shape(valid))
    elif np.isposinf(k_):
        out = np.ones(np.shape(valid))
    else:
        out = np.clip(np.asarray(cdf(np.floor(k_)), dtype=float), 0, 1)
    out = np.where(valid, out, np.nan)
    return float(out) if out.ndim == 0 else out


# Shares: statsmodels.stats.proportion's Wilson interval, score test and score interval -----------


def wilson_interval(count: float, nobs: float, alpha: float) -> tuple[float, float]:
    """proportion_confint(count, nobs, alpha, method="wilson"), in its own arithmetic."""
    count_a, nobs_a = np.asarray(count, dtype=float), np.asarray(nobs, dtype=float)
    q_ = count_a / nobs_a
    crit = norm_isf(alpha / 2.0)
    crit2 = crit**2
    denom = 1 + crit2 / nobs_a
    center = (q_ + crit2 / (2 * nobs_a)) / denom
    dist = crit * np.sqrt(q_ * (1.0 - q_) / nobs_a + crit2 / (4.0 * nobs_a**2))
    dist /= denom
    return float(np.clip(center - dist, 0, 1)), float(np.clip(center + dist, 0, 1))


def score_test_diff(count1: float, nobs1: float, count2: float, nobs2: float, value: float = 0):
    """test_proportions_2indep(…, value, method="score", compare="diff").pvalue: two-sided p that
    p1 − p2 = value (Miettinen–Nurminen with their n/(n−1) correction)."""
    count1_, nobs1_, count2_, nobs0 = (np.asarray(x) for x in (count1, nobs1, count2, nobs2))
    nobs = nobs1_ + nobs0
    count = count1_ + count2_
    p1 = count1_ / nobs1_
    p0 = count2_ / nobs0
    prop0 = prop1 = count / nobs
    if value != 0:
        # The restricted maximum-likelihood proportions under p1 − p0 = value: a cubic's root.
        tmp3 = nobs
        tmp2 = (nobs1_ + 2 * nobs0) * value - nobs - count
        tmp1 = (count2_ * value - nobs - 2 * count2_) * value + count
        tmp0 = count2_ * value * (1 - value)
        q = (tmp2 / (3 * tmp3)) ** 3 - tmp1 * tmp2 / (6 * tmp3**2) + tmp0 / (2 * tmp3)
        p = np.sign(q) * np.sqrt((tmp2 / (3 * tmp3)) ** 2 - tmp1 / (3 * tmp3))
        a = (np.pi + np.arccos(q / p**3)) / 3
        prop0 = 2 * p * np.cos(a) - tmp2 / (3 * tmp3)
        prop1 = prop0 + value
    var = prop1 * (1 - prop1) / nobs1_ + prop0 * (1 - prop0) / nobs0
    var *= nobs / (nobs - 1)
    zstat = (p1 - p0 - value) / np.sqrt(var)
    return norm_sf(np.abs(zstat)) * 2


def score_interval_diff(
    count1: float, nobs1: float, count2: float, nobs2: float, alpha: float
) -> tuple[float, float]:
    """confint_proportions_2indep(…, method="score", compare="diff"): the differences the score
    test does not reject, found by Brent's method from the Wald interval's widened ends.

    ValueError when a root is not bracketed (an extreme share), as statsmodels raises it."""

    def excess(v: float) -> Any:
        return score_test_diff(count1, nobs1, count2, nobs2, v) - alpha

    param = np.asarray(count1) / np.asarray(nobs1) - np.asarray(count2) / np.asarray(nobs2)
    p1_, p2_ = count1 / nobs1, count2 / nobs2
    var = p1_ * (1 - p1_) / nobs1 + p2_ * (1 - p2_) / nobs2
    d_wald = norm_isf(alpha / 2) * np.sqrt(var)
    wald_low, wald_high = p1_ - p2_ - d_wald, p1_ - p2_ + d_wald
    upper_bracket = min(wald_high + np.abs(wald_high) * 0.5, 0.99999)
    lower_bracket = wald_low - np.abs(wald_low) * 0.25
    high = brentq(excess, param, upper_bracket)
    low = brentq(excess, lower_bracket, param)
    return low, high


def brentq(f: Callable[[float], Any], xa: Any, xb: Any) -> float:
    """scipy.optimize.brentq(f, xa, xb) with its default tolerances: scipy's C code
    (optimize/Zeros/brentq.c, Charles Harris's Brent) line for line, NaN and sign checks included.
    """

    def at(x: float) -> float:
        fx = f(x)
        if np.isnan(fx):
            raise ValueError(f"The function value at x={x} is NaN; solver cannot continue.")
        return float(fx)

    xpre, xcur = float(xa), float(xb)
    xblk = fblk = spre = scur = 0.0
    fpre, fcur = at(xpre), at(xcur)
    if fpre == 0:
        return xpre
    if fcur == 0:
        return xcur
    if math.copysign(1, fpre) == math.copysign(1, fcur):
        raise ValueError("f(a) and f(b) must have different signs")
    for _ in range(BRENT_MAXITER):
        if fpre != 0 and fcur != 0 and math.copysign(1, fpre) != math.copysign(1, fcur):
            xblk, fblk = xpre, fpre
            spre = scur = xcur - xpre
        if abs(fblk) < abs(fcur):
            xpre, xcur, xblk = xcur, xblk, xcur
            fpre, fcur, fblk = fcur, fblk, fcur
        delta = (BRENT_XTOL + BRENT_RTOL * abs(xcur)) / 2
        sbis = (xblk - xcur) / 2
        if fcur == 0 or abs(sbis) < delta:
            return xcur
        if abs(spre) > delta and abs(fcur) < abs(fpre):
            if xpre == xblk:  # interpolate
                stry = -fcur * (xcur - xpre) / (fcur - fpre)
            else:  # extrapolate
                dpre = (fpre - fcur) / (xpre - xcur)
                dblk = (fblk - fcur) / (xblk - xcur)
                stry = -fcur * (fblk * dblk - fpre * dpre) / (dblk * dpre * (fblk - fpre))
            if 2 * abs(stry) < min(abs(spre), 3 * abs(sbis) - delta):  # a good short step
                spre, scur = scur, stry
            else:  # bisect
                spre = scur = sbis
        else:  # bisect
            spre = scur = sbis
        xpre, fpre = xcur, fcur
        xcur += scur if abs(scur) > delta else (delta if sbis > 0 else -delta)
        fcur = at(xcur)
    raise RuntimeError(f"Failed to converge after {BRENT_MAXITER} iterations, value is {xcur}")
