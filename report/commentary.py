"""The analysts' commentary on the annual follow-up, and approving (fastställa) a year.

Commentary is a Markdown subset: paragraphs, line breaks, bold, italics and lists. Raw HTML,
links, images and headings are not parsed, so such text is shown as the characters typed and a
comment cannot inject markup into the page or the PDF, nor add a heading to the board's outline.

An approved year is kept as a snapshot of the whole report (figures, verdicts and commentary),
so the board's version survives later imports and later versions of the software; the page
then compares it with today's data and says what has changed.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from goals.words import value_text
from indicators.store import Store, timestamp
from report.content import AnnualReport, Approval, Comment, TargetEntry

MAX_COMMENT_CHARACTERS = 10_000
MAX_NAME_CHARACTERS = 200

_PARSER = MarkdownIt("zero", {"breaks": True}).enable(["emphasis", "list", "newline", "escape"])
_SNAPSHOT = TypeAdapter(AnnualReport)
SNAPSHOT_VERSION = 1


def markdown_html(text: str) -> str:
    """The comment as HTML for the printed report; everything but the subset is escaped text."""
    return _PARSER.render(text)


def markdown_tree(text: str) -> SyntaxTreeNode:
    """The parsed comment, for renderers that build their own elements (the Dash page)."""
    return SyntaxTreeNode(_PARSER.parse(text))


class InvalidInput(ValueError):
    """A comment or approval the store refuses; the message is Swedish and says why."""


class _Signed(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    author: str = Field(min_length=1, max_length=MAX_NAME_CHARACTERS)


class CommentDraft(_Signed):
    goal_id: str = Field(min_length=1)
    text: str = Field(min_length=1, max_length=MAX_COMMENT_CHARACTERS)


_FIELD_NAMES = {"author": "Namnet", "text": "Kommentaren", "goal_id": "Målet"}


def _validated(model: type[_Signed], **fields: str) -> _Signed:
    try:
        return model(**fields)
    except ValidationError as exc:
        raise InvalidInput(" ".join(_swedish(error) for error in exc.errors())) from None


def _swedish(error: dict) -> str:
    name = _FIELD_NAMES.get(str(error["loc"][0]), str(error["loc"][0]))
    if error["type"] == "string_too_short":
        return f"{name} saknas."
    if error["type"] == "string_too_long":
        return f"{name} är längre än {error['ctx']['max_length']} tecken."
    return f"{name} kunde inte läsas: {error['msg']}."


def save_comment(
    store: Store, report: AnnualReport, goal_id: str, text: str, author: str, now: dt.datetime
) -> Comment:
    """Keep a new version of a goal's commentary; refused for an unknown goal or approved year."""
    draft = _validated(CommentDraft, goal_id=goal_id, text=text, author=author)
    if draft.goal_id not in {entry.goal.id for entry in report.goals}:
        raise InvalidInput(f"Målet {goal_id!r} finns inte i avtalet.")
    saved_at = timestamp(now)
    store.save_comment(
        report.agreement.id, report.year, draft.goal_id, draft.text, draft.author, saved_at
    )
    return Comment(draft.goal_id, draft.text, draft.author, saved_at)


def approve_year(store: Store, live: AnnualReport, author: str, now: dt.datetime) -> AnnualReport:
    """Freeze the year as the board sees it now: figures, verdicts and current commentary."""
    signed = _validated(_Signed, author=author)
    approved = replace(
        with_comments(store, live),
        made_on=now.date(),
        approval=Approval(signed.author, timestamp(now)),
    )
    store.approve(
        live.agreement.id, live.year, signed.author, timestamp(now), snapshot_json(approved)
    )
    return approved


def withdraw_approval(store: Store, report: AnnualReport, author: str, now: dt.datetime) -> None:
    signed = _validated(_Signed, author=author)
    store.withdraw_approval(report.agreement.id, report.year, signed.author, timestamp(now))


def snapshot_json(report: AnnualReport) -> str:
    return f'{{"version": {SNAPSHOT_VERSION}, "report": {_SNAPSHOT.dump_json(report).decode()}}}'


def from_snapshot(snapshot: str) -> AnnualReport:
    wrapper = json.loads(snapshot)
    if wrapper.get("version") != SNAPSHOT_VERSION:
        raise ValueError(
            f"okänd version {wrapper.get('version')!r} av en fastställd årsuppföljning"
        )
    return _SNAPSHOT.validate_json(json.dumps(wrapper["report"]))


def with_comments(store: Store | None, live: AnnualReport) -> AnnualReport:
    return _current(live, comment_history(store, live))


def _current(live: AnnualReport, history: dict[str, list[Comment]]) -> AnnualReport:
    return replace(live, comments={goal: versions[0] for goal, versions in history.items()})


def comment_history(store: Store | None, report: AnnualReport) -> dict[str, list[Comment]]:
    """Every saved version per goal, newest first."""
    history: dict[str, list[Comment]] = {}
    if store is None:
        return history
    for row in reversed(store.comments(report.agreement.id, report.year)):
        history.setdefault(row["goal_id"], []).append(
            Comment(row["goal_id"], row["text"], row["author"], row["saved_at"])
        )
    return history


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
    approval = None if store is None else store.approval(live.agreement.id, live.year)
    if approval is None:
        return FollowUp(_current(live, history), live, history)
    newer = sum(1 for i in store.imports() if i["id"] > approval["last_import_id"])
    return FollowUp(_approved(approval["id"], approval["snapshot"]), live, history, newer)


@lru_cache(maxsize=16)
def _approved(_approval_id: int, snapshot: str) -> AnnualReport:
    return from_snapshot(snapshot)


def newer_data(approved: AnnualReport, live: AnnualReport) -> list[str]:
    """Each target whose verdict or value differs today from what was approved, in words."""
    now = {t.target.id: t for entry in live.goals for t in entry.targets}
    lines = []
    for entry in approved.goals:
        for then in entry.targets:
            current = now.get(then.target.id)
            if current is not None and _differs(then, current):
                lines.append(f"{then.label}: {_verdict_words(then)} → {_verdict_words(current)}")
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
