"""What the pages read: the active agreement, the catalogue, the stored evidence and verdicts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import make_url

from goals.agreement import load_agreement
from goals.evidence import target_observations
from goals.models import Agreement
from goals.status import Verdict, unjudged_verdicts
from indicators.catalogue import Catalogue, load_catalogue
from indicators.store import Store
from settings import get_settings


@dataclass(frozen=True)
class PageData:
    agreement: Agreement
    catalogue: Catalogue
    evidence: dict[str, list[dict[str, Any]]]
    verdicts: dict[str, Verdict]
    imports: list[dict[str, Any]]


def page_data() -> PageData:
    settings = get_settings()
    agreement, catalogue = load_agreement(settings.agreement), load_catalogue()
    store = _existing_store(settings.database)
    evidence = {} if store is None else {
        target.id: target_observations(store, target, catalogue) for target in agreement.targets}
    imports = [] if store is None else store.imports()
    return PageData(agreement, catalogue, evidence,
                    unjudged_verdicts(agreement, catalogue, evidence), imports)


def _existing_store(url: str) -> Store | None:
    # Pages only read: they never create an empty database in a data dir nobody imported into.
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").exists():
        return None
    return _store(url)


@cache
def _store(url: str) -> Store:
    return Store(url)
