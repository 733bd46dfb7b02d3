"""Finding, reading and checking the active agreement file.

`TRYGGHETSMAL_AGREEMENT` names either an agreement shipped in `goals/agreements/` by its id
(`trelleborg-2019-2022`) or a path to a YAML file of the same shape.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from goals.models import Agreement
from indicators.catalogue import Catalogue, load_catalogue
from indicators.config_files import ConfigError, Problem, YamlDocument, read_yaml

AGREEMENTS_DIR = Path(__file__).with_name("agreements")


def agreement_path(name_or_path: str) -> Path:
    if name_or_path.endswith((".yaml", ".yml")) or "/" in name_or_path:
        return Path(name_or_path)
    return AGREEMENTS_DIR / f"{name_or_path}.yaml"


def shipped_agreements() -> list[str]:
    return sorted(path.stem for path in AGREEMENTS_DIR.glob("*.yaml"))


@cache
def load_agreement(name_or_path: str) -> Agreement:
    """Load and check an agreement, or raise ConfigError naming file, line and field."""
    path = agreement_path(name_or_path)
    if not path.exists():
        known = ", ".join(shipped_agreements())
        problem = f"avtalet finns inte (avtal som följer med: {known})"
        raise ConfigError([Problem(str(path), None, "", problem, name_or_path)])
    document = read_yaml(path, _display_name(path))
    agreement = document.validate(Agreement)
    problems = [
        *_id_matches_file(agreement, path, document),
        *_targets_match_catalogue(agreement, load_catalogue(), document),
        *_wording_is_verbatim(agreement, path, document),
    ]
    if problems:
        raise ConfigError(problems)
    return agreement


def collapse_whitespace(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _id_matches_file(agreement: Agreement, path: Path, doc: YamlDocument) -> list[Problem]:
    if agreement.id == path.stem:
        return []
    return [doc.problem(("id",), f"id ska vara samma som filnamnet ({path.stem})", agreement.id)]


def _targets_match_catalogue(
    agreement: Agreement, catalogue: Catalogue, doc: YamlDocument
) -> list[Problem]:
    known = {indicator.id for indicator in catalogue.indicators}
    problems = []
    for g, goal in enumerate(agreement.goals):
        for t, target in enumerate(goal.targets):
            where = ("goals", g, "targets", t)
            if target.indicator not in known:
                message = "okänd indikator (finns inte i indikatorkatalogen)"
                problems.append(doc.problem((*where, "indicator"), message, target.indicator))
            for key, value in target.breakdown.items():
                dimension = catalogue.dimensions.get(key)
                if dimension is None or value not in dimension.values:
                    message = "okänd uppdelning (se dimensions i indikatorkatalogen)"
                    problems.append(doc.problem((*where, "breakdown", key), message, value))
    return problems


def _wording_is_verbatim(agreement: Agreement, path: Path, doc: YamlDocument) -> list[Problem]:
    if agreement.source_document is None:
        return []
    source = path.parent / agreement.source_document
    if not source.exists():
        return [doc.problem(("source_document",), "avtalstexten finns inte", str(source))]
    text = collapse_whitespace(source.read_text(encoding="utf-8"))
    return [
        doc.problem(
            ("goals", g, "wording"),
            "formuleringen står inte ordagrant i avtalstexten",
            goal.wording,
        )
        for g, goal in enumerate(agreement.goals)
        if collapse_whitespace(goal.wording) not in text
    ]


def _display_name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(AGREEMENTS_DIR.parent.parent))
    except ValueError:
        return str(path)


def agreement_text(name_or_path: str) -> str | None:
    """The agreement's own text, when the file names one (shown on the Om page)."""
    path = agreement_path(name_or_path)
    document = load_agreement(name_or_path).source_document
    return None if document is None else (path.parent / document).read_text(encoding="utf-8")
