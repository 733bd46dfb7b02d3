"""Checks for what a callback receives: the browser's values, which a request can replace.

A value our pages never send (a year outside the agreement's period, a list where a text
belongs, an action no button has) is refused with 400 and a Swedish reason, never replaced by a
default: an approval of "1900" must not approve another year.
"""

from __future__ import annotations

from werkzeug.exceptions import BadRequest

from goals.evaluate import YearOutsidePeriod, check_year
from goals.models import Agreement


class BadInput(BadRequest):
    """Answered with status 400 and the Swedish description (app.py's HTTP error handler)."""

    def __init__(self, reason: str):
        super().__init__(description=f"Felaktigt anrop: {reason}.")


def period_year(agreement: Agreement, value: object) -> int:
    """`value` as a year of the agreement's period."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise BadInput("året saknas eller är inget årtal")
    if isinstance(value, str) and not value.strip().isdigit():
        raise BadInput(f"”{value[:20]}” är inget årtal")
    year = int(value)
    try:
        check_year(agreement, year)
    except YearOutsidePeriod as exc:
        raise BadInput(str(exc).rstrip(".")) from None
    return year


def optional_text(value: object, what: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise BadInput(f"{what} ska vara text")


def one_of(value: object, allowed: tuple[str, ...], what: str) -> str:
    if isinstance(value, str) and value in allowed:
        return value
    raise BadInput(f"{what} ska vara {' eller '.join(allowed)}")


def known_agreement(value: object) -> str | None:
    """An agreement id of this instance, or None (the default agreement) when none is sent."""
    from pages.data import is_agreement

    if value is None:
        return None
    if isinstance(value, str) and is_agreement(value):
        return value
    raise BadInput("avtalet finns inte")
