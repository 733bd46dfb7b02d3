"""One import: read → detect → load → validate → store atomically → archive. Upload, inbox and the
command line all go through `ingest_file`.

Crash safety: the original is archived inside the store's transaction, written under a temporary
name, flushed to disk and renamed into place before the commit. A process killed at any point
therefore leaves either no import row (and at most a leftover archive file, identical to the
original because it is named by its content, which a re-import simply writes again) or an import
row whose archive is complete. Archive files are never deleted, so a committed row cannot lose
its file to another process's cleanup.

Concurrency: the store serialises writers (SQLite: one writer at a time, the others wait up to
busy_timeout). The same file imported twice at once ends as one `importerad` and one
`oförändrad`: the unique sha256 makes the second insert fail once the first has committed.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy.exc import IntegrityError

import audit
from indicators.catalogue import Catalogue, load_catalogue
from indicators.code_list import CodeList, load_code_list
from indicators.crime import series_name
from indicators.numbers import format_number
from indicators.observations import validate
from indicators.problems import FileRefused, ImportProblem, refuse
from indicators.reading import ACCEPTED_SUFFIXES, Limits, RawTable, read_file
from indicators.sources import Header, Loaded, Loader, all_loaders
from indicators.sources.bra_sol import INDICATOR as CRIME_SERIES
from indicators.store import Change, NewImport, Store, timestamp
from indicators.times import moment_text
from settings import Settings

MAX_PROBLEMS_SHOWN = 50
ARCHIVE_BLOCK = 1 << 16
CHANGED_WHILE_READ = "filen ändrades medan den lästes in; läs in den igen när den är klar"


@dataclass
class IngestResult:
    file: str
    outcome: str  # importerad, oförändrad, avvisad or (for check) godkänd
    layout: str | None = None
    layout_label: str | None = None
    import_id: int | None = None
    observations: int = 0
    periods: tuple[str, str] | None = None
    indicators: list[str] = field(default_factory=list)  # labels of the indicators imported
    changes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return self.outcome == "avvisad"

    def lines(self) -> list[str]:
        """What the command line prints: one line starting with the outcome, then details."""
        head = f"{self.outcome} {self.file}"
        if self.layout_label and not self.refused:
            span = f", {self.periods[0]}–{self.periods[1]}" if self.periods else ""
            head += f": {self.layout_label}; {self.observations} värden{span}"
        details = [f"  indikatorer: {', '.join(self.indicators)}"] if self.indicators else []
        details += [f"  varning: {w}" for w in self.warnings]
        details += [f"  ändrat: {c}" for c in self.changes]
        shown = self.problems[:MAX_PROBLEMS_SHOWN]
        details += [f"  {p}" for p in shown]
        if len(self.problems) > len(shown):
            details.append(f"  … och {len(self.problems) - len(shown)} problem till")
        return [head, *details]


@dataclass(frozen=True)
class IngestContext:
    store: Store | None  # None: check only, nothing stored
    archive_dir: Path
    limits: Limits
    user: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings, *, store: bool, user: str | None) -> IngestContext:
        limits = Limits(
            int(settings.max_upload_mb * 1_000_000), int(settings.max_unpacked_mb * 1_000_000)
        )
        if store:
            settings.ensure_data_dir()
        return cls(Store(settings.database) if store else None, settings.archive_dir, limits, user)


def ingest_file(
    path: Path, context: IngestContext, original_name: str | None = None
) -> IngestResult:
    name = original_name or path.name
    try:
        return _ingest(path, name, context)
    except FileRefused as refused:
        return IngestResult(name, "avvisad", problems=refused.problems)


def _ingest(path: Path, name: str, context: IngestContext) -> IngestResult:
    if Path(name).suffix.lower() not in ACCEPTED_SUFFIXES:
        raise refuse(
            f"filtypen {Path(name).suffix or '(ingen)'} godtas inte; godkända är "
            + ", ".join(ACCEPTED_SUFFIXES)
        )
    hashed = path.stat()
    sha256 = _sha256(path)
    if context.store is not None and (earlier := context.store.find_import(sha256)):
        return _unchanged(name, earlier)
    read = read_file(path, context.limits)
    loader, loaded = _load(read.tables)
    catalogue = load_catalogue()
    problems = loaded.problems + validate(loaded.observations, [i.id for i in catalogue.indicators])
    if problems:
        raise FileRefused(problems)
    observations = loaded.observations
    if observations.empty and not loaded.measures:
        raise refuse("filen innehåller inga värden (bara saknade värden eller tomma rader)")
    result = IngestResult(
        name,
        "godkänd",
        loader.layout,
        loader.label,
        observations=len(observations),
        periods=_span(observations),
        indicators=_indicator_labels(observations, catalogue),
        warnings=read.warnings + loaded.warnings,
    )
    if context.store is None:
        return result
    _test_pause("before_store")
    if _changed(hashed, path.stat()):  # e.g. still being copied into the inbox
        raise refuse(CHANGED_WHILE_READ)
    new = NewImport(
        sha256,
        name,
        hashed.st_size,
        timestamp(),
        context.user,
        loader.source,
        loader.layout,
        loader.origin,
        not loaded.record_level,
        dict(loaded.details),
    )
    try:
        import_id, changes = _store(context.store, path, new, observations, loaded, context)
    except IntegrityError:
        # Another process imported the same file between our check above and our insert: the
        # store made us wait for its commit and then refused the second row with this sha256.
        if (earlier := context.store.find_import(sha256)) is None:
            raise
        return _unchanged(name, earlier)
    _test_pause("after_commit")
    result.outcome, result.import_id = "importerad", import_id
    codes = load_code_list(catalogue)
    result.changes = [describe_change(c, codes, catalogue) for c in changes]
    return result


def _load(tables: list[RawTable]) -> tuple[Loader, Loaded]:
    matched: list[tuple[Loader, RawTable, Header]] = []
    for table in tables:
        for loader in all_loaders():
            header = loader.detect(table)
            if header is not None:
                matched.append((loader, table, header))
                break
    if not matched:
        accepted = "; ".join(loader.label for loader in all_loaders())
        raise refuse(f"filen känns inte igen som någon av de exporter som kan läsas in: {accepted}")
    loader = matched[0][0]
    parts = [loader.load(table, header) for _, table, header in matched]
    skipped = [t.sheet for t in tables if t.sheet and t.sheet not in {m[1].sheet for m in matched}]
    warnings = [w for part in parts for w in part.warnings]
    warnings += [f"bladet {sheet} känns inte igen och lästes inte" for sheet in skipped]
    return loader, Loaded(
        observations=pd.concat([p.observations for p in parts], ignore_index=True),
        problems=[problem for part in parts for problem in part.problems],
        warnings=list(dict.fromkeys(warnings)),  # one per kind, not one per sheet
        record_level=any(part.record_level for part in parts),
        details={k: v for part in parts for k, v in part.details.items()},
        measures=[measure for part in parts for measure in part.measures],
        free_texts=[text for part in parts for text in part.free_texts],
    )


def _store(
    store: Store,
    path: Path,
    new: NewImport,
    observations: pd.DataFrame,
    loaded: Loaded,
    context: IngestContext,
) -> tuple[int, list[Change]]:
    def archive(_import_id: int) -> None:
        # Inside the transaction, after the import row is inserted: if archiving fails nothing
        # is stored, and no other import of this sha256 can be archiving at the same time (its
        # insert waits for ours). A file left here by a commit that then failed, or by a killed
        # process, is harmless: it holds exactly the bytes its name says.
        if new.archived:
            _archive(path, context.archive_dir, new.sha256)
        _test_pause("before_commit")

    return store.add_import(new, observations, archive, loaded.measures, loaded.free_texts)


def _archive(path: Path, archive_dir: Path, sha256: str) -> None:
    """Copy the original to archive_dir/<sha256> so that the final name never holds a partial
    file: write a temporary file beside it, flush it to disk, check it is the file that was
    hashed, then rename it into place and flush the directory entry too."""
    archive_dir.mkdir(parents=True, exist_ok=True)
    for stale in archive_dir.glob(f".{sha256}.*.tmp"):  # left by a process killed mid-copy
        stale.unlink(missing_ok=True)
    partial = archive_dir / f".{sha256}.{os.getpid()}.tmp"
    digest = hashlib.sha256()
    try:
        with path.open("rb") as source, partial.open("wb") as target:
            for number, block in enumerate(iter(lambda: source.read(ARCHIVE_BLOCK), b"")):
                digest.update(block)
                target.write(block)
                if number == 0:
                    target.flush()
                    _test_pause("archiving")
            target.flush()
            os.fsync(target.fileno())
        if digest.hexdigest() != sha256:
            raise refuse(CHANGED_WHILE_READ)
        os.replace(partial, archive_dir / sha256)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    _fsync_directory(archive_dir)


def _fsync_directory(directory: Path) -> None:
    # Makes the rename durable before the store commits (a power cut, not only a killed
    # process); directories cannot be opened for this on Windows.
    if os.name != "posix":
        return
    handle = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _test_pause(stage: str) -> None:
    """Test seam for tests/imports/test_crash_safety.py, inert unless TRYGGHETSMAL_TEST_PAUSE
    names this stage: the import then creates the file TRYGGHETSMAL_TEST_PAUSE_FILE and waits
    until the test removes it (or kills the process), so a kill lands at a known point."""
    if os.environ.get("TRYGGHETSMAL_TEST_PAUSE") != stage:
        return
    flag = Path(os.environ["TRYGGHETSMAL_TEST_PAUSE_FILE"])
    flag.write_text(stage)
    while flag.exists():
        time.sleep(0.005)


def describe_change(change: Change, codes: CodeList, catalogue: Catalogue) -> str:
    """'bostadsinbrott (0857) Trelleborgs kommun 2022-05: 4 → 5, preliminär → slutlig'."""
    key = change.key
    breakdown = json.loads(key["breakdown"])
    if key["indicator"] == CRIME_SERIES:
        series = series_name(breakdown, codes, catalogue)
    else:
        parts = ", ".join(breakdown.values())
        label = catalogue.indicator(key["indicator"]).label
        series = f"{label} ({parts})" if parts else label
    text = (
        f"{series} {key['geo_name']} {key['period']}: {_number(change.old_value)} → "
        f"{_number(change.new_value)}"
    )
    if change.old_status != change.new_status:
        text += f", {change.old_status or 'utan status'} → {change.new_status or 'utan status'}"
    if change.kept_old:
        text += " (det slutliga värdet behålls; ett preliminärt ersätter aldrig ett slutligt)"
    return text


def _unchanged(name: str, earlier: dict) -> IngestResult:
    return IngestResult(
        name,
        "oförändrad",
        layout=earlier["layout"],
        warnings=[
            f"samma fil lästes in {moment_text(earlier['imported_at'])} ({earlier['file']}); inget ändrades"
        ],
    )


def _number(value: float) -> str:
    return format_number(value, 0 if float(value).is_integer() else 1)


def _span(observations: pd.DataFrame) -> tuple[str, str] | None:
    if observations.empty:
        return None
    return str(observations["period"].min()), str(observations["period"].max())


def _indicator_labels(observations: pd.DataFrame, catalogue: Catalogue) -> list[str]:
    return [catalogue.indicator(i).label for i in sorted(set(observations["indicator"]))]


def _changed(before: os.stat_result, after: os.stat_result) -> bool:
    return (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def record_in_audit_log(context: IngestContext, results: list[IngestResult]) -> None:
    """Every import attempt, refused ones too, under the user the context imports for."""
    if context.store is None:  # a check stores nothing, so there is nothing to record
        return
    for result in results:
        audit.record(
            context.store.engine,
            timestamp(),
            context.user or "",
            "import",
            f"{result.outcome}: {result.file}",
        )
