"""A file from the upload page: checked, copied under the data dir while it is read, removed.

The name and the base64 data URL come from the request, so both are checked before anything
touches the disk: a name is only shown and recorded (the copy gets a name of our own), and one
that no file can have (empty, `..`, a NUL or other control character, over 255 bytes) refuses
that file.

The copy lives in `<data dir>/tmp/upload-<pid>-<random>/`, never in /tmp, private to the data
dir's owner (or its group), and is removed when its import ends. A worker killed mid-import
cannot remove it, so every start sweeps the folder: whatever a process that no longer runs left
there goes. A running worker's copy is never touched.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import os
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from indicators.problems import ImportProblem

if TYPE_CHECKING:
    from indicators.ingest import IngestContext, IngestResult
    from settings import FileModes

PREFIX = "upload-"
COPY_STEM = "uppladdad"
MAX_NAME_BYTES = 255  # what ext4, NTFS and APFS allow for one name
SHOWN_NAME_CHARACTERS = 120
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


def ingest_upload(
    content: object,
    name: object,
    context: IngestContext,
    temp_dir: Path,
    modes: FileModes | None = None,
) -> IngestResult:
    """Import one uploaded file: a name or content that cannot be a file is that file's
    refusal; otherwise its copy under `temp_dir` is read and removed, whatever the outcome."""
    from indicators.ingest import IngestResult, ingest_file

    problem = upload_name_problem(name)
    try:
        data = decode_upload(content) if problem is None else b""
    except ValueError as exc:
        problem = str(exc)
    if problem is not None:
        return IngestResult(shown_name(name), "avvisad", problems=[ImportProblem(problem)])
    original = base_name(str(name))
    with upload_copy(temp_dir, original, data, modes) as path:
        return ingest_file(path, context, original_name=original)


@contextlib.contextmanager
def upload_copy(
    temp_dir: Path, name: str, content: bytes, modes: FileModes | None = None
) -> Iterator[Path]:
    """A folder of this process holding `content`, removed afterwards whatever happens. The
    copy keeps only the suffix of `name` (what the reader goes by); the name itself is never a
    path on disk."""
    folder_mode, file_mode = (
        (modes.directory, modes.file) if modes else (PRIVATE_FOLDER, PRIVATE_FILE)
    )
    if not temp_dir.is_dir():
        temp_dir.mkdir(mode=folder_mode, parents=True, exist_ok=True)
        if modes:
            modes.apply(temp_dir, directory=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=temp_dir))
    try:
        if modes:
            modes.apply(folder, directory=True)  # a group member may sweep what a kill left
        path = folder / f"{COPY_STEM}{PurePosixPath(base_name(name)).suffix.lower()}"
        handle = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, file_mode)
        if modes:
            modes.apply(path, directory=False)  # the group's bits, whatever the umask
        with os.fdopen(handle, "wb") as copy:
            copy.write(content)
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


def upload_name_problem(name: object) -> str | None:
    """Why `name` cannot be a file's name, in Swedish; None when it can."""
    if not isinstance(name, str) or not name.strip():
        return "filen har inget namn"
    if any(unicodedata.category(c) == "Cc" for c in name):
        return "filnamnet innehåller styrtecken"
    base = base_name(name)
    if base in ("", ".", ".."):
        return "filnamnet är inget filnamn"
    if len(base.encode("utf-8")) > MAX_NAME_BYTES:
        return f"filnamnet är längre än {MAX_NAME_BYTES} byte"
    return None


def base_name(name: str) -> str:
    """The name without any folders a browser or a hand-made request put before it."""
    return PurePosixPath(name.replace("\\", "/")).name


def shown_name(name: object) -> str:
    """A name safe to show and record: control characters replaced, length bounded."""
    if not isinstance(name, str) or not name.strip():
        return "(utan namn)"
    printable = "".join("�" if unicodedata.category(c) == "Cc" else c for c in base_name(name))
    if len(printable) > SHOWN_NAME_CHARACTERS:
        return printable[: SHOWN_NAME_CHARACTERS - 1] + "…"
    return printable or "(utan namn)"


def decode_upload(content: object) -> bytes:
    """The bytes of a `data:<type>;base64,<data>` URL; ValueError (in Swedish) otherwise."""
    if not isinstance(content, str) or not content.startswith("data:"):
        raise ValueError("filen kom inte fram som en uppladdad fil")
    header, separator, encoded = content.partition(",")
    if not separator or not header.endswith(";base64"):
        raise ValueError("filen kom inte fram som en uppladdad fil")
    try:
        return base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("filen kom inte fram hel (ogiltig base64-kodning)") from None
