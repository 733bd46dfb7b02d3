"""The inbox folder: import everything in data/inbox/, then clear it.

An imported (or unchanged) file leaves the inbox: its original is in the archive, or, for a
record-level police extract, must not be kept at all. A refused file leaves it too, and only
its reasons stay, in inbox/avvisade/<name>.txt: a refused file may be an extract whose streets
and times must not be kept, and the analyst still has the copy they dropped in. Nothing is
retried blindly.

A file leaves the inbox only after its import has committed: a process killed before that leaves
it to be imported again, one killed after it leaves it to be found `oförändrad` next time. Two
processes reading the inbox at once (the page and the command line) may both pick up a file;
whichever comes second finds it gone, or imported, and leaves it be.
"""

from __future__ import annotations

from pathlib import Path

from indicators.ingest import IngestContext, IngestResult, ingest_file
from indicators.store import timestamp
from indicators.times import local_time, moment_text

REFUSED_DIR = "avvisade"


def inbox_files(inbox: Path) -> list[Path]:
    if not inbox.is_dir():
        return []
    return sorted(p for p in inbox.iterdir() if p.is_file() and not p.name.startswith("."))


def ingest_inbox(inbox: Path, context: IngestContext) -> list[IngestResult]:
    results = []
    for path in inbox_files(inbox):
        try:
            result = ingest_file(path, context)
            if result.refused:
                _set_aside(path, inbox / REFUSED_DIR, result)
            else:
                path.unlink(missing_ok=True)
        except FileNotFoundError:
            if path.exists():
                raise
            continue  # another process took it; it reports the file
        results.append(result)
    return results


def _set_aside(path: Path, refused_dir: Path, result: IngestResult) -> None:
    refused_dir.mkdir(exist_ok=True)
    target = refused_dir / f"{path.name}.txt"
    if target.exists():
        stamp = f"{local_time(timestamp()):%Y%m%d-%H%M%S}"
        target = refused_dir / f"{path.name}-{stamp}.txt"
    # The reasons first, then the file goes: a crash between the two leaves the file to be
    # tried again, never a file without its reasons.
    reasons = "\n".join(result.lines())
    target.write_text(
        f"Filen avvisades vid import {moment_text(timestamp())} och togs bort ur "
        "inkorgen (den kan innehålla uppgifter som inte får sparas). Rätta originalet och lägg "
        f"in det igen.\n\n{reasons}\n",
        encoding="utf-8",
    )
    path.unlink(missing_ok=True)
