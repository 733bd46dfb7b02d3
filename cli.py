"""The `trygghetsmal` command: thin over goals/ and indicators/.

Each command imports what it needs when it runs: statsmodels, scipy, pandas, WeasyPrint and
matplotlib take seconds to import, and `--help`, `goals` or a script's `ingest` should not wait
for the ones they never use (tests/cli/test_startup.py keeps it so).

Exit codes (design.md): 0 success; 1 a file was refused; 2 a usage error, an unknown id or a
year outside the period — and an agreement file that cannot be read; 3 a storage fault (a full
disk, a read-only database or data dir, a data dir that is missing), said in one Swedish line.
"""

from __future__ import annotations

import atexit
import gc
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

if TYPE_CHECKING:
    from goals.models import Agreement
    from indicators.catalogue import Catalogue
    from indicators.ingest import IngestResult
    from indicators.store import ImportChanges, Store
    from settings import Settings

# settings.ENV_PREFIX, repeated so that `--help` prints without importing pydantic_settings
# (0.1–0.2 s); tests/cli/test_startup.py checks that the two agree.
ENV_PREFIX = "TRYGGHETSMAL_"


def get_settings() -> Settings:
    """settings.get_settings, imported when a command first reads the settings."""
    from settings import get_settings as settings_of_the_environment

    return settings_of_the_environment()


EXAMPLES_DIR = Path(__file__).resolve().parent / "data" / "examples"
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_STORAGE = 3


class _PlainHelp(TyperGroup):
    """Click's plain help (no rich), listing whole command summaries."""

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Each command with its docstring's whole first paragraph, wrapped, as the rich help
        showed it: click's short help stops at the first full stop ("t.ex.") or 45 characters."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            summary = command.short_help or (command.help or "").split("\n\n")[0]
            rows.append((name, " ".join(summary.split())))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


class _Commands(_PlainHelp):
    """Every command: a storage fault ends it with one Swedish line and exit code 3."""

    def invoke(self, ctx: Any) -> Any:  # typer's own (vendored) click Context
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort):
            raise  # a command's own ending, already said
        except Exception as exc:
            from indicators.faults import storage_fault  # SQLAlchemy: only once something failed

            problem = storage_fault(exc)
            if problem is None:
                raise
            typer.echo(problem, err=True)
            raise typer.Exit(EXIT_STORAGE) from None


cli = typer.Typer(
    cls=_Commands,
    name="trygghetsmal",
    help="Trygghetsmål: uppföljning av samverkansöverenskommelsen mellan kommun och polis.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain click help: typer's rich formatting imports rich.markdown and markdown_it, a
    # quarter of a second before `--help` prints a line.
    rich_markup_mode=None,
)
user_cli = typer.Typer(
    cls=_PlainHelp,
    help="Användare för inloggning med auth = basic.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
cli.add_typer(user_cli, name="user")


@cli.callback()
def _global_options(
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            help=f"Datamapp (annars {ENV_PREFIX}DATA_DIR, annars ./data).",
            show_default=False,
        ),
    ] = None,
    agreement: Annotated[
        str | None,
        typer.Option(
            "--agreement",
            help=f"Avtalets id (se `agreements`; annars {ENV_PREFIX}AGREEMENT, annars "
            "trelleborg-2019-2022).",
            show_default=False,
        ),
    ] = None,
) -> None:
    # Every later reader of the settings (the app included) sees the same data dir and agreement.
    if data_dir is not None:
        os.environ[f"{ENV_PREFIX}DATA_DIR"] = str(data_dir)
    if agreement is not None:
        os.environ[f"{ENV_PREFIX}AGREEMENT"] = agreement
    try:
        from settings import restrict_new_files

        restrict_new_files(get_settings())
    except ValueError as exc:  # a data group that does not exist
        typer.echo(str(exc), err=True)
        raise typer.Exit(EXIT_USAGE) from None


@cli.command()
def goals(as_json: Annotated[bool, typer.Option("--json", help="Skriv ut som JSON.")] = False):
    """Avtalets mål och delmål."""
    from goals.describe import describe_target
    from goals.listing import goals_document

    agreement, catalogue = _load()
    if as_json:
        _print_json(goals_document(agreement, catalogue))
        return
    typer.echo(f"{agreement.title} ({agreement.period[0]}–{agreement.period[1]})")
    for goal in agreement.goals:
        typer.echo(f"\n{goal.id}  {goal.title} [{goal.kind}]\n  ”{goal.wording}”")
        for target in goal.targets:
            typer.echo(f"  - {target.id}: {describe_target(target, agreement, catalogue)}")


@cli.command()
def ingest(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Filer att läsa in.", show_default=False)
    ] = None,
    inbox: Annotated[
        bool, typer.Option("--inbox", help="Läs in allt i datamappens inbox/.")
    ] = False,
):
    """Läs in exporter: en rad per fil (importerad, oförändrad eller avvisad), sedan detaljer."""
    from auth import LOCAL_USER
    from indicators.inbox import ingest_inbox
    from indicators.ingest import IngestContext, ingest_file, record_in_audit_log

    if inbox == bool(files):
        typer.echo("Ange filer eller --inbox (men inte båda).", err=True)
        raise typer.Exit(EXIT_USAGE)
    settings = get_settings()
    context = IngestContext.from_settings(settings, store=True, user=LOCAL_USER)
    if inbox:
        results = ingest_inbox(settings.inbox_dir, context)
        if not results:
            typer.echo(f"Inkorgen är tom ({settings.inbox_dir}).")
    else:
        results = [ingest_file(path, context) for path in _existing(files)]
    record_in_audit_log(context, results)
    _report(results)


@cli.command()
def check(files: Annotated[list[Path], typer.Argument(help="Filer att kontrollera.")]):
    """Kontrollera exporter som vid import, utan att spara något."""
    from indicators.ingest import IngestContext, ingest_file

    context = IngestContext.from_settings(get_settings(), store=False, user=None)
    _report([ingest_file(path, context) for path in _existing(files)])


@cli.command()
def demo():
    """Läs in exempelexporterna i data/examples/ (fiktiva värden, utom publicerade fakta)."""
    from indicators.ingest import IngestContext, ingest_file, record_in_audit_log

    files = (
        sorted(p for p in EXAMPLES_DIR.iterdir() if p.is_file()) if EXAMPLES_DIR.is_dir() else []
    )
    if not files:
        typer.echo(
            f"Inga exempelfiler i {EXAMPLES_DIR}; skapa dem med scripts/make_examples.py.", err=True
        )
        raise typer.Exit(EXIT_USAGE)
    context = IngestContext.from_settings(get_settings(), store=True, user="demo")
    results = [ingest_file(path, context) for path in files]
    record_in_audit_log(context, results)
    _report(results)


@cli.command("imports")
def list_imports(
    as_json: Annotated[bool, typer.Option("--json", help="Skriv ut som JSON.")] = False,
):
    """Inlästa filer med ursprung."""
    from indicators.export import layout_names
    from indicators.times import moment_text

    store = _open_store()
    changes = store.import_changes()
    rows = [_import_json(row, changes.get(row["id"])) for row in store.imports()]
    if as_json:
        _print_json(rows)
        return
    if not rows:
        typer.echo("Inga filer har lästs in.")
    for row in rows:
        typer.echo(
            f"{row['id']:>4}  {moment_text(row['imported_at'], compact=True)}  {row['file']}  "
            f"({layout_names().get(row['layout'], row['layout'])}, "
            f"{row['observations']} värden, sha256 {row['sha256'][:12]}…)"
        )


@cli.command()
def observations(
    target: Annotated[str, typer.Option("--target", help="Delmålets id, t.ex. bostadsinbrott.")],
    as_json: Annotated[bool, typer.Option("--json", help="Skriv ut som JSON.")] = False,
):
    """Observationerna bakom ett delmål, med ursprung (fil, blad, rad)."""
    from goals.evidence import target_observations
    from indicators.export import observation_json

    agreement, catalogue = _load()
    found = next((t for t in agreement.targets if t.id == target), None)
    if found is None:
        known = ", ".join(t.id for t in agreement.targets)
        typer.echo(f"Okänt delmål {target!r}. Delmålen är: {known}", err=True)
        raise typer.Exit(EXIT_USAGE)
    rows = [observation_json(row) for row in target_observations(_open_store(), found, catalogue)]
    if as_json:
        _print_json(rows)
        return
    if not rows:
        typer.echo(f"Inga observationer för {target} ännu.")
    for row in rows:
        places = (row["file"], row["sheet"], row["row"] and f"rad {row['row']}")
        where = ", ".join(str(p) for p in places if p)
        typer.echo(
            f"{row['period']:>10}  {row['value']:>8g} {row['measure']:<9} {row['status'] or '':<10}  "
            f"{json.dumps(row['breakdown'], ensure_ascii=False)}  {where}"
        )


@cli.command()
def status(
    year: Annotated[
        int | None,
        typer.Option(
            "--year", help="År i perioden; annars det senaste året med data.", show_default=False
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Skriv ut som JSON.")] = False,
):
    """Bedömningen per mål och delmål för ett år, med osäkerhet och motivering."""
    _as_a_short_process()
    from goals.evaluate import YearOutsidePeriod, evaluate
    from goals.evidence import Evidence, collect_evidence
    from goals.words import period_text
    from indicators.store import Store

    agreement, catalogue = _load()
    store = Store.open_existing(get_settings().database)
    if store is None:
        evidence = Evidence()
    else:
        try:
            evidence = collect_evidence(store, agreement, catalogue)
        finally:
            store.engine.dispose()  # its connections closed now, not by a collection at exit
    try:
        report = evaluate(agreement, catalogue, evidence, year)
    except YearOutsidePeriod as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(EXIT_USAGE) from None
    if as_json:
        _print_json({"agreement": agreement.id, **report.to_json()})
        return
    typer.echo(f"{agreement.title}: bedömning {report.year}")
    for result in report.goals:
        typer.echo(
            f"\n{result.goal.id}  {result.status.icon} {result.status.label}  ({result.goal.title})"
        )
        for target_id, verdict in result.verdicts.items():
            typer.echo(
                f"  - {target_id}: {verdict.status.icon} {verdict.short}\n    {verdict.sentence}"
            )
            if verdict.period:
                typer.echo(f"    {period_text(verdict.period, report.year)}")


@cli.command("report")
def report_command(
    year: Annotated[int, typer.Option("--year", help="Uppföljningsåret, i avtalsperioden.")],
    kind: Annotated[str, typer.Option("--format", help="pdf, xlsx, html eller docx.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Filen som skrivs.")],
):
    """Årsuppföljningen för kommunstyrelsen som PDF, Excel, HTML eller Word."""
    from followup.approval import follow_up
    from goals.evaluate import YearOutsidePeriod
    from goals.evidence import Evidence, collect_evidence
    from indicators.store import Store
    from indicators.times import swedish_today
    from report.content import annual_report
    from report.formats import RENDERERS

    if kind not in RENDERERS:
        typer.echo(f"Okänt format {kind!r}: välj pdf, xlsx, html eller docx.", err=True)
        raise typer.Exit(EXIT_USAGE)
    agreement, catalogue = _load()
    store = Store.open_existing(get_settings().database)
    evidence = Evidence() if store is None else collect_evidence(store, agreement, catalogue)
    try:
        live = annual_report(agreement, catalogue, evidence, year, swedish_today())
    except YearOutsidePeriod as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(EXIT_USAGE) from None
    shown = follow_up(store, live).report
    try:
        output.write_bytes(RENDERERS[kind](shown))
    except OSError as exc:
        typer.echo(f"Kunde inte skriva {output}: {exc.strerror}.", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    typer.echo(f"Årsuppföljningen {year} skrevs till {output}. {shown.state}")


@cli.command("lagesbild")
def lagesbild_command(
    year: Annotated[int, typer.Option("--year", help="Året lägesbilden gäller, i avtalsperioden.")],
    kind: Annotated[str, typer.Option("--format", help="pdf, docx eller html.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Filen som skrivs.")],
):
    """Lägesbilden enligt lag (2023:196) för avtalets kommun, som PDF, Word eller HTML."""
    from goals.evaluate import YearOutsidePeriod
    from indicators.store import Store
    from indicators.times import swedish_today
    from kommunlagesbild.approval import shown_lagesbild
    from kommunlagesbild.content import NoDataForYear, lagesbild_from_store
    from kommunlagesbild.document import state_text
    from kommunlagesbild.formats import RENDERERS

    if kind not in RENDERERS:
        typer.echo(f"Okänt format {kind!r}: välj pdf, docx eller html.", err=True)
        raise typer.Exit(EXIT_USAGE)
    agreement, catalogue = _load()
    store = Store.open_existing(get_settings().database)
    try:
        if store is None:
            raise NoDataForYear(f"Inga uppgifter är inlästa, så det finns ingen lägesbild {year}.")
        # The approved (fastställd) version when the year has one, else today's draft.
        content = shown_lagesbild(
            store,
            agreement,
            year,
            lambda: lagesbild_from_store(store, agreement, catalogue, year, swedish_today()),
        ).content
    except (YearOutsidePeriod, NoDataForYear) as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(EXIT_USAGE) from None
    try:
        output.write_bytes(RENDERERS[kind](content))
    except OSError as exc:
        typer.echo(f"Kunde inte skriva {output}: {exc.strerror}.", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    typer.echo(
        f"Lägesbilden {year} för {content.kommun.name} skrevs till {output}. {state_text(content)}"
    )


def _open_store() -> Store:
    from indicators.store import Store

    settings = get_settings()
    settings.ensure_data_dir()
    return Store(settings.database)


def _existing(files: list[Path]) -> list[Path]:
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        typer.echo(f"Filen finns inte: {', '.join(missing)}", err=True)
        raise typer.Exit(EXIT_USAGE)
    return files


def _report(results: list[IngestResult]) -> None:
    for result in results:
        typer.echo("\n".join(result.lines()))
    if any(result.refused for result in results):
        raise typer.Exit(EXIT_REFUSED)


def _import_json(row: dict[str, Any], changes: ImportChanges | None) -> dict[str, Any]:
    """design.md's `imports` shape; "changes" is null for an import that stored nothing new or
    was made before changes were recorded."""
    return {
        "id": row["id"],
        "sha256": row["sha256"],
        "file": row["file"],
        "source": row["source"],
        "layout": row["layout"],
        "imported_at": row["imported_at"],
        "observations": row["observations"],
        "archived": bool(row["archived"]),
        "size_bytes": row["size_bytes"],
        "user": row["user"],
        "details": json.loads(row["details"]),
        "changes": None if changes is None else changes.to_json(),
    }


@cli.command("migrate-store")
def migrate_store(
    to: Annotated[
        str,
        typer.Option("--to", help="Måldatabasens adress, t.ex. postgresql://värd/trygghetsmal."),
    ],
):
    """Flytta hela databasen (t.ex. datamappens SQLite-fil) till en annan, tom databas."""
    from sqlalchemy.engine import make_url

    from indicators.store import Store
    from indicators.transfer import CopyDiffers, TargetNotEmpty, copy_store

    settings = get_settings()
    source_url = settings.database
    if not Store.exists(source_url):
        typer.echo(f"Det finns ingen databas att flytta ({_shown(source_url)}).", err=True)
        raise typer.Exit(EXIT_USAGE)
    try:
        make_url(to)
    except Exception:
        typer.echo(f"--to är ingen databasadress: {to!r}.", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    source = Store(source_url)
    try:
        copied = copy_store(source, Store(to))
    except (TargetNotEmpty, CopyDiffers) as problem:
        typer.echo(f"Inget flyttades: {problem}.", err=True)
        raise typer.Exit(
            EXIT_USAGE if isinstance(problem, TargetNotEmpty) else EXIT_STORAGE
        ) from None
    typer.echo(f"Flyttad från {_shown(source_url)} till {_shown(to)}; kontrollerat per tabell:")
    for table in copied:
        typer.echo(f"  {table.name:<14}{table.rows:>9} rader  sha256 {table.sha256[:12]}…  lika")
    archived = [row["sha256"] for row in source.imports() if row["archived"]]
    missing = [sha for sha in archived if not (settings.archive_dir / sha).is_file()]
    typer.echo(
        f"Arkivet med originalen ligger kvar i {settings.archive_dir} "
        f"({len(archived) - len(missing)} av {len(archived)} arkiverade original finns där)."
    )
    if missing:
        typer.echo(f"  saknas: {', '.join(sha[:12] + '…' for sha in missing)}")
    typer.echo(f"Använd den nya databasen med {ENV_PREFIX}DATABASE_URL={_shown(to)}")


def _shown(url: str) -> str:
    """A database address without its password."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@cli.command()
def schema():
    """JSON-schemat för avtalsfilen (goals/agreements/*.yaml)."""
    from goals.models import Agreement

    _print_json(Agreement.model_json_schema())


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Adress att lyssna på.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8050,
    workers: Annotated[int, typer.Option(help="Antal gunicorn-processer.")] = 2,
    production: Annotated[
        bool,
        typer.Option(
            "--production",
            help="Bakom kommunens proxy: åtkomstlogg, och proxyns "
            "X-Forwarded-Proto godtas från trusted_proxies (så kakor märks Secure under TLS).",
        ),
    ] = False,
):
    """Starta instrumentpanelen (http://127.0.0.1:8050) under gunicorn."""
    from auth import LOOPBACK_HOSTS, mark_repeated_headers

    _load()
    settings = get_settings()
    if settings.auth == "none" and not _is_loopback_host(host):
        typer.echo(
            f"Utan inloggning (auth = none) lyssnar Trygghetsmål bara på den egna datorn, "
            f"inte på {host}. Sätt TRYGGHETSMAL_AUTH=basic eller header först.",
            err=True,
        )
        raise typer.Exit(EXIT_USAGE)
    if settings.auth != "none" and not settings.allowed_hosts and not _is_loopback_host(host):
        typer.echo(
            f"Obs: bara {', '.join(LOOPBACK_HOSTS)} tas emot som värdnamn; lägg till namnet "
            "tjänsten nås med i TRYGGHETSMAL_ALLOWED_HOSTS.",
            err=True,
        )
    settings.ensure_data_dir()
    options: dict[str, Any] = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": 4,
        "post_worker_init": _worker_ready,
        "pre_request": mark_repeated_headers,
    }
    if production:
        options |= {"accesslog": "-", "forwarded_allow_ips": ",".join(settings.trusted_proxies)}
    typer.echo(f"Trygghetsmål på http://{host}:{port}/ (avsluta med Ctrl+C)")
    _run_gunicorn(options)


def _is_loopback_host(host: str) -> bool:
    from auth import is_loopback

    return host == "localhost" or is_loopback(host)


@user_cli.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="Användarnamnet.")],
    role: Annotated[str, typer.Option("--role", help="lasare, analytiker eller admin.")],
    password: Annotated[
        str,
        typer.Option(
            prompt="Lösenord",
            hide_input=True,
            confirmation_prompt="Lösenordet igen",
            help="Frågas efter om det inte anges.",
        ),
    ],
):
    """Lägg till en användare (eller byt lösenord och roll) i användarfilen för auth = basic."""
    from auth import Role, add_user, users_path

    if role not in {r.id for r in Role}:
        typer.echo(f"Okänd roll {role!r}: välj lasare, analytiker eller admin.", err=True)
        raise typer.Exit(EXIT_USAGE)
    path = users_path(get_settings())
    try:
        add_user(path, name, Role.from_id(role), password)
    except ValueError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(EXIT_USAGE) from None
    typer.echo(f"{name.strip()} är {Role.from_id(role).label} i {path}.")


@user_cli.command("remove")
def user_remove(name: Annotated[str, typer.Argument(help="Användarnamnet.")]):
    """Ta bort en användare ur användarfilen; den kan inte logga in längre."""
    from auth import remove_user, users_path

    path = users_path(get_settings())
    try:
        remove_user(path, name)
    except ValueError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(EXIT_USAGE) from None
    typer.echo(f"{name.strip()} är borttagen ur {path}.")


@user_cli.command("list")
def user_list():
    """Användarna i användarfilen och deras roller."""
    from auth import Role, read_users, users_path

    for name, stored in read_users(users_path(get_settings())).users.items():
        typer.echo(f"{name}\t{Role.from_id(stored.role).label}")


def _worker_ready(worker: Any) -> None:
    from app import warm_up

    warm_up()
    # Logged once a worker has loaded the app and is about to answer, so whoever started the
    # server (a script, the serve test) can wait for that instead of guessing from timeouts.
    worker.log.info("Trygghetsmål redo i process %s", worker.pid)


def _run_gunicorn(options: dict[str, Any]) -> None:
    """gunicorn started from the command line, serving `app:server` (one Dash app per worker)."""
    from gunicorn.app.base import BaseApplication

    class Gunicorn(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)
            # gunicorn 27 opens a control socket at one path in the home directory by default, so
            # two servers (serve beside a test run or a benchmark) would take it from each other;
            # nothing here uses it.
            if "control_socket_disable" in self.cfg.settings:
                self.cfg.set("control_socket_disable", True)

        def load(self):
            from app import server

            return server

    Gunicorn().run()


@cli.command("agreements")
def list_agreements(
    as_json: Annotated[bool, typer.Option("--json", help="Skriv ut som JSON.")] = False,
):
    """Avtalen i den här instansen: de som följer med och de i datamappens avtal/."""
    from goals.listing import agreement_summary

    default, every = _load_agreements()
    rows = [agreement_summary(a) for a in every]
    if as_json:
        _print_json(rows)
        return
    for row in rows:
        first, last = row["period"]
        mark = "  (standard)" if row["id"] == default else ""
        typer.echo(
            f"{row['id']}  {row['kommun']['name']} ({row['kommun']['code']}) {first}–{last}, "
            f"{row['goals']} mål{mark}\n  {row['title']}"
        )


def _load() -> tuple[Agreement, Catalogue]:
    from indicators.catalogue import load_catalogue

    default, every = _load_agreements()
    chosen = next(a for a in every if a.id == default)
    return chosen, load_catalogue()


def _load_agreements() -> tuple[str, list[Agreement]]:
    """The default agreement's id and every agreement of the instance, checked: a bad or
    duplicate file, or an unknown id, ends the command with exit code 2 in Swedish."""
    from goals.agreement import UnknownAgreement, find_agreements
    from indicators.config_files import ConfigError

    settings = get_settings()
    try:
        found = find_agreements(settings.data_dir, settings.agreement)
        found.check()
        found.load()  # an unknown default id is said as such, before any file's problems
        return found.default, found.load_all()
    except UnknownAgreement as exc:
        typer.echo(f"Avtalet kan inte läsas: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    except ConfigError as exc:
        typer.echo(f"Avtalet kan inte läsas:\n{exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None


def _print_json(document: Any) -> None:
    typer.echo(json.dumps(document, ensure_ascii=False, indent=2))


# True once main() runs: this process is the command and ends with it (a test's CliRunner
# calls the commands inside its own long process).
_own_process = False


def _as_a_short_process() -> None:
    """For a command that reads, prints and ends, in its own process: nothing started for a long
    life. No cyclic garbage collection: the collector walks the some 60 000 objects that
    SQLAlchemy, pydantic and numpy leave, again and again while they load and in the
    interpreter's shutdown, about 0.3 s of a 1.1 s `status`, and frees nothing that matters to a
    process about to end; gc.freeze at exit takes every object out of the shutdown's collections,
    and what must be closed (the store's connections) the command closes itself. And one
    OpenBLAS thread: numpy starts a pool of one thread per core when it is imported, 0.1 s of
    CPU on two cores, for arithmetic on a few numbers that BLAS would not spread over threads.
    Unless the environment says otherwise (OPENBLAS_NUM_THREADS)."""
    if _own_process:
        gc.disable()
        atexit.register(gc.freeze)
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def main() -> None:
    global _own_process
    _own_process = True
    cli()
