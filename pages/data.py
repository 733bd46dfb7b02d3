"""What the pages read: the active agreement, the catalogue and the current verdicts."""

from __future__ import annotations

from dataclasses import dataclass

from goals.agreement import load_agreement
from goals.models import Agreement
from goals.status import Verdict, verdicts_without_data
from indicators.catalogue import Catalogue, load_catalogue
from settings import get_settings


@dataclass(frozen=True)
class PageData:
    agreement: Agreement
    catalogue: Catalogue
    verdicts: dict[str, Verdict]


def page_data() -> PageData:
    agreement, catalogue = load_agreement(get_settings().agreement), load_catalogue()
    # Nothing can be imported yet, so every target honestly lacks data.
    return PageData(agreement, catalogue, verdicts_without_data(agreement, catalogue))
