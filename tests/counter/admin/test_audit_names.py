"""Every action the program writes to the audit log has a readable name, in both languages."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from counter import i18n
from counter.appointments.rules.slots import STATUSES
from counter.feedback.rules.complaints import Status as ComplaintStatus
from counter.intake.catalog import list_types
from counter.intake.item_status import set_item_status
from counter.intake.receive import ItemDraft, OrderDraft, save_order
from counter.intake.rules.lifecycle import ItemStatus
from counter.reports.audit_log import list_audit
from counter.reports.audit_names import (
    RELEASE_WAYS,
    action_label,
    action_names,
    change_text,
    codes_named,
    entity_text,
)
from db.models import Item
from tests.conftest import Counter

ROOT = Path(__file__).resolve().parents[3]
CHINESE = re.compile(r"[\u3400-\u9fff]")
#: f-string action codes: the values their placeholder can take
FAMILIES = {
    "item.": [s.value for s in ItemStatus],
    "release.": list(RELEASE_WAYS),
    "appointment.": [s for s in STATUSES if s != "booked"],  # `status.py` sets the others
    "complaint.": [s.value for s in ComplaintStatus if s is not ComplaintStatus.RECEIVED],
}


def _strings(node: ast.expr, function: ast.AST | None, where: str) -> Iterator[str]:
    """The action codes an argument expression can evaluate to."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from _strings(node.body, function, where)
        yield from _strings(node.orelse, function, where)
    elif isinstance(node, ast.JoinedStr):
        head = node.values[0]
        assert isinstance(head, ast.Constant) and str(head.value) in FAMILIES, where
        yield from (f"{head.value}{tail}" for tail in FAMILIES[str(head.value)])
    elif isinstance(node, ast.Name) and function is not None:
        assigned = [
            n.value
            for n in ast.walk(function)
            if isinstance(n, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == node.id for t in n.targets)
        ]
        assert assigned, f"{where}: cannot tell which action code `{node.id}` holds"
        for value in assigned:
            yield from _strings(value, None, where)
    else:
        raise AssertionError(f"{where}: write the audit action code as a literal")


def recorded() -> dict[str, tuple[str, str]]:
    """{action code: (entity, where)} for every `record(...)` call in the code base."""
    found: dict[str, tuple[str, str]] = {}
    for folder in ("counter", "ui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text("utf-8"))
            functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
            for node in ast.walk(tree):
                if not (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name | ast.Attribute)
                    and (getattr(node.func, "id", None) or getattr(node.func, "attr", None))
                    == "record"
                    and len(node.args) >= 5
                ):
                    continue
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                inside = [f for f in functions if f.lineno <= node.lineno <= (f.end_lineno or 0)]
                function = inside[-1] if inside else None
                entity = node.args[4]
                assert isinstance(entity, ast.Constant), where
                for code in _strings(node.args[3], function, where):
                    found[code] = (str(entity.value), where)
    return found


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("zh")


def test_the_scan_finds_the_audited_actions() -> None:
    codes = recorded()
    assert len(codes) > 40
    assert {"order.create", "item.in_lab", "release.mail", "standard.deactivate"} <= set(codes)
    assert {"certificate.create", "statement.refund"} <= set(codes)  # from a variable, an if


def test_every_recorded_action_and_object_has_a_chinese_name() -> None:
    names = action_names()
    missing = [f"{where}: {code}" for code, (_e, where) in recorded().items() if code not in names]
    assert not missing, "no readable name for:\n" + "\n".join(missing)
    for code, (entity, where) in recorded().items():
        assert CHINESE.search(action_label(code)), (where, code)
        assert CHINESE.search(entity_text(entity, "1")), (where, entity)


def test_every_recorded_action_and_object_has_an_english_name(english: None) -> None:
    for code, (entity, where) in recorded().items():
        for name in (action_label(code), entity_text(entity, "1")):
            assert name not in (code, f"{entity} 1") and not CHINESE.search(name), (where, name)
    assert action_label("item.in_lab") == "Item status: In the lab"


def test_an_unknown_code_is_shown_as_stored() -> None:
    assert action_label("something.new") == "something.new"
    assert entity_text("gadget", "7") == "gadget 7"


def test_status_transitions_read_as_states(counter: Counter, english: None) -> None:
    with counter.db.action() as s:
        type_id = list_types(s)[0].id
        draft = OrderDraft(counter.customer_id, (ItemDraft(type_id),))
        saved = save_order(s, counter.clerk, counter.clock, draft)
    with counter.db.action() as s:
        item = s.scalars(select(Item.id).where(Item.order_id == saved.order_id)).one()
        set_item_status(s, counter.admin, counter.clock, item, ItemStatus.IN_LAB)
    with counter.db.session() as s:
        (top, *_rest) = list_audit(s, counter.admin)
    assert (top.action, top.before, top.after) == (
        "item.in_lab",
        '{"status": "received"}',
        '{"status": "in_lab"}',
    )  # stored as codes, whatever the language
    assert change_text(top.before, top.after, top.entity) == "Status: Received → In the lab"
    i18n.set_language("zh")
    assert change_text(top.before, top.after, top.entity) == "状态：已收件 → 检定中"
    assert action_label(top.action) == "器具状态：检定中"


def test_filtering_by_a_name_finds_the_codes(counter: Counter) -> None:
    assert codes_named("作废") == sorted(
        ["certificate.void", "item.voided", "order.void", "statement.void"]
    )
    with counter.db.session() as s:
        rows = list_audit(s, counter.admin, action_prefix="客户", actions=codes_named("新建客户"))
    assert [r.action for r in rows] == ["customer.create"]  # the fixture's customer
