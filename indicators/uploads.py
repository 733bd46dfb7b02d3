"""Upload copies wait under the data dir's own temp folder while they are read, never in /tmp.

A copy lives in `<data dir>/tmp/upload-<pid>-<random>/` and is removed when its import ends. A
worker killed mid-import cannot remove it, so every start sweeps the folder: whatever a process
that no longer runs left there goes. A running worker's copy is never touched.
"""

from __future__ import annotations

import base64
import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

PREFIX = "upload-"


@contextlib.contextmanager
def upload_copy(temp_dir: Path, name: str, content: bytes) -> Iterator[Path]:
    """A private folder holding `content` under `name`, removed afterwards whatever happens."""
    temp_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=temp_dir))
    try:
        path = folder / Path(name).name
        path.write_bytes(content)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def sweep(temp_dir: Path) -> list[Path]:
    """Remove what dead processes left behind; returns what was removed."""
    if not temp_dir.is_dir():
        return []
    removed = []
    for entry in temp_dir.iterdir():
        if _owner_alive(entry.name):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry)
    return removed


def _owner_alive(name: str) -> bool:
    if not name.startswith(PREFIX):
        return False  # not ours: nothing else belongs here
    pid = name.removeprefix(PREFIX).split("-", 1)[0]
    if not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, under another user
    return True


def ingest_upload(content: str, name: str, context, temp_dir: Path):
    """Import one file from the upload page: its data URL is written under `temp_dir`, read,
    and removed, whatever the outcome."""
    from indicators.ingest import ingest_file

    _, encoded = content.split(",", 1)
    with upload_copy(temp_dir, name, base64.b64decode(encoded)) as path:
        return ingest_file(path, context, original_name=Path(name).name)
