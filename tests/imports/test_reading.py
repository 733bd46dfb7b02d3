"""Opening files: encodings, delimiters, kinds of file, and the safety limits."""

from __future__ import annotations

import time
import zipfile

import pytest

from indicators.problems import FileRefused
from indicators.reading import Limits, decode_text, read_file, sniff_delimiter
from tests.imports.files import text_file, xlsx_file

LIMITS = Limits(50_000_000, 300_000_000)


def test_latin1_and_cp1252_and_utf8_bom_decode():
    assert decode_text("Skadegörelse".encode("latin-1")) == "Skadegörelse"
    assert decode_text("Skadegörelse – klotter".encode("cp1252")) == "Skadegörelse – klotter"
    assert decode_text("\ufeffÅr".encode("utf-8")) == "År"


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_delimiter_is_sniffed(delimiter):
    text = delimiter.join(["Region", "Brott", "År"]) + "\n" + delimiter.join(["a", "b", "c"])
    assert sniff_delimiter(text) == delimiter


def test_decimal_commas_do_not_fool_the_delimiter_sniffer():
    text = "Område;Index\nAnderslöv;1,84\nSkegrie;2,01\n"
    assert sniff_delimiter(text) == ";"


def test_text_rows_are_numbered_as_in_an_editor(tmp_path):
    path = text_file(tmp_path, "t.csv", ["Titel", "", "a;b", "1;2"])
    table = read_file(path, LIMITS).tables[0]
    assert list(table.cells.index) == [1, 3, 4]
    assert table.sheet is None


def test_excel_rows_are_numbered_as_in_excel(tmp_path):
    path = xlsx_file(tmp_path, "t.xlsx", {"Blad1": [["Titel"], [], ["a", "b"], [1, 2]]})
    read = read_file(path, LIMITS)
    assert read.kind == "excel" and read.tables[0].sheet == "Blad1"
    assert list(read.tables[0].cells.index) == [1, 3, 4]


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "tom.xlsx"
    path.write_bytes(b"")
    with pytest.raises(FileRefused, match="filen är tom"):
        read_file(path, LIMITS)


def test_a_file_over_the_size_limit_is_refused(tmp_path):
    path = text_file(tmp_path, "stor.csv", ["a;b"] + ["1;2"] * 1000)
    with pytest.raises(FileRefused, match="större än gränsen"):
        read_file(path, Limits(1000, 300_000_000))


def test_a_zip_that_inflates_past_the_limit_is_refused_quickly(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 400_000_000)
    assert path.stat().st_size < 1_000_000
    started = time.monotonic()
    with pytest.raises(FileRefused, match="packas upp till 400,0 MB"):
        read_file(path, LIMITS)
    assert time.monotonic() - started < 5  # refused from the declared sizes, nothing inflated


def test_a_corrupt_xlsx_gets_a_message_not_a_traceback(tmp_path):
    path = tmp_path / "trasig.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(FileRefused, match="skadad"):
        read_file(path, LIMITS)


def test_a_truncated_workbook_gets_a_message(tmp_path):
    whole = xlsx_file(tmp_path, "hel.xlsx", {"Blad1": [["a", "b"], [1, 2]] * 50})
    path = tmp_path / "avbruten.xlsx"
    path.write_bytes(whole.read_bytes()[:600])
    with pytest.raises(FileRefused):
        read_file(path, LIMITS)


def test_a_csv_named_xlsx_is_read_as_text_and_says_so(tmp_path):
    path = text_file(tmp_path, "egentligen.xlsx", ["Region;Brott", "Trelleborg;x"])
    read = read_file(path, LIMITS)
    assert read.kind == "text"
    assert "lästes som text" in read.warnings[0]


def test_binary_garbage_is_refused(tmp_path):
    path = tmp_path / "bild.csv"
    path.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(FileRefused, match="varken Excel eller text"):
        read_file(path, LIMITS)


def test_a_macro_workbook_is_read_without_running_anything(tmp_path):
    path = xlsx_file(tmp_path, "makro.xlsm", {"Blad1": [["a"], ["=1+1"]]})
    cells = read_file(path, LIMITS).tables[0].cells
    # A formula without a stored result reads as empty: it is never evaluated.
    assert 2 not in cells.to_numpy().ravel().tolist()
    assert list(cells.index) == [1]


def test_a_legacy_xls_is_read(tmp_path):
    from tests.imports.files import xls_file

    path = xls_file(
        tmp_path,
        "gammal.xls",
        {
            "Blad1": [
                ["Titel"],
                [],
                ["Region", "Brott", "2019"],
                ["Trelleborg", "Skadegörelsebrott", 180],
            ]
        },
    )
    read = read_file(path, LIMITS)
    assert read.kind == "excel" and read.tables[0].sheet == "Blad1"
    assert list(read.tables[0].cells.index) == [1, 3, 4]


def test_a_legacy_xls_police_extract_imports(tmp_path, ingest, context):
    from tests.imports.files import xls_file

    path = xls_file(
        tmp_path,
        "uttag.xls",
        {
            "Uttag": [
                ["Inskrivningsdatum", "Brottskod", "Kommun", "Antal"],
                ["2022-05-03", 857, "Trelleborg", 2],
            ]
        },
    )
    result = ingest(path)
    assert result.outcome == "importerad", result.lines()
    assert context.store.observations("anmalda_brott")["breakdown"].tolist() == [
        '{"brottskod": "0857", "datumgrund": "inskrivningsdatum"}'
    ]


def test_old_mac_line_endings_are_read(tmp_path):
    # Found by fuzzing: a lone CR used to stop the csv reader with an English error.
    path = text_file(tmp_path, "t.csv", ["Titel", "a;b", "1;2"], newline="\r")
    table = read_file(path, LIMITS).tables[0]
    assert list(table.cells.index) == [1, 2, 3]
    assert table.cells.loc[3].tolist() == ["1", "2"]


@pytest.mark.parametrize(
    "cell",
    ['"Skadegörelsebrott;År;2020;180;..;', "x" * 200_000],
    ids=["citattecken som aldrig stängs", "jättecell"],
)
def test_a_cell_past_the_csv_limit_is_refused_naming_the_row(tmp_path, cell):
    lines = ["Region;Brott;År;Period;Antal", f"Trelleborg;{cell}"]
    lines += ["Trelleborg;Inbrottsstöld i bostad;År;2020;123"] * 6000
    path = text_file(tmp_path, "sol.csv", lines)
    with pytest.raises(FileRefused) as refused:
        read_file(path, LIMITS)
    problem = refused.value.problems[0]
    assert "citattecken" in problem.message and problem.row is not None


def test_damage_inside_a_workbook_is_refused_in_swedish_only(tmp_path):
    # The zip is sound but its workbook part is not: calamine's English error stays out of it.
    path = tmp_path / "trasig.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "inte xml")
    with pytest.raises(FileRefused) as refused:
        read_file(path, LIMITS)
    message = refused.value.problems[0].message
    assert message.startswith("filen är skadad") and "Error" not in message


def test_a_zip_directory_asking_for_an_unknown_zip_version_is_refused(tmp_path):
    # Found by fuzzing: zipfile raises NotImplementedError, not BadZipFile, for this damage.
    raw = bytearray(xlsx_file(tmp_path, "hel.xlsx", {"Blad1": [["a"], [1]]}).read_bytes())
    raw[raw.index(b"PK\x01\x02") + 6] = 64  # the first entry now "needs zip 6.4"
    path = tmp_path / "klottrad.xlsx"
    path.write_bytes(bytes(raw))
    with pytest.raises(FileRefused, match="skadad"):
        read_file(path, LIMITS)


def test_excels_unicode_text_is_read(tmp_path, ingest):
    # Excel's "Unicode-text (*.txt)" is UTF-16 with a byte order mark and tabs; its NUL bytes
    # used to get it refused as "varken Excel eller text".
    lines = ["Region\tBrott\tÅr\tPeriod\tAntal", "Trelleborg\tSkadegörelsebrott\tÅr\t2020\t180"]
    path = tmp_path / "sol.txt"
    path.write_bytes("\r\n".join(lines).encode("utf-16"))
    result = ingest(path)
    assert result.outcome == "importerad", result.lines()
    assert result.layout == "bra_sol_databasfil"


def test_a_utf16_mark_over_bytes_that_are_no_utf16_is_refused(tmp_path):
    path = tmp_path / "trasig.txt"
    path.write_bytes(b"\xff\xfeR\x00e\x00\x00\xd8")  # ends in half a surrogate pair
    with pytest.raises(FileRefused, match="UTF-16"):
        read_file(path, LIMITS)
