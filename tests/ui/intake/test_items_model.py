"""The intake items model without any widget: edits, routing, copies, Qt's model contract."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from counter.intake.catalog import TypeInfo, Use
from counter.intake.receive import ItemDraft
from ui.intake.items_model import ItemRow, ItemsModel

M = ItemsModel
TYPES = {
    t.id: t
    for t in (
        TypeInfo(1, "电子计价秤", 10, "衡器", "JJG 539-2016", 12, frozenset({Use.TRADE}), "dzjjc",
                 "dianzijijiacheng"),
        TypeInfo(2, "血压计和血压表", 11, "医疗", "JJG 270-2008", 12, frozenset({Use.MEDICAL}),
                 "xyjhxyb", "xueyajihexueyabiao"),
        TypeInfo(3, "无创自动测量血压计", 11, "医疗", "JJG 692-2010", 12, frozenset({Use.MEDICAL}),
                 "wczdclxyj", "wuchuangzidongceliangxueyaji"),
        TypeInfo(4, "钢卷尺", 12, "长度", "JJG 4-2015", 12, frozenset(), "gjc", "gangjuanchi"),
        TypeInfo(5, "电子汽车衡(地磅)", 10, "衡器", "JJG 539-2016", 12, frozenset({Use.TRADE}),
                 "dzqchdb", "dianziqichehengdibang"),
    )
}  # fmt: skip


def promiser(drafts: Sequence[ItemDraft]) -> tuple[list[dt.date], str]:
    base = dt.date(2026, 11, 23)
    days = {"normal": 7, "urgent": 2, "same_day": 0}
    return [base + dt.timedelta(days=days[d.urgency]) for d in drafts], ""


@pytest.fixture
def model() -> ItemsModel:
    items = ItemsModel(TYPES)
    items.set_promiser(promiser)
    return items


def edit(model: ItemsModel, row: int, column: int, value: object) -> bool:
    return model.setData(model.index(row, column), value, Qt.ItemDataRole.EditRole)


def shown(model: ItemsModel, row: int, column: int) -> object:
    return model.data(model.index(row, column))


def test_passes_the_qt_model_tester(qtmodeltester: ModelTester, model: ItemsModel) -> None:
    edit(model, 0, M.TYPE, "dzjjc")
    edit(model, 0, M.SERIAL, "A1")
    model.copy_row(0, 2)
    model.add_row()
    model.set_history(1, 2)
    qtmodeltester.check(model)
    model.remove_row(1)
    edit(model, 0, M.URGENCY, "urgent")
    qtmodeltester.check(model)


def test_pinyin_initials_choose_the_type_and_route_it(model: ItemsModel) -> None:
    assert edit(model, 0, M.TYPE, "dzjjc")
    assert shown(model, 0, M.TYPE) == "电子计价秤"
    assert shown(model, 0, M.DEPARTMENT) == "衡器"
    assert shown(model, 0, M.PROMISED) == "2026-11-30"
    # "xyj" starts only 血压计和血压表 (无创… merely contains it)
    model.add_row()
    assert edit(model, 1, M.TYPE, "xyj")
    assert shown(model, 1, M.DEPARTMENT) == "医疗"


def test_unknown_or_ambiguous_names_are_refused_with_the_reason(
    qtbot: QtBot, model: ItemsModel
) -> None:
    with qtbot.waitSignal(model.edit_refused) as refused:
        assert not edit(model, 0, M.TYPE, "不存在的器具")
    assert refused.args == ["“不存在的器具”不是目录中的器具名称，请从列表中选择"]
    with qtbot.waitSignal(model.edit_refused) as refused:
        assert not edit(model, 0, M.TYPE, "dz")
    assert "电子计价秤" in refused.args[0] and "电子汽车衡(地磅)" in refused.args[0]
    assert model.item_row(0).draft.type_id == 0
    # a name that only one type starts with is enough
    assert edit(model, 0, M.TYPE, "血压")
    assert shown(model, 0, M.TYPE) == "血压计和血压表"


def test_compulsory_follows_use_unless_overridden(model: ItemsModel) -> None:
    edit(model, 0, M.TYPE, "电子计价秤")  # the use comes from the catalogue's compulsory use
    assert shown(model, 0, M.USE) == "贸易结算"
    assert shown(model, 0, M.COMPULSORY) == "是"
    assert edit(model, 0, M.USE, "")
    assert shown(model, 0, M.COMPULSORY) == "否"
    assert edit(model, 0, M.USE, "trade")
    assert shown(model, 0, M.COMPULSORY) == "是"
    model.set_compulsory(0, False, "客户用于内部校准")
    assert shown(model, 0, M.COMPULSORY) == "否*"
    assert model.item_row(0).draft.override_reason == "客户用于内部校准"
    model.set_compulsory(0, None)
    assert shown(model, 0, M.COMPULSORY) == "是"
    assert not edit(model, 0, M.USE, "no-such-use")


def test_the_use_follows_the_type_until_the_clerk_chooses_one(model: ItemsModel) -> None:
    edit(model, 0, M.TYPE, "电子计价秤")
    assert shown(model, 0, M.USE) == "贸易结算"
    edit(model, 0, M.TYPE, "血压计和血压表")  # a different type: its own use
    assert shown(model, 0, M.USE) == "医疗卫生"
    edit(model, 0, M.TYPE, "钢卷尺")  # never compulsory: no use to assume
    assert shown(model, 0, M.USE) == "其他"
    assert edit(model, 0, M.USE, "environment")  # chosen by hand: a new type keeps it
    edit(model, 0, M.TYPE, "电子计价秤")
    assert shown(model, 0, M.USE) == "环境监测"


def test_copies_leave_the_serial_empty_and_drafts_skip_trailing_blank_rows(
    model: ItemsModel,
) -> None:
    edit(model, 0, M.TYPE, "gjc")
    edit(model, 0, M.MODEL, "5m")
    edit(model, 0, M.SERIAL, "G-1")
    added = model.copy_row(0, 3)
    assert list(added) == [1, 2, 3]
    model.add_row()
    drafts = model.drafts()
    assert len(drafts) == 4
    assert [d.serial for d in drafts] == ["G-1", "", "", ""]
    assert {d.model for d in drafts} == {"5m"}
    numbers = [model.headerData(r, Qt.Orientation.Vertical) for r in range(5)]
    assert numbers == ["1", "2", "3", "4", "5"]  # 序号


def test_urgency_changes_the_promised_date(model: ItemsModel) -> None:
    edit(model, 0, M.TYPE, "dzjjc")
    edit(model, 0, M.URGENCY, "urgent")
    assert shown(model, 0, M.URGENCY) == "加急"
    assert shown(model, 0, M.PROMISED) == "2026-11-25"
    assert model.data(model.index(0, M.PROMISED), M.SortRole) == dt.date(2026, 11, 25).toordinal()


def test_row_role_returns_the_row_and_history_is_shown(model: ItemsModel, qtbot: QtBot) -> None:
    edit(model, 0, M.TYPE, "dzjjc")
    with qtbot.waitSignal(model.instrument_edited) as edited:
        edit(model, 0, M.SERIAL, "A1")
    assert edited.args == [0]
    model.set_history(0, 2)
    row = model.data(model.index(0, M.TYPE), M.RowRole)
    assert isinstance(row, ItemRow) and row.draft.serial == "A1" and row.history == 2
    assert shown(model, 0, M.HISTORY) == "曾送检 2 次"
    edit(model, 0, M.SERIAL, "A2")  # another instrument: the marker goes
    assert shown(model, 0, M.HISTORY) == ""


def test_removing_the_last_row_leaves_an_empty_one(model: ItemsModel) -> None:
    edit(model, 0, M.TYPE, "dzjjc")
    model.remove_row(0)
    assert model.rowCount() == 1 and model.is_blank(0) and not model.has_content()
