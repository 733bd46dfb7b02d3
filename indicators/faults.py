"""Storage faults in Swedish: a full disk, a read-only database or data dir, a missing data dir.

These are not bugs but states of the machine, so the user gets one sentence that says what is
wrong and what to do, never a traceback. Classified by the error codes the database and the
operating system give (SQLite's extended result names, PostgreSQL's SQLSTATE, errno), not by
English message text.
"""

from __future__ import annotations

import errno

from sqlalchemy.exc import DBAPIError

FULL = (
    "Disken är full: inget sparades. Frigör utrymme där datamappen ligger och försök igen; "
    "det som redan fanns är orört."
)
READ_ONLY = (
    "Databasen eller datamappen är skrivskyddad: inget sparades. Kontrollera att kontot som kör "
    "Trygghetsmål får skriva i datamappen."
)
MISSING = (
    "Datamappen eller databasen finns inte eller kan inte öppnas. Kontrollera "
    "TRYGGHETSMAL_DATA_DIR (eller --data-dir) och att mappen finns och är monterad."
)
BUSY = "Databasen är upptagen av en annan import; inget sparades. Försök igen om en stund."
DAMAGED = (
    "Databasen kunde inte läsas eller skrivas (diskfel eller skadad fil). Kontakta den som "
    "driftar Trygghetsmål."
)
UNREACHABLE = (
    "Databasservern kunde inte nås eller godtog inte anslutningen: inget sparades. Kontrollera "
    "TRYGGHETSMAL_DATABASE_URL och att servern är igång."
)

_SQLITE = {
    "SQLITE_FULL": FULL,
    "SQLITE_READONLY": READ_ONLY,
    "SQLITE_CANTOPEN": MISSING,
    "SQLITE_PERM": READ_ONLY,
    "SQLITE_AUTH": READ_ONLY,
    "SQLITE_BUSY": BUSY,
    "SQLITE_LOCKED": BUSY,
    "SQLITE_IOERR": DAMAGED,
    "SQLITE_CORRUPT": DAMAGED,
    "SQLITE_NOTADB": DAMAGED,
}
_POSTGRES = {
    "53100": FULL,
    "25006": READ_ONLY,
    "53000": FULL,
    "58030": DAMAGED,
    # A shared server that is down, restarting, or refuses the account or database in the URL.
    **dict.fromkeys(["08000", "08001", "08003", "08004", "08006"], UNREACHABLE),
    **dict.fromkeys(["57P01", "57P02", "57P03", "28000", "28P01", "3D000"], UNREACHABLE),
}
_ERRNO = {
    errno.ENOSPC: FULL,
    errno.EDQUOT: FULL,
    errno.EFBIG: FULL,
    errno.EROFS: READ_ONLY,
    errno.EACCES: READ_ONLY,
    errno.EPERM: READ_ONLY,
    errno.ENOENT: MISSING,
    errno.ENOTDIR: MISSING,
    errno.EIO: DAMAGED,
}


def storage_fault(error: BaseException) -> str | None:
    """The Swedish sentence for a storage fault anywhere in the error's chain; None for
    anything else (which stays a bug to be seen, not a message)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        found = _classify(current)
        if found is not None:
            return found
        # `raise … from None` says the earlier error was handled: not this one's reason.
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    return None


def _classify(error: BaseException) -> str | None:
    if isinstance(error, DBAPIError):
        return _classify_database(error.orig)
    if isinstance(error, OSError) and error.errno is not None:
        return _ERRNO.get(error.errno)
    return _classify_database(error)


def _classify_database(error: BaseException | None) -> str | None:
    name = getattr(error, "sqlite_errorname", None)
    if isinstance(name, str):
        # Extended names refine the primary one: SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED.
        for primary, message in _SQLITE.items():
            if name == primary or name.startswith(primary + "_"):
                return message
    code = getattr(error, "sqlstate", None) or getattr(error, "pgcode", None)
    if isinstance(code, str):
        return _POSTGRES.get(code)
    # psycopg says a connection failed (no server on the address, a dropped connection) before
    # any server could give a code.
    kind = type(error)
    if kind.__module__.split(".")[0] == "psycopg" and kind.__name__ == "OperationalError":
        return UNREACHABLE
    return None
