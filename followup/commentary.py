"""The analysts' commentary on a year's follow-up: one text per goal (Markdown subset, see
report/markdown.py), every save kept with its author and time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from followup import records
from indicators.store import Store, timestamp
from report.content import AnnualReport, Comment

MAX_COMMENT_CHARACTERS = 10_000
MAX_NAME_CHARACTERS = 200


class InvalidInput(ValueError):
    """A comment or approval the store refuses; the message is Swedish and says why."""


class Signed(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    author: str = Field(min_length=1, max_length=MAX_NAME_CHARACTERS)


class CommentDraft(Signed):
    goal_id: str = Field(min_length=1)
    text: str = Field(min_length=1, max_length=MAX_COMMENT_CHARACTERS)


SignedModel = TypeVar("SignedModel", bound=Signed)
_FIELD_NAMES = {"author": "Namnet", "text": "Kommentaren", "goal_id": "Målet"}


def validated(
    model: type[SignedModel], names: dict[str, str] | None = None, **fields: str
) -> SignedModel:
    """The model, or InvalidInput saying in Swedish what is wrong; `names` are the fields'
    Swedish names where they differ from a goal's commentary's."""
    try:
        return model(**fields)
    except ValidationError as exc:
        named = {**_FIELD_NAMES, **(names or {})}
        raise InvalidInput(" ".join(_swedish(dict(e), named) for e in exc.errors())) from None


def _swedish(error: dict[str, Any], names: dict[str, str]) -> str:
    name = names.get(str(error["loc"][0]), str(error["loc"][0]))
    if error["type"] == "string_too_short":
        return f"{name} saknas."
    if error["type"] == "string_too_long":
        return f"{name} är längre än {error['ctx']['max_length']} tecken."
    return f"{name} kunde inte läsas: {error['msg']}."


def save_comment(
    store: Store, report: AnnualReport, goal_id: str, text: str, author: str, now: dt.datetime
) -> Comment:
    """Keep a new version of a goal's commentary; refused for an unknown goal or approved year."""
    draft = validated(CommentDraft, goal_id=goal_id, text=text, author=author)
    if draft.goal_id not in {entry.goal.id for entry in report.goals}:
        raise InvalidInput(f"Målet {goal_id!r} finns inte i avtalet.")
    saved_at = timestamp(now)
    records.save_comment(
        store, report.agreement.id, report.year, draft.goal_id, draft.text, draft.author, saved_at
    )
    return Comment(draft.goal_id, draft.text, draft.author, saved_at)


def with_comments(store: Store | None, live: AnnualReport) -> AnnualReport:
    return current(live, comment_history(store, live))


def current(live: AnnualReport, history: dict[str, list[Comment]]) -> AnnualReport:
    """The report with each goal's newest comment."""
    return replace(live, comments={goal: versions[0] for goal, versions in history.items()})


def comment_history(store: Store | None, report: AnnualReport) -> dict[str, list[Comment]]:
    """Every saved version per goal, newest first."""
    if store is None:
        return {}
    return newest_first(
        records.comments(store, report.agreement.id, report.year), "goal_id", Comment
    )


Version = TypeVar("Version")


def newest_first(
    rows: list[dict[str, Any]], key: str, version: Callable[[str, str, str, str], Version]
) -> dict[str, list[Version]]:
    """Saved rows (oldest first) as every version per `key` (goal, section), newest first."""
    history: dict[str, list[Version]] = {}
    for row in reversed(rows):
        history.setdefault(row[key], []).append(
            version(row[key], row["text"], row["author"], row["saved_at"])
        )
    return history
