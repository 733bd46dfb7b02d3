"""Settings from the environment (prefix TRYGGHETSMAL_); every field has a default and a description."""

from __future__ import annotations

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
        description="Aktivt avtal: id för en fil i goals/agreements/ eller sökväg till en YAML-fil.",
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

    def ensure_data_dir(self) -> None:
        for directory in (self.data_dir, self.inbox_dir, self.archive_dir):
            directory.mkdir(parents=True, exist_ok=True)


def get_settings() -> Settings:
    """Read the environment afresh, so `--data-dir` set by the command line always applies."""
    return Settings()
