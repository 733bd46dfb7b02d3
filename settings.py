"""Settings from the environment (prefix TRYGGHETSMAL_); every field has a default and a description."""

from __future__ import annotations

import grp
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_PREFIX = "TRYGGHETSMAL_"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="forbid")

    data_dir: Path = Field(
        default=Path("data"),
        description="Datamappen: databas, inkorg (inbox/) och arkiv (archive/). "
        "Kommandoradens --data-dir går före.",
    )
    agreement: str = Field(
        default="trelleborg-2019-2022",
        description="Standardavtalet (dagens adresser och kommandon utan --agreement): id för ett "
        "avtal i goals/agreements/ eller datamappens avtal/, eller sökväg till en YAML-fil.",
    )

    database_url: str | None = Field(
        default=None,
        description="Databasens SQLAlchemy-adress; tom = SQLite-filen trygghetsmal.sqlite i "
        "datamappen. En postgresql://-adress fungerar för en delad server.",
    )
    max_upload_mb: float = Field(
        default=50, gt=0, description="Största fil som tas emot för import, i MB."
    )
    max_unpacked_mb: float = Field(
        default=300,
        gt=0,
        description="Största uppackade storlek för en Excel-fil (en zip), i MB; skyddar mot "
        "filer som packas upp till hundratals MB.",
    )

    max_cells: int = Field(
        default=10_000_000,
        gt=0,
        description="Största antal celler (rader × kolumner) i en fil som läses in; en fil som "
        "spänner över fler avvisas innan den läses, så minnet aldrig beror på filens form. "
        "Ett polisuttag för ett lokalpolisområde på tio år har ett par miljoner.",
    )
    max_observations: int = Field(
        default=500_000,
        gt=0,
        description="Största antal värden som en fil får ge; fler avvisas, så att ingen import "
        "kan göra bedömningarna långsamma.",
    )

    auth: Literal["none", "basic", "header"] = Field(
        default="none",
        description="Inloggning: none (bara från den egna datorn; servern binder bara till "
        "loopback), basic (användarfil, se `trygghetsmal user add`) eller header (betrodd "
        "proxy för kommunens inloggning).",
    )
    users_file: Path | None = Field(
        default=None,
        description="Användarfilen för basic; tom = users.json i datamappen.",
    )
    auth_user_header: str = Field(
        default="X-Forwarded-User",
        description="Proxyns rubrik med användarnamnet (header).",
    )
    auth_groups_header: str = Field(
        default="X-Forwarded-Groups",
        description="Proxyns rubrik med användarens grupper, kommaseparerade (header).",
    )
    trusted_proxies: list[str] = Field(
        default=["127.0.0.1", "::1"],
        description="Adresser som rubrikerna godtas från (header), som JSON-lista.",
    )
    group_roles: dict[str, Literal["lasare", "analytiker", "admin"]] = Field(
        default={
            "trygghetsmal-lasare": "lasare",
            "trygghetsmal-analytiker": "analytiker",
            "trygghetsmal-admin": "admin",
        },
        description="Grupp → roll (header), som JSON-objekt. Flera grupper ger den högsta rollen.",
    )

    allowed_hosts: list[str] = Field(
        default=[],
        description="Värdnamn (Host) som tas emot utöver den egna datorns (localhost, 127.0.0.1, "
        '[::1]), som JSON-lista, t.ex. ["trygghet.kommun.se"]; "namn:port" kräver porten '
        'också och "*" tar emot alla. Gäller basic och header; utan inloggning (none) tas '
        "bara den egna datorns namn med serverns port emot.",
    )
    session_hours: float = Field(
        default=8,
        gt=0,
        description="Hur länge en inloggning (basic) gäller innan lösenordet behövs igen, i timmar.",
    )
    data_group: str | None = Field(
        default=None,
        description="Unix-grupp som får läsa och skriva datamappen (mappar 2770, filer 0660); "
        "tom = bara kontot som kör Trygghetsmål (mappar 0700, filer 0600).",
    )

    @property
    def database(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'trygghetsmal.sqlite').resolve()}"

    @property
    def inbox_dir(self) -> Path:
        return self.data_dir / "inbox"

    @property
    def archive_dir(self) -> Path:
        return self.data_dir / "archive"

    @property
    def temp_dir(self) -> Path:
        """Uploads wait here while they are read; swept of dead processes' leftovers."""
        return self.data_dir / "tmp"

    @property
    def sqlite_file(self) -> Path | None:
        """The database file in the data dir, unless another database is configured."""
        return None if self.database_url else self.data_dir / "trygghetsmal.sqlite"

    def ensure_data_dir(self) -> None:
        """Create what is missing of the data dir, private to its owner (or its group); the
        SQLite file is created here too, so its mode and group are ours, not SQLite's 0644."""
        modes = self.file_modes()
        for directory in (self.data_dir, self.inbox_dir, self.archive_dir):
            if not directory.is_dir():
                directory.mkdir(parents=True, exist_ok=True)
                modes.apply(directory, directory=True)
        database = self.sqlite_file
        if database is not None and not database.exists():
            try:
                handle = os.open(database, os.O_CREAT | os.O_EXCL | os.O_WRONLY, modes.file)
            except FileExistsError:  # another process made it first
                return
            os.close(handle)
            modes.apply(database, directory=False)

    def file_modes(self) -> FileModes:
        if self.data_group is None:
            return FileModes(directory=0o700, file=0o600, umask=0o077, group=None)
        try:
            group = grp.getgrnam(self.data_group).gr_gid
        except KeyError:
            raise ValueError(
                f"Gruppen {self.data_group} (TRYGGHETSMAL_DATA_GROUP) finns inte på datorn."
            ) from None
        # setgid: files made in the data dir belong to the group, whoever makes them.
        return FileModes(directory=0o2770, file=0o660, umask=0o007, group=group)


@dataclass(frozen=True)
class FileModes:
    """How files and folders in the data dir are created: private, or shared with one group."""

    directory: int
    file: int
    umask: int  # for files made by libraries (SQLite's journal, archive copies, inbox notes)
    group: int | None

    def apply(self, path: Path, *, directory: bool) -> None:
        if self.group is not None:
            os.chown(path, -1, self.group)
        os.chmod(path, self.directory if directory else self.file)


def restrict_new_files(settings: Settings) -> None:
    """Files this process creates from now on are private to the owner (or the data group):
    the database, its journals, archived originals and inbox notes hold sekretess data."""
    os.umask(settings.file_modes().umask)


def get_settings() -> Settings:
    """The settings of the environment as it is now, so `--data-dir` set by the command line
    always applies. Validating them costs a millisecond and a request asks several times, so
    they are made once per distinct set of TRYGGHETSMAL_ variables (treat them as read-only)."""
    return _settings_for(
        frozenset((k, v) for k, v in os.environ.items() if k.upper().startswith(ENV_PREFIX))
    )


@lru_cache(maxsize=16)
def _settings_for(_environment: frozenset[tuple[str, str]]) -> Settings:
    return Settings()
