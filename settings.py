"""Settings from the environment (prefix TRYGGHETSMAL_); every field has a default and a description."""

from __future__ import annotations

from pathlib import Path

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
        default=300, gt=0,
        description="Största uppackade storlek för en Excel-fil (en zip), i MB; skyddar mot "
        "filer som packas upp till hundratals MB.",
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

    def ensure_data_dir(self) -> None:
        for directory in (self.data_dir, self.inbox_dir, self.archive_dir):
            directory.mkdir(parents=True, exist_ok=True)


def get_settings() -> Settings:
    """Read the environment afresh, so `--data-dir` set by the command line always applies."""
    return Settings()
