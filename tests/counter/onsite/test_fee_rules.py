"""Travel and on-site surcharges follow the instruments' own fees: waived with compulsory
verification (财税〔2017〕20号), still listed at ¥0 with the reason."""

from __future__ import annotations

from dataclasses import dataclass

from counter.onsite.rules.fees import onsite_charges


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    unit: str
    price_fen: int


ROWS = (
    Row("SAMPLE-24", "交通费（上门检定）", "次", 20000),
    Row("SAMPLE-25", "现场检定附加费", "台", 5000),
    Row("SAMPLE-03", "电子汽车衡(地磅)", "台", 150000),  # not an on-site charge
)


def _lines(count: int, free: int) -> list[tuple[str, int, int]]:
    return [
        (c.fee_code, c.quantity, c.unit_price_fen) for c in onsite_charges(ROWS, count, "", free)
    ]


def test_all_charged() -> None:
    assert _lines(3, 0) == [("SAMPLE-24", 1, 20000), ("SAMPLE-25", 3, 5000)]


def test_all_compulsory_waives_trip_and_surcharge_but_lists_them() -> None:
    charges = onsite_charges(ROWS, 3, "", 3)
    assert [(c.fee_code, c.quantity, c.unit_price_fen) for c in charges] == [
        ("SAMPLE-24", 1, 0),
        ("SAMPLE-25", 3, 0),
    ]
    assert all("强制检定免收" in c.description for c in charges)
    assert charges[0].kind == "travel"


def test_mixed_job_pays_the_trip_and_the_surcharge_of_charged_instruments_only() -> None:
    assert _lines(3, 2) == [("SAMPLE-24", 1, 20000), ("SAMPLE-25", 1, 5000), ("SAMPLE-25", 2, 0)]


def test_free_count_is_clamped() -> None:
    assert _lines(2, 5) == _lines(2, 2)
    assert _lines(0, 0) == [("SAMPLE-24", 1, 20000)]  # a trip with nothing found yet
