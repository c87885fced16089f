"""Every limit the database has, checked before the database sees the value.

PostgreSQL refuses a NUL character in text, a string longer than its column and an
integer past its column's range; SQLite stores the first two silently and raises
`OverflowError` for integers of 2⁶³ and more.  One check, run on every flush of every
session, makes both engines refuse the same values with the same message, naming
the field and the limit, before anything is written: the action's transaction then
rolls back whole.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import BigInteger, Integer, SmallInteger, String, event
from sqlalchemy.orm import Session, UOWTransaction

from counter.errors import ValidationError
from counter.i18n import _

#: Control characters no field may hold (tab, line feed and carriage return may).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

INT_RANGES: tuple[tuple[type, int], ...] = (
    (BigInteger, 2**63 - 1),
    (SmallInteger, 2**15 - 1),
    (Integer, 2**31 - 1),
)


def field_label(table: str, column: str) -> str:
    """The name a clerk knows the field by."""
    labels = _field_labels()
    return labels.get(f"{table}.{column}") or labels.get(column) or f"{table}.{column}"


def _field_labels() -> dict[str, str]:
    return {
        "name": _("名称"),
        "customers.name": _("客户名称"),
        "short_name": _("简称"),
        "credit_code": _("统一社会信用代码"),
        "sector": _("行业"),
        "contact_name": _("联系人"),
        "phone": _("电话"),
        "contact_phone": _("联系电话"),
        "address": _("地址"),
        "email": _("电子邮箱"),
        "note": _("备注"),
        "serial": _("出厂编号"),
        "model": _("型号规格"),
        "manufacturer": _("制造厂"),
        "measuring_range": _("测量范围"),
        "accuracy_class": _("准确度等级"),
        "condition": _("外观状况"),
        "accessories": _("附件"),
        "reason": _("原因"),
        "void_reason": _("作废原因"),
        "status_reason": _("原因"),
        "compulsory_override_reason": _("强检变更原因"),
        "username": _("用户名"),
        "full_name": _("姓名"),
        "code": _("代码"),
        "fee_rows.code": _("收费代码"),
        "tier": _("等级/规格"),
        "unit": _("计费单位"),
        "title": _("标题"),
        "source_filename": _("文件名"),
        "reference": _("交易参考号"),
        "number": _("编号"),
        "certificates.number": _("证书编号"),
        "regulation": _("检定依据"),
        "record_number": _("原始记录编号"),
        "verifier": _("检定员"),
        "checker": _("核验员"),
        "approver": _("批准人"),
        "collector_name": _("领取人姓名"),
        "collector_phone": _("领取人电话"),
        "courier": _("快递公司"),
        "tracking_number": _("快递单号"),
        "recipient": _("邮寄收件人"),
        "certificate_number": _("证书编号"),
        "accuracy": _("准确度"),
        "comment": _("意见"),
        "page_count": _("页数"),
        "price_fen": _("收费标准"),
        "amount_fen": _("金额"),
        "instruments.name": _("器具名称"),
        "instruments.category": _("项别"),
        "instruments.kind": _("种别"),
        "origin": _("产地"),
        "location": _("安装/使用地点"),
        "division_code": _("行政区划"),
        "quantity": _("数量"),
        "regulator_number": _("强管唯一性号"),
        "last_certificate": _("证书编号"),
    }


def value_problems(table: str, column: str, column_type: Any, value: object) -> list[str]:
    """What is wrong with `value` for that column (empty when it fits)."""
    problems: list[str] = []
    if isinstance(value, str):
        if CONTROL.search(value):
            label = field_label(table, column)  # named only when wrong: every flush comes here
            problems.append(_("“{field}”含有不可见的控制字符，请删除后再保存").format(field=label))
        length = getattr(column_type, "length", None)
        if isinstance(column_type, String) and length is not None and len(value) > length:
            label = field_label(table, column)
            problems.append(_("“{field}”过长（最多 {n} 个字符）").format(field=label, n=length))
    elif isinstance(value, int) and not isinstance(value, bool):
        for kind, limit in INT_RANGES:
            if isinstance(column_type, kind):
                if not -limit - 1 <= value <= limit:
                    label = field_label(table, column)
                    problems.append(
                        _("“{field}”超出范围（最大 {limit}）").format(field=label, limit=limit)
                    )
                break
    return problems


def row_problems(obj: object) -> list[str]:
    table = getattr(obj, "__table__", None)
    if table is None:
        return []
    problems: list[str] = []
    state = obj.__dict__
    for column in table.columns:
        key = column.key
        if key in state:
            problems.extend(value_problems(table.name, key, column.type, state[key]))
    return problems


def check_rows(table: Any, rows: Sequence[Mapping[str, object]]) -> None:
    """Refuse rows about to be inserted with Core (no flush checks them) as a flush would."""
    problems: list[str] = []
    columns = table.c
    for row in rows:
        for key, value in row.items():
            problems.extend(value_problems(table.name, key, columns[key].type, value))
    if problems:
        raise ValidationError(list(dict.fromkeys(problems)))


def _check_flush(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    problems: list[str] = []
    for obj in (*session.new, *session.dirty):
        problems.extend(row_problems(obj))
    if problems:
        raise ValidationError(list(dict.fromkeys(problems)))


def install() -> None:
    """Check every flush of every session (idempotent)."""
    if not event.contains(Session, "before_flush", _check_flush):
        event.listen(Session, "before_flush", _check_flush)


def text_limit(table: str, column: str) -> int:
    """The longest text the database keeps in `table.column` (for a form's maxLength)."""
    from db.models import Base

    length = getattr(Base.metadata.tables[table].c[column].type, "length", None)
    if not isinstance(length, int):
        raise ValueError(f"{table}.{column} has no length limit")
    return length
