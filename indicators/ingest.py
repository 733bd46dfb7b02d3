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

Privacy: a file is archived only when nothing in it may be personal and every sheet was read.
Record-level extracts, files whose headers or cells look personal (indicators/privacy.py) and
workbooks with a sheet no loader understands keep their sha256, name and counts, never the
original. No error in one file ends an import of several: it becomes that file's refusal. A
storage fault (a full disk, a read-only or missing data dir, a damaged database) is no file's
error: it ends the import with its Swedish sentence (indicators/faults.py), nothing half stored.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
import traceback
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

import audit
from indicators import privacy
from indicators.catalogue import Catalogue, load_catalogue
from indicators.code_list import CodeList, load_code_list
from indicators.crime import series_name
from indicators.faults import storage_fault
from indicators.geography import Geo
from indicators.numbers import format_number
from indicators.observations import drop_repeated, typed, validate
from indicators.problems import FileRefused, ImportProblem, refuse
from indicators.reading import ACCEPTED_SUFFIXES, Limits, RawTable, read_file
from indicators.sources import Context, Header, LinkNames, Loaded, Loader, all_loaders
from indicators.sources.bra_sol import INDICATOR as CRIME_SERIES
from indicators.store import Change, NewImport, Store, timestamp
from indicators.times import moment_text
from settings import Settings

MAX_PROBLEMS_SHOWN = 50
ARCHIVE_BLOCK = 1 << 16
CHANGED_WHILE_READ = "filen ändrades medan den lästes in; läs in den igen när den är klar"
UNEXPECTED = (
    "ett oväntat fel stoppade inläsningen av filen, så inget av den sparades; de andra filerna "
    "påverkas inte. Kontrollera att filen är en export av rätt slag och rapportera gärna felet "
    "med filens namn och tidpunkten"
)
STORAGE_FAILED = (
    "filen kunde inte sparas: databasen eller datamappen gick inte att skriva till (disken kan "
    "vara full eller skrivskyddad); inget av filen sparades"
)
# Our own store: what changed in it is written to the log as a type and place, never a message
# (an exception's text may hold a cell of the file).
log = logging.getLogger("trygghetsmal.import")


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
    new_periods: list[str] = field(default_factory=list)  # 'Anmälda brott 2022-07–2022-12'
    # The targets whose status for some year the import changed (goals/changes.py's entries)
    status_changes: list[dict[str, Any]] = field(default_factory=list)
    default_agreement: str | None = None  # named without brackets in the status lines
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
        details += [f"  nya perioder: {p}" for p in self.new_periods]
        if self.status_changes:
            from goals.changes import change_line  # the status labels are goals' words

            details += [f"  {change_line(c, self.default_agreement)}" for c in self.status_changes]
        shown = self.problems[:MAX_PROBLEMS_SHOWN]
        details += [f"  {p}" for p in shown]
        if len(self.problems) > len(shown):
            details.append(f"  … och {len(self.problems) - len(shown)} problem till")
        return [head, *details]


# Judges every year of the targets an import of these indicators can touch, in every agreement of
# the instance: (agreement, target, year) → status id (goals/changes.py).
StatusJudge = Callable[[Store, Collection[str]], dict[tuple[str, str, int], str]]


@dataclass(frozen=True)
class IngestContext:
    store: Store | None  # None: check only, nothing stored
    archive_dir: Path
    limits: Limits
    user: str | None = None
    kommun: Geo | None = None  # the agreement's: our own templates need not name it
    judge: StatusJudge | None = None  # None: status changes are not looked for
    default_agreement: str | None = None
    links: LinkNames | None = None  # what the measures template may link to; None: unknown

    @classmethod
    def from_settings(cls, settings: Settings, *, store: bool, user: str | None) -> IngestContext:
        limits = Limits(
            int(settings.max_upload_mb * 1_000_000),
            int(settings.max_unpacked_mb * 1_000_000),
            settings.max_cells,
            settings.max_observations,
        )
        if store:
            settings.ensure_data_dir()
        return cls(
            Store(settings.database) if store else None,
            settings.archive_dir,
            limits,
            user,
            agreement_kommun(settings),
            *(status_judge(settings) if store else (None, None)),
            links=link_names(settings),
        )


def status_judge(settings: Settings) -> tuple[StatusJudge | None, str | None]:
    """What judges the statuses of every agreement in the instance, and the default agreement's
    id; no judge when an agreement cannot be read (the commands that need them say so)."""
    from goals.agreement import find_agreements  # goals/ builds on indicators/, not the reverse
    from goals.changes import judge_statuses

    try:
        found = find_agreements(settings.data_dir, settings.agreement)
        agreements = found.load_all()
    except Exception:
        return None, None
    catalogue = load_catalogue()

    def judge(store: Store, indicators: Collection[str]) -> dict[tuple[str, str, int], str]:
        return judge_statuses(store, agreements, catalogue, indicators)

    return judge, found.default


def agreement_kommun(settings: Settings) -> Geo | None:
    """The kommun of the default agreement (`--agreement`); None when the agreement cannot be
    read (the commands that need it say so themselves)."""
    from goals.agreement import find_agreements  # goals/ builds on indicators/, not the reverse

    try:
        loaded = find_agreements(settings.data_dir, settings.agreement).load()
    except Exception:
        return None
    return Geo("kommun", loaded.kommun.code, loaded.kommun.name)


def link_names(settings: Settings) -> LinkNames | None:
    """The lägesbild's problems and every agreement's targets, as the measures template may
    name them; None when the agreements cannot be read (a file that links is then refused)."""
    from goals.agreement import find_agreements  # goals/ builds on indicators/, not the reverse
    from kommunlagesbild.atgardsplan import link_names as names

    try:
        agreements = find_agreements(settings.data_dir, settings.agreement).load_all()
    except Exception:
        return None
    return names(load_catalogue(), agreements)


def ingest_file(
    path: Path, context: IngestContext, original_name: str | None = None
) -> IngestResult:
    """Import one file; whatever happens, the answer is an import or a Swedish refusal."""
    name = original_name or path.name
    try:
        return _ingest(path, name, context)
    except FileRefused as refused:
        return IngestResult(name, "avvisad", problems=refused.problems)
    except StorageFailed as failed:
        # Not this file's fault, and the next file would meet it too; a file that went away
        # while it was archived was taken by someone else, not lost by the data dir.
        if storage_fault(failed) is not None and path.exists():
            raise
        _log_unexpected(name, failed.__cause__ or failed)
        return IngestResult(name, "avvisad", problems=[ImportProblem(STORAGE_FAILED)])
    except FileNotFoundError:
        if path.exists():
            return _unexpected(name)
        raise  # taken by another process reading the same inbox: it reports the file
    except DBAPIError as error:
        if storage_fault(error) is not None:
            raise  # a damaged or unreadable database, wherever the import first touched it
        return _unexpected(name, error)
    except Exception as error:
        return _unexpected(name, error)


class StorageFailed(Exception):
    """Writing the store or the archive failed (disk full, read-only, a file in the way).

    A fault of the machine (indicators/faults.py: a full disk, a read-only or missing data dir,
    a damaged database) is not the file's: it leaves ingest_file, so the command line says it
    in one Swedish line with exit code 3 and a page where the user acted; anything else that
    fails while storing is this file's refusal (STORAGE_FAILED)."""


def _unexpected(name: str, error: BaseException | None = None) -> IngestResult:
    if error is not None:
        _log_unexpected(name, error)
    return IngestResult(name, "avvisad", problems=[ImportProblem(UNEXPECTED)])


def _log_unexpected(name: str, error: BaseException) -> None:
    where = "; ".join(
        f"{Path(frame.filename).name}:{frame.lineno} {frame.name}"
        for frame in traceback.extract_tb(error.__traceback__)[-6:]
    )
    log.error("import av %s avbröts: %s i %s", name, type(error).__name__, where)


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
    kind, loaded, skipped = _load(read.tables, Context(name, context.kommun, context.links))
    _check_count(loaded.observations, context.limits)
    catalogue = load_catalogue()
    problems = loaded.problems + validate(loaded.observations, [i.id for i in catalogue.indicators])
    if problems:
        raise FileRefused(problems)
    observations = drop_repeated(loaded.observations)
    if kind.checks_stored_text:
        _refuse_personal_text(observations)
    if observations.empty and not loaded.measures and not kind.empty_ok:
        raise refuse("filen innehåller inga värden (bara saknade värden eller tomma rader)")
    archived = not loaded.record_level and not skipped
    warnings = read.warnings + loaded.warnings + _archive_warnings(loaded, skipped)
    warnings += _other_kommuner(observations, context.kommun)
    if observations.empty and kind.empty_ok:
        warnings.append("listan har inga rader ännu (bara rubrikraden); inget att räkna")
    result = IngestResult(
        name,
        "godkänd",
        kind.layout,
        kind.label,
        observations=len(observations),
        periods=_span(observations),
        indicators=_indicator_labels(observations, catalogue),
        warnings=warnings,
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
        kind.source,
        kind.layout,
        kind.origin,
        archived,
        dict(loaded.details),
    )
    touched = set(observations["indicator"]) if not observations.empty else set()
    before = _judged(context, touched)
    try:
        import_id, changes = _store(context.store, path, new, observations, loaded, context)
    except (OperationalError, OSError) as error:
        raise StorageFailed from error
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
    recorded = context.store.import_changes().get(import_id)
    if recorded is not None:
        result.new_periods = describe_new_periods(recorded.new_periods, catalogue)
    after = _judged(context, touched) if before is not None else None
    if before is not None and after is not None:
        from goals.changes import status_changes

        result.status_changes = status_changes(before, after)
        result.default_agreement = context.default_agreement
        context.store.set_statuses(import_id, result.status_changes)
    return result


def _judged(context: IngestContext, touched: set[str]) -> dict[tuple[str, str, int], str] | None:
    """The statuses of the targets an import touches; None when they could not be judged. A
    verdict that fails must not undo or refuse an import already stored: it is logged, and the
    import records no status changes."""
    if context.judge is None or context.store is None or not touched:
        return None
    try:
        return context.judge(context.store, touched)
    except Exception as error:
        _log_unexpected("bedömningen efter importen", error)
        return None


def describe_new_periods(periods: list[dict[str, str]], catalogue: Catalogue) -> list[str]:
    """One line per indicator: 'Anmälda brott 2022-07–2022-12 (6 perioder)'."""
    grouped: dict[str, list[str]] = {}
    for entry in periods:
        grouped.setdefault(entry["indicator"], []).append(entry["period"])
    known = {indicator.id for indicator in catalogue.indicators}
    lines = []
    for indicator, given in grouped.items():
        label = catalogue.indicator(indicator).label if indicator in known else indicator
        given = sorted(given)
        span = given[0] if len(given) == 1 else f"{given[0]}–{given[-1]} ({len(given)} perioder)"
        lines.append(f"{label} {span}")
    return lines


@dataclass(frozen=True)
class Kind:
    """What the file was read as: one loader's layout, or several for a workbook whose sheets
    are of different kinds (each sheet read by its own loader)."""

    layout: str
    label: str
    source: str
    origin: str
    empty_ok: bool
    checks_stored_text: bool


# Our own measures list stores its texts by design; everything else stores only names that
# describe a place or a category, which must never hold a person's data.
_OWN_TEXTS = {"atgarder"}


def _load(tables: list[RawTable], context: Context) -> tuple[Kind, Loaded, list[str]]:
    matched: list[tuple[Loader, RawTable, Header]] = []
    loaders = all_loaders()
    for table in tables:
        for loader in loaders:
            header = loader.detect(table)
            if header is not None:
                matched.append((loader, table, header))
                break
    if not matched:
        accepted = "; ".join(loader.label for loader in loaders)
        raise refuse(f"filen känns inte igen som någon av de exporter som kan läsas in: {accepted}")
    parts = [
        (loader, _load_one(loader, table, header, context)) for loader, table, header in matched
    ]
    observations = pd.concat([part.observations for _, part in parts], ignore_index=True)
    for finish in dict.fromkeys(loader.finish for loader, _ in parts if loader.finish):
        observations = finish(observations)
    read_sheets = {table.sheet for _, table, _ in matched}
    skipped = [t.sheet for t in tables if t.sheet and t.sheet not in read_sheets]
    warnings = [w for _, part in parts for w in part.warnings]
    warnings += [f"bladet {sheet} känns inte igen och lästes inte" for sheet in skipped]
    loaded = Loaded(
        observations=typed(observations),
        problems=[problem for _, part in parts for problem in part.problems],
        warnings=list(dict.fromkeys(warnings)),  # one per kind, not one per sheet
        record_level=any(part.record_level for _, part in parts),
        private=list(dict.fromkeys(reason for _, part in parts for reason in part.private)),
        details={k: v for _, part in parts for k, v in part.details.items()},
        measures=[measure for _, part in parts for measure in part.measures],
        free_texts=[text for _, part in parts for text in part.free_texts],
    )
    return _kind([loader for loader, _ in parts]), loaded, skipped


def _load_one(loader: Loader, table: RawTable, header: Header, context: Context) -> Loaded:
    """One sheet by its own loader, then the header words and cells that are personal: such a
    file is kept as its aggregates only (the police extract judges its own columns)."""
    loaded = loader.load(table, header, context)
    if loader.layout != "polisuttag":
        found = _personal_columns(table, header)
        if found:
            loaded.record_level = True
            loaded.private = [*loaded.private, *found]
    return loaded


def _personal_columns(table: RawTable, header: Header) -> list[str]:
    found = []
    cells = table.cells
    for column in cells.columns:
        label = header.labels.get(column, "")
        values = cells[column].dropna().unique()
        kind = privacy.header_kind(label) if label else None
        kind = kind or privacy.values_kind(values)
        if kind:
            where = (
                f"kolumn {label}" if label else f"blad {table.sheet}" if table.sheet else "filen"
            )
            found.append(f"{privacy.describe(kind)} ({where})")
    return found


def _kind(loaders: list[Loader]) -> Kind:
    distinct = list({loader.layout: loader for loader in reversed(loaders)}.values())[::-1]
    first = distinct[0]
    if len(distinct) == 1:
        layout, label, source, origin = first.layout, first.label, first.source, first.origin
    else:
        layout = "+".join(loader.layout for loader in distinct)
        label = "arbetsbok med blad av olika slag: " + "; ".join(
            loader.label for loader in distinct
        )
        source = "+".join(dict.fromkeys(loader.source for loader in distinct))
        origins = {loader.origin for loader in distinct}
        origin = origins.pop() if len(origins) == 1 else "blandad"
    return Kind(
        layout,
        label,
        source,
        origin,
        all(loader.empty_ok for loader in distinct),
        not any(loader.layout in _OWN_TEXTS for loader in distinct),
    )


def _check_count(observations: pd.DataFrame, limits: Limits) -> None:
    if len(observations) > limits.max_observations:
        raise refuse(
            f"filen ger {format_number(len(observations))} värden, fler än gränsen "
            f"{format_number(limits.max_observations)} per fil (inställningen "
            "TRYGGHETSMAL_MAX_OBSERVATIONS); dela upp filen"
        )


def _refuse_personal_text(observations: pd.DataFrame) -> None:
    """The last guard: no name that would be stored (a geography, a breakdown value) may look
    like an address, a time, a case id or a person. The cell is described, never quoted."""
    problems = []
    for column, what in (("geo_name", "geografin"), ("breakdown", "uppdelningen")):
        for text in observations[column].dropna().unique():
            values = json.loads(text).values() if column == "breakdown" else [text]
            kind = privacy.values_kind(values)
            if kind:
                rows = observations.loc[observations[column] == text, "row"].dropna()
                problems.append(
                    ImportProblem(
                        f"{what} innehåller {privacy.describe(kind)}, som inte får sparas",
                        row=int(rows.iloc[0]) if len(rows) else None,
                        expected="namn på områden och kategorier, inga personuppgifter",
                    )
                )
    if problems:
        raise FileRefused(problems[:MAX_PROBLEMS_SHOWN])


def _archive_warnings(loaded: Loaded, skipped: list[str]) -> list[str]:
    if loaded.private:
        return [
            "originalet sparas inte, eftersom filen innehåller uppgifter som inte får sparas: "
            + ", ".join(loaded.private[:6])
            + (" …" if len(loaded.private) > 6 else "")
            + "; bara summorna sparas"
        ]
    if loaded.record_level:
        return ["filen har en rad per brott: bara summorna sparas, inte originalet"]
    if skipped:
        return [
            "originalet sparas inte, eftersom arbetsboken har blad som inte lästes (de kan "
            "innehålla uppgifter som inte får sparas); de lästa bladens värden sparas"
        ]
    return []


def _other_kommuner(observations: pd.DataFrame, kommun: Geo | None) -> list[str]:
    """A file about other kommuner than the agreement's is imported (an LPO follows several),
    but the analyst is told, by name."""
    if kommun is None or observations.empty:
        return []
    local = observations[observations["geo_level"].isin(["kommun", "omrade"])]
    if local.empty:
        return []
    codes = local["geo_code"].dropna().str.split(":").str[0]
    if (codes == kommun.code).any():
        return []
    names = local.loc[local["geo_level"] == "kommun", "geo_name"].dropna().unique().tolist()
    names = names or sorted({code for code in codes.unique()})
    shown = ", ".join(sorted(names)[:8]) + (" …" if len(names) > 8 else "")
    return [f"filen har bara värden för andra kommuner än {kommun.name}: {shown}"]


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

    entry = audit.Entry(new.imported_at, context.user or "", "import", f"importerad: {new.file}")
    return store.add_import(
        new, observations, archive, loaded.measures, loaded.free_texts, entry=entry
    )


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
    """Every import attempt, refused ones too, under the user the context imports for; an
    imported file's entry was written with the import itself (Store.add_import)."""
    if context.store is None:  # a check stores nothing, so there is nothing to record
        return
    for result in results:
        if result.import_id is not None:
            continue
        audit.record(
            context.store.engine,
            timestamp(),
            context.user or "",
            "import",
            f"{result.outcome}: {result.file}",
        )
