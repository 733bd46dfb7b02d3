"""Settings: one prefix, a default and a description for every field, all documented."""

from pathlib import Path

from settings import ENV_PREFIX, Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_setting_has_a_description_and_a_default():
    for name, field in Settings.model_fields.items():
        assert field.description, name
        assert not field.is_required(), name


def test_every_environment_variable_is_documented_in_the_readme():
    readme = README.read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"{ENV_PREFIX}{name.upper()}" in readme


def test_environment_overrides(monkeypatch, tmp_path):
    monkeypatch.setenv("TRYGGHETSMAL_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("TRYGGHETSMAL_AGREEMENT", "annat-avtal")
    settings = Settings()
    assert settings.data_dir == tmp_path and settings.agreement == "annat-avtal"


def test_ensure_data_dir_creates_inbox_and_archive(tmp_path):
    settings = Settings(data_dir=tmp_path / "data")
    settings.ensure_data_dir()
    assert settings.inbox_dir.is_dir() and settings.archive_dir.is_dir()
