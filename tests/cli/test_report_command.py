"""`trygghetsmal report --year Y --format pdf|xlsx|html -o PATH`, as design.md describes it."""

import openpyxl
from typer.testing import CliRunner

from cli import cli


def run(tmp_path, *args):
    return CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "data"), "report", *args])


def test_each_format_is_written(tmp_path):
    for kind in ("pdf", "xlsx", "html"):
        out = tmp_path / f"r.{kind}"
        result = run(tmp_path, "--year", "2021", "--format", kind, "-o", str(out))
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert "Sammanfattning" in openpyxl.load_workbook(tmp_path / "r.xlsx").sheetnames
    assert '<html lang="sv"' in (tmp_path / "r.html").read_text().replace("'", '"')


def test_a_year_outside_the_period_or_an_unknown_format_is_a_usage_error(tmp_path):
    assert run(tmp_path, "--year", "2024", "--format", "pdf", "-o", str(tmp_path / "x")).exit_code == 2
    assert run(tmp_path, "--year", "2021", "--format", "docx", "-o", str(tmp_path / "x")).exit_code == 2
    assert not (tmp_path / "x").exists()
