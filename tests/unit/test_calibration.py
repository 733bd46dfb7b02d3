"""A fast, seeded version of bench/calibration.py: the product's own rule code on simulated
kommun series, its stated probabilities against what the simulated years turned out to be.

The full benchmark (3 000 series) holds each decile within ±10 pp; this one runs 150 series in a
few seconds, so it asserts looser bounds on pooled bands where the sample is large enough."""

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "calibration.py"


@pytest.fixture(scope="module")
def calibration():
    spec = importlib.util.spec_from_file_location("bench_calibration", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def found(calibration):
    return calibration.outcomes(150, seed=16)


def test_off_track_and_on_track_mean_what_they_say(calibration, found):
    result = calibration.summary(found)
    assert result.off_track[0] > 50 and result.off_track[1] <= 0.25
    assert result.on_track[0] > 50 and result.on_track[1] >= 0.75


def test_stated_probabilities_are_calibrated_in_wide_bands(found):
    stated = [o for o in found if o.probability is not None]
    p = np.array([o.probability for o in stated])
    met = np.array([o.met for o in stated], dtype=float)
    for low, high in ((0, 0.2), (0.2, 0.5), (0.5, 0.8), (0.8, 1.01)):
        inside = (p >= low) & (p < high)
        assert inside.sum() > 60
        assert abs(met[inside].mean() - p[inside].mean()) <= 0.15, (low, high)


def test_both_kinds_of_forecast_are_exercised_and_sharp(calibration, found):
    for kind in ("delår", "år framåt"):
        result = calibration.summary([o for o in found if o.kind == kind])
        assert result.count > 100
        assert result.brier < 0.22  # an always-50 % forecast scores 0.25


def test_a_decided_year_is_never_wrong(calibration, found):
    result = calibration.summary(found)
    assert result.decided > 0 and result.decided_wrong == 0
