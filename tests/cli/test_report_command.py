"""`trygghetsmal report --year Y --format pdf|xlsx|html|docx -o PATH`, as design.md describes it
(docx added for the board's secretaries)."""

import docx
import openpyxl
from typer.testing import CliRunner

from cli import cli


def run(tmp_path, *args):
    return CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "data"), "report", *args])


def test_each_format_is_written(tmp_path):
    for kind in ("pdf", "xlsx", "html", "docx"):
        out = tmp_path / f"r.{kind}"
        result = run(tmp_path, "--year", "2021", "--format", kind, "-o", str(out))
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert "Sammanfattning" in openpyxl.load_workbook(tmp_path / "r.xlsx").sheetnames
    assert '<html lang="sv"' in (tmp_path / "r.html").read_text().replace("'", '"')
    assert docx.Document(str(tmp_path / "r.docx")).core_properties.title.startswith(
        "Årsuppföljning"
    )


def test_a_year_outside_the_period_or_an_unknown_format_is_a_usage_error(tmp_path):
    assert (
        run(tmp_path, "--year", "2024", "--format", "pdf", "-o", str(tmp_path / "x")).exit_code == 2
    )
    assert (
        run(tmp_path, "--year", "2021", "--format", "odt", "-o", str(tmp_path / "x")).exit_code == 2
    )
    assert not (tmp_path / "x").exists()


def test_an_unwritable_output_is_a_swedish_message_not_a_traceback(tmp_path):
    result = run(tmp_path, "--year", "2021", "--format", "html", "-o", str(tmp_path / "nej" / "r"))
    assert result.exit_code == 2
    assert "Kunde inte skriva" in result.output and "Traceback" not in result.output


def test_an_approved_year_is_written_as_approved_despite_later_imports(
    tmp_path, agreement, catalogue
):
    import datetime as dt

    from followup.approval import approve_year
    from goals.evidence import collect_evidence
    from indicators.store import Store
    from report.content import annual_report
    from tests.imports.files import SOL_HEADER, text_file

    def ingest(name, count):
        path = text_file(
            tmp_path, name, [SOL_HEADER, f"Trelleborg;Inbrottsstöld i bostad;År;2021;{count};..;"]
        )
        assert (
            CliRunner()
            .invoke(cli, ["--data-dir", str(tmp_path / "data"), "ingest", str(path)])
            .exit_code
            == 0
        )

    ingest("sol.csv", 88)
    store = Store(f"sqlite:///{(tmp_path / 'data' / 'trygghetsmal.sqlite').resolve()}")
    live = annual_report(
        agreement,
        catalogue,
        collect_evidence(store, agreement, catalogue),
        2021,
        dt.date(2022, 3, 1),
    )
    approve_year(store, live, "Karin Ek", dt.datetime(2022, 3, 14, 9, tzinfo=dt.UTC))
    ingest("sol-ny.csv", 103)
    result = run(tmp_path, "--year", "2021", "--format", "xlsx", "-o", str(tmp_path / "r.xlsx"))
    assert result.exit_code == 0 and "Fastställd 2022-03-14 av Karin Ek." in result.output
    rows = openpyxl.load_workbook(tmp_path / "r.xlsx")["Sammanfattning"].iter_rows(values_only=True)
    assert next(r for r in rows if r[1] == "bostadsinbrott")[6] == 88
