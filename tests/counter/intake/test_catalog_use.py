"""The use an item is received with comes from the catalogue (no keys to press for it)."""

from __future__ import annotations

from counter.intake.catalog import TypeInfo, Use, default_use


def test_an_item_is_received_with_its_types_compulsory_use() -> None:
    def info(uses: frozenset[Use]) -> TypeInfo:
        return TypeInfo(1, "x", 1, "衡器", "", 12, uses, "x", "x")

    assert default_use(info(frozenset({Use.TRADE}))) is Use.TRADE
    assert default_use(info(frozenset({Use.SAFETY, Use.TRADE}))) is Use.TRADE  # Use order
    assert default_use(info(frozenset())) is Use.NONE
