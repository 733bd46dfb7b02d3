"""Fictitious agreements for tests, written as YAML files into a data dir's avtal/ folder: a new
kommun's or a new period's agreement is a file, not code. None of them is a real agreement."""

from __future__ import annotations

from pathlib import Path

from goals.agreement import AGREEMENTS_DIR, DATA_DIR_AGREEMENTS

SHIPPED = AGREEMENTS_DIR / "trelleborg-2019-2022.yaml"
FICTITIOUS_ID = "fiktiva-kommunen-2019-2022"
LATER_ID = "fiktivt-trelleborg-2023-2026"


def avtal_dir(data_dir: Path) -> Path:
    directory = data_dir / DATA_DIR_AGREEMENTS
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def copy_for_kommun(
    data_dir: Path,
    agreement_id: str = FICTITIOUS_ID,
    code: str = "9999",
    name: str = "Fiktiva kommunen",
) -> Path:
    """The 2019–2022 agreement's goals, for another kommun: id, title, kommun and every
    target's geography changed; no agreement text to check the wording against."""
    text = SHIPPED.read_text(encoding="utf-8")
    replacements = [
        ("id: trelleborg-2019-2022", f"id: {agreement_id}"),
        (
            "title: Samverkansöverenskommelse 2019–2022 mellan Trelleborgs kommun och Polisen",
            f"title: Fiktivt avtal 2019–2022 för {name} (bara för test)",
        ),
        ("source_document: sources/trelleborg-2019-2022.txt\n", ""),
        ('code: "1287"\n  name: Trelleborgs kommun', f'code: "{code}"\n  name: {name}'),
        (
            '{level: kommun, code: "1287", name: Trelleborgs kommun}',
            f'{{level: kommun, code: "{code}", name: {name}}}',
        ),
    ]
    for before, after in replacements:
        assert before in text, before
        text = text.replace(before, after)
    path = avtal_dir(data_dir) / f"{agreement_id}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


LATER = """\
# Fiktivt: ett senare avtal för Trelleborg, bara för test.
id: fiktivt-trelleborg-2023-2026
title: Fiktivt avtal 2023–2026 för Trelleborgs kommun (bara för test)
period: [2023, 2026]
kommun: {code: "1287", name: Trelleborgs kommun}
parties:
  - {id: kommun, name: Trelleborgs kommun, short_name: Kommun}
  - {id: polis, name: Polisen, short_name: Polis}
goals:
  - id: bostadsinbrott
    kind: effektmal
    title: Bostadsinbrott
    wording: Bostadsinbrotten ska understiga 90 inbrott/år
    targets:
      - id: bostadsinbrott
        indicator: bostadsinbrott
        geography: {level: kommun, code: "1287", name: Trelleborgs kommun}
        rule: {type: threshold_every_year, op: "<", value: 90}
  - id: otrygghet
    kind: effektmal
    title: Otrygghet
    wording: Antalet människor som känner sig otrygga ska minska
    targets:
      - id: otrygghet.tm
        indicator: tm.otrygg_ute_kvall
        geography: {level: kommun, code: "1287", name: Trelleborgs kommun}
        rule: {type: change_from_baseline, baseline_year: 2022, direction: lower}
"""


def later_agreement(data_dir: Path) -> Path:
    """A fictitious later Trelleborg agreement (2023–2026) with a baseline year, 2022."""
    path = avtal_dir(data_dir) / f"{LATER_ID}.yaml"
    path.write_text(LATER, encoding="utf-8")
    return path
