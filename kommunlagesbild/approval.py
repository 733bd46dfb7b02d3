"""Approving (fastställa) the lägesbild of a year, as the annual follow-up is approved
(followup/approval.py): the whole content, figures and the analysts' texts, is kept as a JSON
snapshot, so the version the kommunstyrelse was given survives later imports; the page, the
downloads and `trygghetsmal lagesbild` show it until the approval is withdrawn for a new version.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, replace

from pydantic import TypeAdapter

from followup import records
from followup.approval import wrapped_json
from followup.commentary import Signed, validated
from goals.evaluate import check_year
from goals.models import Agreement
from indicators.store import Store, timestamp
from indicators.times import local_time
from kommunlagesbild.content import KommunLagesbild, SectionText
from kommunlagesbild.texts import text_history, with_texts
from report.content import Approval

_SNAPSHOT = TypeAdapter(KommunLagesbild)
SNAPSHOT_VERSION = 1


def approve_lagesbild(
    store: Store, live: KommunLagesbild, author: str, now: dt.datetime
) -> KommunLagesbild:
    """Freeze the year's lägesbild as it is now: today's figures and the current texts."""
    signed = validated(Signed, author=author)
    at = timestamp(now)
    approved = replace(
        with_texts(live, text_history(store, live.agreement_id, live.year)),
        made_on=local_time(at).date(),
        approval=Approval(signed.author, at),
    )
    records.approve(
        store,
        live.agreement_id,
        live.year,
        signed.author,
        at,
        snapshot_json(approved),
        records.LAGESBILD,
    )
    return approved


def withdraw_lagesbild_approval(
    store: Store, agreement_id: str, year: int, author: str, now: dt.datetime
) -> None:
    """Unfreeze the year for a new version; the approved snapshot stays in the history."""
    signed = validated(Signed, author=author)
    records.withdraw_approval(
        store, agreement_id, year, signed.author, timestamp(now), records.LAGESBILD
    )


def snapshot_json(content: KommunLagesbild) -> str:
    return wrapped_json(_SNAPSHOT, SNAPSHOT_VERSION, "lagesbild", content)


def from_snapshot(snapshot: str) -> KommunLagesbild:
    wrapper = json.loads(snapshot)
    version = wrapper.get("version")
    if version != SNAPSHOT_VERSION:
        raise ValueError(f"okänd version {version!r} av en fastställd lägesbild")
    return _SNAPSHOT.validate_python(wrapper["lagesbild"])


@dataclass(frozen=True)
class Shown:
    """The year's lägesbild as the page and the files give it, with the texts' history."""

    content: KommunLagesbild  # the approved snapshot, or today's figures with the current texts
    history: dict[str, list[SectionText]]  # section → every saved version, newest first
    imports_since_approval: int = 0


def shown_lagesbild(
    store: Store | None, agreement: Agreement, year: int, live: Callable[[], KommunLagesbild]
) -> Shown:
    """The approved lägesbild if the year has one in force, else `live()` (which may raise
    NoDataForYear) with the analysts' current texts. YearOutsidePeriod for a year outside."""
    check_year(agreement, year)
    history = text_history(store, agreement.id, year)
    found = (
        None if store is None else records.approval(store, agreement.id, year, records.LAGESBILD)
    )
    if store is None or found is None:
        return Shown(with_texts(live(), history), history)
    return Shown(from_snapshot(found["snapshot"]), history, records.imports_since(store, found))
