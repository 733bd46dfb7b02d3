"""Bounded by size, never by shape (issue 14, point 6).

Memory is measured in a fresh subprocess with `resource`; no test here asserts a time.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from indicators import crime
from indicators.ingest import IngestContext, ingest_file
from indicators.reading import Limits
from tests.imports.files import SOL_HEADER, text_file

REPO = Path(__file__).resolve().parents[2]
PEAK_MB = 300


def _import_in_subprocess(path: Path, data_dir: Path) -> dict:
    script = textwrap.dedent(
        f"""
        import json, resource
        from pathlib import Path
        from indicators.ingest import IngestContext, ingest_file
        from indicators.reading import Limits
        from indicators.store import Store
        data = Path({str(data_dir)!r})
        data.mkdir(parents=True, exist_ok=True)
        context = IngestContext(
            Store(f"sqlite:///{{data}}/t.sqlite"), data / "archive", Limits(50_000_000, 300_000_000)
        )
        result = ingest_file(Path({str(path)!r}), context)
        # VmHWM is this program's own peak: ru_maxrss would also count the memory of the
        # forked test process that this program replaced.
        status = Path("/proc/self/status")
        peak = (
            int(next(l for l in status.read_text().splitlines() if l.startswith("VmHWM")).split()[1])
            if status.exists()
            else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        )
        print(json.dumps({{
            "outcome": result.outcome,
            "problems": [str(p) for p in result.problems],
            "peak_mb": peak / 1024,
        }}))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_100_kb_csv_with_a_20000_field_first_line_is_refused_in_little_memory(tmp_path):
    first = ";".join(f"f{i}" for i in range(20_000))
    rest = ["Trelleborg;Inbrottsstöld i bostad;1"] * 1_800
    path = text_file(tmp_path, "bred.csv", [first, *rest], encoding="utf-8")
    assert 80_000 < path.stat().st_size < 200_000
    answer = _import_in_subprocess(path, tmp_path / "data")
    assert answer["outcome"] == "avvisad"
    assert "rad 1 har 20 000 kolumner" in answer["problems"][0].replace("\u00a0", " ")
    assert answer["peak_mb"] < PEAK_MB, answer


def test_a_small_csv_whose_rows_times_its_widest_line_pass_the_cell_cap_is_refused(tmp_path):
    first = ";".join(f"f{i}" for i in range(1_500))
    path = text_file(tmp_path, "bred.csv", [first, *["a;1"] * 7_000], encoding="utf-8")
    answer = _import_in_subprocess(path, tmp_path / "data")
    assert answer["outcome"] == "avvisad"
    message = answer["problems"][0].replace("\u00a0", " ")
    assert "rad 1 har 1 500 fält" in message and "TRYGGHETSMAL_MAX_CELLS" in message
    assert answer["peak_mb"] < PEAK_MB, answer


def _sparse_workbook(path: Path, *, dimension: bool) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"] = "Region"
    sheet["XFD1048576"] = 1
    workbook.save(path)
    if dimension:
        return path
    # The same workbook as a writer that leaves the dimension out would have made it.
    stripped = path.with_name("utan-dimension.xlsx")
    with (
        zipfile.ZipFile(path) as source,
        zipfile.ZipFile(stripped, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"<dimension[^>]*/>", b"", data)
            target.writestr(info, data)
    return stripped


@pytest.mark.parametrize("dimension", [True, False], ids=["with dimension", "without"])
def test_a_tiny_workbook_spanning_a1_to_xfd1048576_is_refused_before_it_is_laid_out(
    tmp_path, dimension
):
    path = _sparse_workbook(tmp_path / "gles.xlsx", dimension=dimension)
    assert path.stat().st_size < 20_000
    answer = _import_in_subprocess(path, tmp_path / "data")
    assert answer["outcome"] == "avvisad"
    assert "celler" in answer["problems"][0]
    assert answer["peak_mb"] < PEAK_MB, answer


def test_a_file_past_the_cell_cap_is_refused_with_the_setting_named(tmp_path, context):
    path = text_file(
        tmp_path, "sol.csv", [SOL_HEADER] + ["Trelleborg;Inbrottsstöld i bostad;År;2022;1;..;"] * 50
    )
    small = IngestContext(
        context.store, context.archive_dir, Limits(50_000_000, 300_000_000, max_cells=100)
    )
    result = ingest_file(path, small)
    assert result.outcome == "avvisad"
    assert "TRYGGHETSMAL_MAX_CELLS" in str(result.problems[0])


def test_a_file_past_the_observation_cap_is_refused(tmp_path, context):
    lines = [f"Trelleborg;Brott {n};År;2022;{n};..;" for n in range(30)]
    path = text_file(tmp_path, "sol.csv", [SOL_HEADER, *lines])
    capped = IngestContext(
        context.store, context.archive_dir, Limits(50_000_000, 300_000_000, max_observations=20)
    )
    result = ingest_file(path, capped)
    assert result.outcome == "avvisad"
    assert "30 värden" in str(result.problems[0]) and "TRYGGHETSMAL_MAX_OBSERVATIONS" in str(
        result.problems[0]
    )
    assert context.store.imports() == []


def test_the_caps_are_settings(monkeypatch, tmp_path):
    from settings import Settings

    monkeypatch.setenv("TRYGGHETSMAL_MAX_CELLS", "1234")
    monkeypatch.setenv("TRYGGHETSMAL_MAX_OBSERVATIONS", "99")
    context = IngestContext.from_settings(Settings(data_dir=tmp_path), store=False, user=None)
    assert (context.limits.max_cells, context.limits.max_observations) == (1234, 99)


def test_evaluating_maps_each_distinct_crime_series_once_not_each_row(
    tmp_path, ingest, context, agreement, catalogue, monkeypatch
):
    # A large file of many rows must not make every later status call pay per row: crime rows
    # are mapped to indicators once per distinct breakdown.
    from goals.evidence import collect_evidence

    months = ["Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec"]
    lines = [
        f"Trelleborg;{label};{year};{month};{n};..;"
        for n, (label, year, month) in enumerate(
            (label, year, month)
            for label in (
                "Inbrottsstöld i bostad",
                "Skadegörelsebrott",
                "Misshandel inkl. grov (5, 6 §)",
            )
            for year in range(2010, 2023)
            for month in months
        )
    ]
    assert ingest(text_file(tmp_path, "sol.csv", [SOL_HEADER, *lines])).outcome == "importerad"
    calls = []
    real = crime.crime_indicator

    def counted(*args):
        calls.append(args[0])
        return real(*args)

    monkeypatch.setattr(crime, "crime_indicator", counted)
    collect_evidence(context.store, agreement, catalogue)
    assert len(lines) == 468
    assert 0 < len(calls) <= 3 * 2  # three series, once per crime target, not 468 rows each
