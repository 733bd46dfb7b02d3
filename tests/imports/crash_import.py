"""One import in a process of its own, for test_crash_safety.py: what `trygghetsmal --data-dir D
ingest FILE…|--inbox` does, minus the dashboard and report renderers the command line loads.

The test starts it from a multiprocessing forkserver that has imported this module (and with it
pandas and SQLAlchemy) once, so each import is a fresh process that starts in milliseconds
instead of the second or more a new interpreter needs.
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path

from indicators.catalogue import load_catalogue
from indicators.code_list import load_code_list
from indicators.inbox import ingest_inbox
from indicators.ingest import IngestContext, ingest_file
from indicators.sources import all_loaders
from settings import Settings

# What every import loads on first use, loaded once here for all the forked imports.
all_loaders()
load_code_list(load_catalogue())


def run(
    data_dir: str, database: str, args: list[str], pause: str | None, flag: str, output: str
) -> None:
    """Import `args` (files, or ["--inbox"]) into data_dir and the database at URL `database`;
    write the printed lines to output."""
    if pause:
        os.environ["TRYGGHETSMAL_TEST_PAUSE"] = pause
        os.environ["TRYGGHETSMAL_TEST_PAUSE_FILE"] = flag
    try:
        settings = Settings(data_dir=Path(data_dir), database_url=database)
        context = IngestContext.from_settings(settings, store=True, user="test")
        if args == ["--inbox"]:
            results = ingest_inbox(settings.inbox_dir, context)
        else:
            results = [ingest_file(Path(name), context) for name in args]
        lines = [line for result in results for line in result.lines()]
    except BaseException:
        Path(output).write_text(traceback.format_exc(), encoding="utf-8")
        raise
    Path(output).write_text("\n".join(lines) + "\n", encoding="utf-8")
