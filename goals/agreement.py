"""Finding, reading and checking agreement files.

An instance carries several agreements: the ones shipped in `goals/agreements/` and any YAML
file dropped into `<data dir>/avtal/` (a new kommun's agreement is a file, not code). Each is
known by its id, which is its file name. `TRYGGHETSMAL_AGREEMENT` (or `--agreement`) names the
default one by id (`trelleborg-2019-2022`), or a path to a YAML file of the same shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from goals.models import Agreement
from indicators.catalogue import Catalogue, load_catalogue
from indicators.config_files import ConfigError, Problem, YamlDocument, read_yaml

AGREEMENTS_DIR = Path(__file__).with_name("agreements")
DATA_DIR_AGREEMENTS = "avtal"  # <data dir>/avtal/*.yaml: the instance's own agreements
AGREEMENT_SUFFIXES = (".yaml", ".yml")


def agreement_path(name_or_path: str) -> Path:
    if _is_path(name_or_path):
        return Path(name_or_path)
    return AGREEMENTS_DIR / f"{name_or_path}.yaml"


def shipped_agreements() -> list[str]:
    return sorted(path.stem for path in AGREEMENTS_DIR.glob("*.yaml"))


def load_agreement(name_or_path: str) -> Agreement:
    """Load and check an agreement, or raise ConfigError naming file, line and field. Read
    again when the file changes, so an edited file in the data dir needs no restart."""
    path = agreement_path(name_or_path)
    if not path.exists():
        known = ", ".join(shipped_agreements())
        problem = f"avtalet finns inte (avtal som följer med: {known})"
        raise ConfigError([Problem(str(path), None, "", problem, name_or_path)])
    stat = path.stat()
    return _load_agreement(path, stat.st_mtime_ns, stat.st_size)


@cache
def _load_agreement(path: Path, _mtime_ns: int, _size: int) -> Agreement:
    document = read_yaml(path, _display_name(path))
    agreement = document.validate(Agreement)
    problems = [
        *_id_matches_file(agreement, path, document),
        *_targets_match_catalogue(agreement, load_catalogue(), document),
        *_wording_is_verbatim(agreement, path, document),
    ]
    if problems:
        raise ConfigError(problems)
    return agreement


def collapse_whitespace(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _id_matches_file(agreement: Agreement, path: Path, doc: YamlDocument) -> list[Problem]:
    if agreement.id == path.stem:
        return []
    return [doc.problem(("id",), f"id ska vara samma som filnamnet ({path.stem})", agreement.id)]


def _targets_match_catalogue(
    agreement: Agreement, catalogue: Catalogue, doc: YamlDocument
) -> list[Problem]:
    known = {indicator.id for indicator in catalogue.indicators}
    problems = []
    for g, goal in enumerate(agreement.goals):
        for t, target in enumerate(goal.targets):
            where = ("goals", g, "targets", t)
            if target.indicator not in known:
                message = "okänd indikator (finns inte i indikatorkatalogen)"
                problems.append(doc.problem((*where, "indicator"), message, target.indicator))
            for key, value in target.breakdown.items():
                dimension = catalogue.dimensions.get(key)
                if dimension is None or value not in dimension.values:
                    message = "okänd uppdelning (se dimensions i indikatorkatalogen)"
                    problems.append(doc.problem((*where, "breakdown", key), message, value))
    return problems


def _wording_is_verbatim(agreement: Agreement, path: Path, doc: YamlDocument) -> list[Problem]:
    if agreement.source_document is None:
        return []
    source = path.parent / agreement.source_document
    if not source.exists():
        return [doc.problem(("source_document",), "avtalstexten finns inte", str(source))]
    text = collapse_whitespace(source.read_text(encoding="utf-8"))
    return [
        doc.problem(
            ("goals", g, "wording"),
            "formuleringen står inte ordagrant i avtalstexten",
            goal.wording,
        )
        for g, goal in enumerate(agreement.goals)
        if collapse_whitespace(goal.wording) not in text
    ]


def _display_name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(AGREEMENTS_DIR.parent.parent))
    except ValueError:
        return str(path)


def agreement_text(name_or_path: str) -> str | None:
    """The agreement's own text, when the file names one (shown on the Om page)."""
    path = agreement_path(name_or_path)
    document = load_agreement(name_or_path).source_document
    return None if document is None else (path.parent / document).read_text(encoding="utf-8")


class UnknownAgreement(LookupError):
    """An agreement id the instance does not have; the message is Swedish and names no file
    (it may be shown to anyone who typed an address)."""

    def __init__(self, agreement_id: str, known: list[str]):
        self.agreement_id = agreement_id
        super().__init__(
            f"avtalet finns inte (”{agreement_id}”). Avtalen här: {', '.join(known) or 'inga'}."
        )


@dataclass(frozen=True)
class Agreements:
    """The agreements of one instance: id → file, and which one is the default."""

    files: dict[str, Path]
    default: str
    duplicates: tuple[Problem, ...] = ()  # files left out because their id was taken

    def check(self) -> None:
        """ConfigError when two files share an id (the command line refuses to run then)."""
        if self.duplicates:
            raise ConfigError(list(self.duplicates))

    @property
    def ids(self) -> list[str]:
        return list(self.files)

    def load(self, agreement_id: str | None = None) -> Agreement:
        """The agreement with that id (the default without one); UnknownAgreement or
        ConfigError otherwise."""
        chosen = self.default if agreement_id is None else agreement_id
        path = self.files.get(chosen)
        if path is None:
            raise UnknownAgreement(chosen, self.ids)
        return load_agreement(str(path))

    def load_all(self) -> list[Agreement]:
        """Every agreement, checked; ConfigError lists the problems of every bad file at once."""
        loaded, problems = [], []
        for path in self.files.values():
            try:
                loaded.append(load_agreement(str(path)))
            except ConfigError as exc:
                problems += exc.problems
        if problems:
            raise ConfigError(problems)
        return loaded


def find_agreements(data_dir: Path, default: str) -> Agreements:
    """The shipped agreements and those in `<data dir>/avtal/`, shipped first, each group by id.
    Of two files with one id the first is kept and the other named in `duplicates` (`check()`
    raises): an id picks one agreement in addresses, commands and the annual follow-up's
    comments, and a file dropped into the data dir must never take over a shipped one."""
    files: dict[str, Path] = {}
    problems: list[Problem] = []
    extra = _yaml_files(data_dir / DATA_DIR_AGREEMENTS)
    named = [agreement_path(default)] if _is_path(default) else []
    # A file named by path as the default comes first: asked for by name, it stands in for a
    # shipped agreement of the same id (a variant under test) without being a duplicate.
    for path in [*named, *_yaml_files(AGREEMENTS_DIR), *extra]:
        agreement_id = path.stem
        earlier = files.get(agreement_id)
        if earlier is not None and earlier not in named and earlier.resolve() != path.resolve():
            problems.append(
                Problem(
                    _display_name(path),
                    None,
                    "id",
                    f"avtalets id finns redan i {_display_name(earlier)}; "
                    "varje avtal behöver ett eget id (filens namn)",
                    agreement_id,
                )
            )
        files.setdefault(agreement_id, path)
    default_id = agreement_path(default).stem if _is_path(default) else default
    return Agreements(files, default_id, tuple(problems))


def _yaml_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix in AGREEMENT_SUFFIXES and p.is_file())


def _is_path(name_or_path: str) -> bool:
    return name_or_path.endswith(AGREEMENT_SUFFIXES) or "/" in name_or_path


def earlier_agreements(agreement: Agreement, others: list[Agreement]) -> list[Agreement]:
    """The agreements of the same kommun that ended before `agreement` began, latest first:
    the years a later agreement shows as its history."""
    first = agreement.period[0]
    return sorted(
        (
            other
            for other in others
            if other.kommun.code == agreement.kommun.code and other.period[1] < first
        ),
        key=lambda other: other.period,
        reverse=True,
    )
