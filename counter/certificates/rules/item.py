"""Rules 7–10 and C20: the item as registered, dates, regulation, original record."""

from __future__ import annotations

from operator import attrgetter

from counter.certificates.rules.codes import defect
from counter.certificates.rules.common import (
    FIELD,
    VERB,
    VERDICT,
    catalog_entry,
    instrument_type,
    intake_of,
)
from counter.certificates.rules.context import CheckContext
from counter.certificates.rules.defects import Defect, Text, shown
from counter.certificates.rules.model import VERIFICATION_TYPES, Certificate, ResultRow
from counter.certificates.rules.values import class_rank, norm_regulation, same_text

_COMPARED = ("customer", "instrument_name", "model", "serial", "manufacturer")
_compared = attrgetter(*_COMPARED)
_ISSUE = Text("签发", "issue")


def check_intake(cert: Certificate, ctx: CheckContext) -> list[Defect]:
    """Rule 7: customer and instrument as on the intake record of the item."""
    if ctx.intake is None:
        return []
    record = ctx.intake.get(cert.item_number)
    if record is None:
        return [
            defect(
                "C07-INTAKE-MISSING",
                "收件登记中没有器具编号 {item}",
                "item_number",
                item=shown(cert.item_number),
            )
        ]
    out: list[Defect] = []
    for name, registered, stated in zip(_COMPARED, _compared(record), _compared(cert), strict=True):
        if registered != stated and registered.strip() and not same_text(registered, stated):
            out.append(
                defect(
                    "C07-INTAKE-MISMATCH",
                    "{field}与收件登记不一致：登记 {registered}，证书 {stated}",
                    name,
                    field=FIELD[name],
                    registered=registered.strip(),
                    stated=shown(stated),
                )
            )
    if record.received and cert.received and record.received != cert.received:
        out.append(
            defect(
                "C07-INTAKE-MISMATCH",
                "{field}与收件登记不一致：登记 {registered}，证书 {stated}",
                "received",
                field=FIELD["received"],
                registered=record.received,
                stated=cert.received,
            )
        )
    own, registered_class = cert.accuracy_class, record.accuracy_class
    if (
        own.strip()
        and registered_class.strip()
        and not same_text(own, registered_class)
        and (class_rank(own) is None or class_rank(own) != class_rank(registered_class))
    ):
        out.append(
            defect(
                "C07-CLASS-MISMATCH",
                "准确度等级与收件登记不一致：登记 {registered}，证书 {stated}",
                "accuracy_class",
                registered=registered_class,
                stated=own,
            )
        )
    return out


def check_dates(cert: Certificate, ctx: CheckContext) -> list[Defect]:
    """Rule 8: received ≤ performed ≤ issued, none in the future."""
    out: list[Defect] = []
    v = VERB[cert.type]
    performed, issued = cert.performed, cert.issued
    if performed is None:
        out.append(defect("C08-DATE-MISSING", "缺{verb}日期", "performed", verb=v))
    if issued is None:
        out.append(defect("C08-DATE-MISSING", "缺签发日期", "issued"))
    record = intake_of(cert, ctx)
    received = cert.received or (record.received if record is not None else None)
    if received and performed and performed < received:
        out.append(
            defect(
                "C08-DATE-ORDER",
                "{verb}日期 {performed} 早于收件日期 {received}",
                "performed",
                verb=v,
                performed=performed,
                received=received,
            )
        )
    if performed and issued and issued < performed:
        out.append(
            defect(
                "C08-DATE-ORDER",
                "签发日期 {issued} 早于{verb}日期 {performed}",
                "issued",
                verb=v,
                performed=performed,
                issued=issued,
            )
        )
    for name, day, what in (("performed", performed, v), ("issued", issued, _ISSUE)):
        if day is not None and day > ctx.today:
            out.append(
                defect(
                    "C08-DATE-FUTURE",
                    "{what}日期 {day} 在今天（{today}）之后",
                    name,
                    what=what,
                    day=day,
                    today=ctx.today,
                )
            )
    return out


def check_regulation(cert: Certificate, ctx: CheckContext) -> list[Defect]:
    """Rule 9: the regulation is known, the catalogue's one, in force on the day."""
    v = VERB[cert.type]
    if not cert.regulation.strip():
        return [
            defect("C09-REGULATION-MISSING", "缺{verb}依据（规程或规范编号）", "regulation", verb=v)
        ]
    code = norm_regulation(cert.regulation)
    out: list[Defect] = []
    reg = None
    if ctx.regulations is not None:
        reg = ctx.regulations.get(code)
        if reg is None:
            verification = cert.type in VERIFICATION_TYPES
            out.append(
                defect(
                    "C09-REGULATION-UNKNOWN-VERIFICATION"
                    if verification
                    else "C09-REGULATION-UNKNOWN",
                    "{verb}依据“{regulation}”不在规程目录中",
                    "regulation",
                    verb=v,
                    regulation=cert.regulation.strip(),
                )
            )
    if (
        cert.type in VERIFICATION_TYPES
        and (entry := catalog_entry(cert, ctx)) is not None
        and entry.regulation.strip()
    ):
        expected = norm_regulation(entry.regulation)
        named = ctx.regulations.get(expected) if ctx.regulations is not None else None
        successor = norm_regulation(named.superseded_by) if named and named.superseded_by else ""
        if code not in (expected, successor):
            out.append(
                defect(
                    "C09-REGULATION-NOT-CATALOGUE",
                    "目录规定“{kind}”按 {expected} 检定，证书依据 {actual}",
                    "regulation",
                    kind=instrument_type(cert, ctx),
                    expected=entry.regulation,
                    actual=cert.regulation.strip(),
                )
            )
    on = cert.performed
    if reg is not None and on is not None:
        if reg.superseded_on is not None and on >= reg.superseded_on:
            by = (
                Text(f"（由 {reg.superseded_by} 代替）", f" (replaced by {reg.superseded_by})")
                if reg.superseded_by
                else ""
            )
            out.append(
                defect(
                    "C09-REGULATION-SUPERSEDED",
                    "{regulation} 已于 {day} 废止{by}，{verb}日期为 {on}",
                    "regulation",
                    regulation=reg.code,
                    day=reg.superseded_on,
                    by=by,
                    verb=v,
                    on=on,
                )
            )
        elif reg.effective is not None and on < reg.effective:
            out.append(
                defect(
                    "C09-REGULATION-SUPERSEDED",
                    "{regulation} 自 {day} 起实施，{verb}日期 {on} 时尚未实施",
                    "regulation",
                    regulation=reg.code,
                    day=reg.effective,
                    verb=v,
                    on=on,
                )
            )
    return out


def check_record_number(cert: Certificate, ctx: CheckContext) -> list[Defect]:
    """Rule 10: the original record is named."""
    if cert.record_number.strip():
        return []
    return [defect("C10-RECORD-MISSING", "缺原始记录编号", "record_number")]


def check_original_record(cert: Certificate, ctx: CheckContext) -> list[Defect]:
    """C20: what the certificate says matches the original record, where the record is known."""
    number = cert.record_number.strip()
    if ctx.records is None or not number:
        return []
    rec = ctx.records.get(number)
    if rec is None:  # the lab system did not send this record: nothing to compare
        return []
    out: list[Defect] = []
    mismatch = "C20-RECORD-MISMATCH"
    if rec.item_number != cert.item_number:
        out.append(
            defect(
                mismatch,
                "原始记录 {record} 属于器具 {theirs}，不是 {ours}",
                "record_number",
                record=number,
                theirs=rec.item_number,
                ours=cert.item_number,
            )
        )
    if rec.performed is not None and rec.performed != cert.performed:
        out.append(
            defect(
                mismatch,
                "{verb}日期与原始记录不符：记录 {theirs}，证书 {ours}",
                "performed",
                verb=VERB[cert.type],
                theirs=rec.performed,
                ours=cert.performed.isoformat() if cert.performed else shown(""),
            )
        )
    if rec.verdict is not None and rec.verdict is not cert.verdict:
        out.append(
            defect(
                mismatch,
                "结论与原始记录不符：记录 {theirs}，证书 {ours}",
                "verdict",
                theirs=VERDICT[rec.verdict],
                ours=VERDICT[cert.verdict],
            )
        )
    if rec.results:
        out.extend(_compare_results(cert, rec.results))
    return out


def _compare_results(cert: Certificate, rows: tuple[ResultRow, ...]) -> list[Defect]:
    if len(rows) != len(cert.results):
        return [
            defect(
                "C20-RECORD-MISMATCH",
                "结果行数与原始记录不符：记录 {theirs} 行，证书 {ours} 行",
                "results",
                theirs=len(rows),
                ours=len(cert.results),
            )
        ]
    out: list[Defect] = []
    for i, (theirs, ours) in enumerate(zip(rows, cert.results, strict=True)):
        if not same_text(theirs.measured, ours.measured):
            out.append(
                defect(
                    "C20-RECORD-MISMATCH",
                    "第 {row} 行“{quantity}”示值与原始记录不符：记录 {theirs}，证书 {ours}",
                    f"results[{i}].measured",
                    row=i + 1,
                    quantity=ours.quantity,
                    theirs=shown(theirs.measured),
                    ours=shown(ours.measured),
                )
            )
    return out
