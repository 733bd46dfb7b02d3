"""Judging and describing one target of the shipped agreement on evidence built in code."""

from goals.describe import describe_target
from goals.evaluate import evaluate
from goals.evidence import Evidence
from tests.unit.rows import AFTER_THE_PERIOD


def verdict(agreement, catalogue, target, rows, year, today=AFTER_THE_PERIOD, log_years=()):
    evidence = Evidence({target: rows}, frozenset(log_years))
    return evaluate(agreement, catalogue, evidence, year, today).verdicts[target]


def described(agreement, catalogue, target_id):
    target = next(t for t in agreement.targets if t.id == target_id)
    return describe_target(target, agreement, catalogue)
