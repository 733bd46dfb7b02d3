"""The closed vocabularies of an observation: its mått (measure), its revision (preliminär or
slutlig) and the kind of period it covers. Stored and exported as the enum values, which are the
words design.md's JSON uses."""

from __future__ import annotations

from enum import StrEnum


class Measure(StrEnum):
    """What a value counts or measures (mått), as stored and exported."""

    ANTAL = "antal"
    INDEX_0_6 = "index_0_6"
    ANDEL_PCT = "andel_pct"
    PER_100K = "per_100k"
    PER_1000 = "per_1000"
    INVANARE = "invanare"
    SKALA = "skala"
    KRONOR = "kronor"
    VARDE = "varde"
    KI95_UNDRE_PCT = "ki95_undre_pct"  # a share's 95 % interval, as published (NTU)
    KI95_OVRE_PCT = "ki95_ovre_pct"


class Revision(StrEnum):
    """How final a published value is; a value without one (a police extract, the activity log)
    ranks with the preliminary ones."""

    PRELIMINAR = "preliminär"
    SLUTLIG = "slutlig"


class PeriodType(StrEnum):
    """The kind of period a value covers: '2019', '2019-Q1', '2019-03', '2019-W07', '2019-03-14'."""

    AR = "ar"
    KVARTAL = "kvartal"
    MANAD = "manad"
    VECKA = "vecka"
    DAG = "dag"
