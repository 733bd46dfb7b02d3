"""The sections of the lägesbild the analysts write themselves (medborgardialog, skolans
kartläggning, their own analysis), every save kept with its author and time, as the annual
follow-up's commentary is (followup/commentary.py); stored per agreement, year and section."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from pydantic import Field

from followup import records
from followup.commentary import (
    MAX_COMMENT_CHARACTERS,
    InvalidInput,
    Signed,
    newest_first,
    validated,
)
from indicators.store import Store, timestamp
from kommunlagesbild.content import SECTIONS, KommunLagesbild, SectionText

_NAMES = {"text": "Texten", "section": "Avsnittet"}


class SectionDraft(Signed):
    section: str = Field(min_length=1, description="Which section: a key of SECTIONS.")
    text: str = Field(
        min_length=1, max_length=MAX_COMMENT_CHARACTERS, description="The Markdown subset."
    )


def save_text(
    store: Store, content: KommunLagesbild, section: str, text: str, author: str, now: dt.datetime
) -> SectionText:
    """Keep a new version of a section's text; refused for an unknown section or an approved
    lägesbild (records.YearApproved)."""
    draft = validated(SectionDraft, _NAMES, section=section, text=text, author=author)
    if draft.section not in SECTIONS:
        raise InvalidInput(f"Avsnittet {section!r} finns inte i lägesbilden.")
    saved_at = timestamp(now)
    records.save_lagesbild_text(
        store, content.agreement_id, content.year, draft.section, draft.text, draft.author, saved_at
    )
    return SectionText(draft.section, draft.text, draft.author, saved_at)


def text_history(store: Store | None, agreement_id: str, year: int) -> dict[str, list[SectionText]]:
    """Every saved version per section, newest first."""
    if store is None:
        return {}
    return newest_first(records.lagesbild_texts(store, agreement_id, year), "section", SectionText)


def with_texts(content: KommunLagesbild, history: dict[str, list[SectionText]]) -> KommunLagesbild:
    """The lägesbild with each section's newest text, in the order the sections are listed."""
    current = tuple(history[s][0] for s in SECTIONS if history.get(s))
    return replace(content, texts=current)
