"""The one way a time reaches a user. Stored times are UTC; every time shown (pages, exports,
command line) is Swedish time (Europe/Stockholm), converted by local_time and written as text
by moment_text."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_datetime, get_timezone

from indicators.numbers import LOCALE

SWEDISH_TIME = get_timezone("Europe/Stockholm")


def local_time(stamp: str) -> dt.datetime:
    """A stored UTC time in Swedish time, without tzinfo (as a spreadsheet cell holds it)."""
    moment = dt.datetime.fromisoformat(stamp)
    if moment.tzinfo is None:  # written before the store said UTC explicitly
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(SWEDISH_TIME).replace(tzinfo=None)


def moment_text(stamp: str, compact: bool = False) -> str:
    """A stored UTC time as Swedes read it: '14 mars 2023 kl. 15:02', or in tables and files
    '2023-03-14 15:02'."""
    pattern = "yyyy-MM-dd HH:mm" if compact else "d MMMM y 'kl.' HH:mm"
    return format_datetime(local_time(stamp), pattern, locale=LOCALE)


def swedish_today() -> dt.date:
    """Today's date in Sweden, whatever time zone the server runs in."""
    return dt.datetime.now(SWEDISH_TIME).date()


def date_of(stamp: str) -> str:
    """The Swedish calendar date of a stored UTC time, as '2023-03-14'."""
    return local_time(stamp).date().isoformat()
