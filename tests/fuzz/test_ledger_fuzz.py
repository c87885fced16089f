"""Whatever a ledger file holds, the import answers with row errors or rows, never a crash.

2,000 generated examples per target (issue 9's rule, for issue 11's import): random bytes
as XLSX or CSV, and random cells under the e-CQS headings.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter.archive.ledger_xlsx import _limits, _read
from counter.archive.rules.ledger_columns import ECQS_COLUMNS, EXTRA_COLUMNS
from counter.archive.rules.ledger_table import parse_ledger_rows
from counter.errors import ValidationError

FUZZ = settings(
    max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
HEADINGS = [h for h, _f in (*ECQS_COLUMNS, *EXTRA_COLUMNS)]
TYPES = {"电子计价秤": 1, "血压计和血压表": 2}
LIMITS = _limits()

cells = st.text(st.characters(codec="utf-8"), max_size=30) | st.sampled_from(
    [
        "",
        "电子计价秤",
        "371502",
        "贸易结算",
        "现场检定",
        "2026-02-30",
        "9" * 400,
        "-1",
        "\x00",
        "=1+1",
        "x" * 300,
    ]
)


@FUZZ
@given(st.binary(max_size=400), st.sampled_from(["ledger.csv", "ledger.xlsx"]))
def test_any_bytes_are_answered(data: bytes, name: str) -> None:
    try:
        table = _read(data, name)
    except ValidationError as refused:
        assert refused.problems and all(refused.problems)
        return
    parsed = parse_ledger_rows(table, TYPES, LIMITS)
    assert parsed.rows or parsed.errors or not table


@FUZZ
@given(st.lists(st.lists(cells, min_size=1, max_size=len(HEADINGS)), max_size=5))
def test_any_cells_under_the_headings_are_answered(rows: list[list[str]]) -> None:
    table = [(1, HEADINGS), *((n, row) for n, row in enumerate(rows, start=2))]
    parsed = parse_ledger_rows(table, TYPES, LIMITS)
    for error in parsed.errors:
        assert error.message and (error.row == 0 or 2 <= error.row <= len(rows) + 1)
    for row in parsed.rows:  # a row that parsed names a catalogue type and keeps the limits
        assert row.type_id in TYPES.values()
        for field, value in row.values.items():
            if isinstance(value, str) and field in LIMITS:
                assert len(value) <= LIMITS[field] and "\x00" not in value
