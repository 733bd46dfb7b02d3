"""Approving (fastställa) a year: the whole report (figures, verdicts and commentary) is kept as
a snapshot, so the board's version survives later imports and later versions of the software;
the page then compares it with today's data and says what has changed."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from pydantic import TypeAdapter

from followup import records
from followup.commentary import Signed, comment_history, current, validated, with_comments
from goals.words import value_text
from indicators.store import Store, timestamp
from report.content import AnnualReport, Approval, Comment, TargetEntry

T = TypeVar("T")
_SNAPSHOT = TypeAdapter(AnnualReport)
SNAPSHOT_VERSION = 2


def approve_year(store: Store, live: AnnualReport, author: str, now: dt.datetime) -> AnnualReport:
    """Freeze the year as the board sees it now: figures, verdicts and current commentary."""
    signed = validated(Signed, author=author)
    approved = replace(
        with_comments(store, live),
        made_on=now.date(),
        approval=Approval(signed.author, timestamp(now)),
    )
    records.approve(
        store, live.agreement.id, live.year, signed.author, timestamp(now), snapshot_json(approved)
    )
    return approved


def withdraw_approval(store: Store, report: AnnualReport, author: str, now: dt.datetime) -> None:
    signed = validated(Signed, author=author)
    records.withdraw_approval(
        store, report.agreement.id, report.year, signed.author, timestamp(now)
    )


def snapshot_json(report: AnnualReport) -> str:
    return wrapped_json(_SNAPSHOT, SNAPSHOT_VERSION, "report", report)


def wrapped_json(adapter: TypeAdapter[T], version: int, key: str, document: T) -> str:
    """An approved document as stored: its snapshot's version beside it, so a later release
    knows how to read what an earlier one froze."""
    return f'{{"version": {version}, "{key}": {adapter.dump_json(document).decode()}}}'


def from_snapshot(snapshot: str) -> AnnualReport:
    wrapper = json.loads(snapshot)
    version = wrapper.get("version")
    if version not in (1, SNAPSHOT_VERSION):
        raise ValueError(f"okänd version {version!r} av en fastställd årsuppföljning")
    report = (
        wrapper["report"] if version == SNAPSHOT_VERSION else _from_version_1(wrapper["report"])
    )
    return _SNAPSHOT.validate_json(json.dumps(report))


def _from_version_1(report: dict[str, Any]) -> dict[str, Any]:
    """Version 1 called the åtgärder 'measures' and carried the agreement's unused measures."""
    agreement = {k: v for k, v in report["agreement"].items() if k != "measures"}
    renamed = {("atgarder" if k == "measures" else k): v for k, v in report.items()}
    return {**renamed, "agreement": agreement}


@dataclass(frozen=True)
class FollowUp:
    """What the board is shown for a year, and how it relates to today's data."""

    report: AnnualReport  # the approved snapshot, or today's figures with current commentary
    live: AnnualReport
    history: dict[str, list[Comment]]  # goal id → every saved version, newest first
    imports_since_approval: int = 0

    @property
    def changed_since_approval(self) -> list[str]:
        if self.report.approval is None:
            return []
        return newer_data(self.report, self.live)


def follow_up(store: Store | None, live: AnnualReport) -> FollowUp:
    history = comment_history(store, live)
    approval = None if store is None else records.approval(store, live.agreement.id, live.year)
    if store is None or approval is None:
        return FollowUp(current(live, history), live, history)
    newer = records.imports_since(store, approval)
    return FollowUp(from_snapshot(approval["snapshot"]), live, history, newer)


def newer_data(approved: AnnualReport, live: AnnualReport) -> list[str]:
    """Each target whose verdict or value differs today from what was approved, in words."""
    now = {t.target.id: t for entry in live.goals for t in entry.targets}
    lines = []
    for entry in approved.goals:
        for then in entry.targets:
            found = now.get(then.target.id)
            if found is not None and _differs(then, found):
                lines.append(f"{then.label}: {_verdict_words(then)} → {_verdict_words(found)}")
    return lines


def _differs(then: TargetEntry, now: TargetEntry) -> bool:
    a, b = then.verdict, now.verdict
    return (a.status, a.value, a.preliminary, a.judged_year) != (
        b.status,
        b.value,
        b.preliminary,
        b.judged_year,
    )


def _verdict_words(entry: TargetEntry) -> str:
    verdict = entry.verdict
    value = "" if verdict.value is None else f" ({value_text(verdict.value, entry.measure)}"
    preliminary = ", preliminärt" if verdict.preliminary and value else ""
    return f"{verdict.status.label}{value}{preliminary}{')' if value else ''}"
