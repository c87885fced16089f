"""Rules 11–15, C18 and C19: standards, conditions, results, adjustment, statements, wording."""

from __future__ import annotations

import re

from counter.certificates.rules.codes import defect
from counter.certificates.rules.common import FIELD, VERB, catalog_entry, fmt_number, has_digit
from counter.certificates.rules.context import CheckContext, EnvLimit
from counter.certificates.rules.defects import Defect, Text
from counter.certificates.rules.model import Certificate, CertType, ResultRow
from counter.certificates.rules.values import norm_unit, number

_ACCURACY_ALONE = re.compile(r"准确度(?!等级)")


def check_standards(cert: Certificate, ctx: CheckContext) -> list[Defect]:
    """Rule 11 and C19: each standard with its certificate, valid on the day, and its range."""
    if not cert.standards:
        return [
            defect(
                "C11-STANDARD-NONE",
                "未列出{verb}所用的计量标准器具",
                "standards",
                verb=VERB[cert.type],
            )
        ]
    out: list[Defect] = []
    on = cert.performed
    for i, std in enumerate(cert.standards):
        at = f"standards[{i}]"
        name = std.name.strip() or f"#{i + 1}"
        if std.ref and ctx.standards is not None:
            known = ctx.standards.get(std.ref)
            if known is None:
                out.append(
                    defect(
                        "C11-STANDARD-UNKNOWN",
                        "计量标准“{name}”（台账编号 {ref}）不在标准台账中",
                        f"{at}.ref",
                        name=name,
                        ref=std.ref,
                    )
                )
            else:
                for attr, theirs, ours in (
                    ("certificate_number", known.certificate_number, std.certificate_number),
                    ("valid_until", known.valid_until, std.valid_until),
                ):
                    if theirs and ours and theirs != ours:
                        out.append(
                            defect(
                                "C11-STANDARD-REGISTER",
                                "计量标准“{name}”的{what}与台账不一致：台账 {theirs}，证书 {ours}",
                                f"{at}.{attr}",
                                name=name,
                                what=FIELD[attr],
                                theirs=theirs,
                                ours=ours,
                            )
                        )
        if not std.certificate_number.strip():
            out.append(
                defect(
                    "C11-STANDARD-CERT-MISSING",
                    "计量标准“{name}”缺检定/校准证书编号",
                    f"{at}.certificate_number",
                    name=name,
                )
            )
        if std.valid_until is None:
            out.append(
                defect(
                    "C11-STANDARD-VALIDITY-MISSING",
                    "计量标准“{name}”缺证书有效期",
                    f"{at}.valid_until",
                    name=name,
                )
            )
        elif on is not None and std.valid_until < on:
            out.append(
                defect(
                    "C11-STANDARD-EXPIRED",
                    "计量标准“{name}”的证书有效期至 {until}，{verb}日期 {on} 时已过期",
                    f"{at}.valid_until",
                    name=name,
                    until=std.valid_until,
                    verb=VERB[cert.type],
                    on=on,
                )
            )
        if not std.range.strip():
            out.append(
                defect("C19-STANDARD-RANGE", "计量标准“{name}”缺测量范围", f"{at}.range", name=name)
            )
    return out


def _limit_text(limit: EnvLimit) -> str:
    unit = limit.unit
    if limit.low is not None and limit.high is not None:
        return f"{fmt_number(limit.low)}～{fmt_number(limit.high)} {unit}".strip()
    if limit.low is not None:
        return f"≥ {fmt_number(limit.low)} {unit}".strip()
    return f"≤ {fmt_number(limit.high or 0.0)} {unit}".strip()


def check_environment(cert: Certificate, ctx: CheckContext) -> list[Defect]:
    """Rule 12: location and conditions recorded, within the regulation's limits."""
    out: list[Defect] = []
    v = VERB[cert.type]
    if not cert.location.strip():
        out.append(defect("C12-LOCATION-MISSING", "缺{verb}地点", "location", verb=v))
    if not cert.environment:
        out.append(defect("C12-ENVIRONMENT-MISSING", "缺环境条件（温度、湿度等）", "environment"))
        return out
    entry = catalog_entry(cert, ctx)
    if entry is None:
        return out
    for limit in entry.env_limits:
        found = [(i, c) for i, c in enumerate(cert.environment) if limit.quantity in c.quantity]
        if not found:
            out.append(
                defect(
                    "C12-ENVIRONMENT-MISSING",
                    "未记录{quantity}（规程要求 {limit}）",
                    "environment",
                    quantity=limit.quantity,
                    limit=_limit_text(limit),
                )
            )
            continue
        for i, cond in found:
            value = number(cond.value)
            if value is None or (limit.unit and norm_unit(cond.unit) != norm_unit(limit.unit)):
                continue
            if (limit.low is not None and value < limit.low) or (
                limit.high is not None and value > limit.high
            ):
                out.append(
                    defect(
                        "C12-ENVIRONMENT-LIMIT",
                        "{quantity} {value} {unit} 超出规程要求的 {limit}",
                        f"environment[{i}].value",
                        quantity=cond.quantity,
                        value=cond.value,
                        unit=cond.unit,
                        limit=_limit_text(limit),
                    )
                )
    return out


def _unit_defects(rows: tuple[ResultRow, ...], name: str) -> list[Defect]:
    if not rows:
        return []
    return [
        defect(
            "C13-UNIT-MISSING",
            "第 {row} 行“{quantity}”缺计量单位",
            f"{name}[{i}].unit",
            row=i + 1,
            quantity=row.quantity,
        )
        for i, row in enumerate(rows)
        if not row.unit.strip() and has_digit(row.nominal + row.measured + row.error)
    ]


def check_results(cert: Certificate, ctx: CheckContext) -> list[Defect]:
    """Rule 13: results present, with units; calibration results with their uncertainty."""
    if not cert.results:
        return [defect("C13-RESULTS-MISSING", "缺{verb}结果", "results", verb=VERB[cert.type])]
    out = _unit_defects(cert.results, "results") + _unit_defects(
        cert.results_before, "results_before"
    )
    if cert.type is CertType.CALIBRATION_CERTIFICATE:
        out += [
            defect(
                "C13-UNCERTAINTY-MISSING",
                "第 {row} 行“{quantity}”缺测量不确定度",
                f"results[{i}].uncertainty",
                row=i + 1,
                quantity=row.quantity,
            )
            for i, row in enumerate(cert.results)
            if not row.uncertainty.strip() and has_digit(row.measured)
        ]
    return out


def check_adjustment(cert: Certificate, ctx: CheckContext) -> list[Defect]:
    """Rule 14: an adjusted or repaired instrument shows results before and after."""
    if not (cert.adjusted or cert.repaired) or cert.results_before:
        return []
    what = (
        Text("调修", "adjusted and repaired")
        if cert.adjusted and cert.repaired
        else Text("调整", "adjusted")
        if cert.adjusted
        else Text("修理", "repaired")
    )
    return [
        defect(
            "C14-ADJUSTMENT-RESULTS",
            "器具经过{what}，但未给出调修前后的结果",
            "results_before",
            what=what,
        )
    ]


def check_statement(cert: Certificate, ctx: CheckContext) -> list[Defect]:
    """Rule 15: the statement that results relate only to the item."""
    text = cert.statement.strip()
    if not text:
        return [
            defect(
                "C15-ONLY-ITEM-STATEMENT",
                "缺“{verb}结果仅对所检器具有效”的声明",
                "statement",
                verb=VERB[cert.type],
            )
        ]
    if "仅" in text or "only" in text.lower():
        return []
    return [
        defect(
            "C15-ONLY-ITEM-STATEMENT",
            "声明“{text}”没有说明结果仅对所检器具有效",
            "statement",
            text=text,
        )
    ]


def check_accuracy_wording(cert: Certificate, ctx: CheckContext) -> list[Defect]:
    """C18: "准确度" alone where "准确度等级" is meant (auditors' finding)."""
    word = "准确度"
    places: list[tuple[str, str, Text]] = []  # only the texts where the word occurs at all
    if word in cert.accuracy_class:
        places.append(("accuracy_class", cert.accuracy_class, FIELD["accuracy_class"]))
    if word in cert.conclusion:
        places.append(("conclusion", cert.conclusion, FIELD["conclusion"]))
    if word in cert.remarks:
        places.append(("remarks", cert.remarks, FIELD["remarks"]))
    places += [
        (f"standards[{i}].accuracy", s.accuracy, FIELD["accuracy"])
        for i, s in enumerate(cert.standards)
        if word in s.accuracy
    ]
    places += [
        (f"results[{i}].quantity", r.quantity, FIELD["quantity"])
        for i, r in enumerate(cert.results)
        if word in r.quantity
    ]
    return [
        defect(
            "C18-ACCURACY-WORDING",
            "{what}写作“{text}”：表示等级时应写“准确度等级”",
            field,
            what=what,
            text=text.strip() if len(text.strip()) <= 40 else text.strip()[:40] + "…",
        )
        for field, text, what in places
        if _ACCURACY_ALONE.search(text)
    ]
