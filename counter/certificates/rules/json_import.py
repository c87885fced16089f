"""Certificates from lab systems as JSON (format: docs/certificate-json.md).

`parse_certificates` checks the shape of the file only — malformed JSON, missing or
mistyped fields, unknown types and dates — and reports every problem it finds.  It is
all or nothing: with any problem, no certificate is returned, so nothing is saved half.
Content is judged afterwards by the defect check; what only the database can answer
(does the item exist, who is this person, is the number free) is returned in
`ImportResult.references` for the caller to resolve.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from counter.certificates.rules.json_fields import FieldReader, ImportProblem
from counter.certificates.rules.model import (
    TYPE_TITLES,
    Certificate,
    CertType,
    EnvCondition,
    ResultRow,
    StandardUsed,
    Verdict,
)
from counter.i18n import N_, _

REQUIRED = ("type", "number", "item_number")
TEXT_FIELDS = (
    "customer", "instrument_name", "model", "serial", "manufacturer", "accuracy_class",
    "regulation", "conclusion", "location", "record_number", "verifier", "checker",
    "approver", "specification", "decision_rule", "calibration_interval", "statement",
    "supersedes", "amendment_reason", "remarks",
)  # fmt: skip
DATE_FIELDS = ("received", "performed", "issued", "valid_until")
BOOL_FIELDS = (
    "adjusted", "repaired", "customer_requested_conformity", "customer_requested_interval",
)  # fmt: skip
LIST_FIELDS = ("environment", "standards", "results", "results_before")
OTHER_FIELDS = ("verdict", "page_count", "page_numbers")
FIELDS = frozenset(REQUIRED + TEXT_FIELDS + DATE_FIELDS + BOOL_FIELDS + LIST_FIELDS + OTHER_FIELDS)

ENV_FIELDS = ("quantity", "value", "unit")
STANDARD_FIELDS = ("name", "range", "accuracy", "certificate_number", "valid_until", "ref")
RESULT_FIELDS = ("quantity", "nominal", "measured", "error", "mpe", "uncertainty", "unit")

_TYPES: dict[str, CertType] = {t.value: t for t in CertType} | {
    zh: t for t, (zh, _en) in TYPE_TITLES.items()
}
_VERDICTS: dict[str, Verdict] = {v.value: v for v in Verdict} | {
    "合格": Verdict.PASS,
    "不合格": Verdict.FAIL,
}

# json's messages, in words a lab clerk reads
_JSON_MESSAGES = {
    "Expecting ',' delimiter": N_("缺逗号"),
    "Expecting ':' delimiter": N_("缺冒号"),
    "Expecting value": N_("缺少值或有多余的逗号"),
    "Expecting property name enclosed in double quotes": N_("字段名应使用双引号"),
    "Extra data": N_("JSON 结束后还有多余内容"),
    "Unterminated string starting at": N_("字符串没有结束引号"),
    "Invalid control character at": N_("字符串中有控制字符（如未转义的换行）"),
    "Invalid \\escape": N_("无效的转义序列"),
}


@dataclass(frozen=True, slots=True)
class References:
    """What the database must resolve before saving: unknown ones are import errors there."""

    item_numbers: frozenset[str]
    persons: frozenset[str]
    numbers: frozenset[str]  # must not be used yet
    superseded: frozenset[str]  # must exist
    standards: frozenset[str]  # register ids


@dataclass(frozen=True, slots=True)
class ImportResult:
    certificates: tuple[Certificate, ...]  # empty whenever `errors` is not
    errors: tuple[ImportProblem, ...]
    references: References

    @property
    def ok(self) -> bool:
        return not self.errors


_NO_REFS = References(frozenset(), frozenset(), frozenset(), frozenset(), frozenset())


def _failed(*problems: ImportProblem) -> ImportResult:
    return ImportResult((), tuple(problems), _NO_REFS)


def _json_problem(error: json.JSONDecodeError) -> ImportProblem:
    said = _JSON_MESSAGES.get(error.msg)
    text = _(said) if said else error.msg
    return ImportProblem(
        None, "", _("JSON 格式错误：{what}").format(what=text), error.lineno, error.colno
    )


def _pairs(duplicates: list[str]) -> Any:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                duplicates.append(key)
            out[key] = value
        return out

    return hook


def _documents(data: bytes) -> tuple[list[Any], list[ImportProblem]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        message = _("文件不是 UTF-8 编码的文本（第 {pos} 字节）").format(pos=error.start + 1)
        return [], [ImportProblem(None, "", message)]
    duplicates: list[str] = []
    try:
        doc = json.loads(text, parse_float=Decimal, object_pairs_hook=_pairs(duplicates))
    except json.JSONDecodeError as error:
        return [], [_json_problem(error)]
    except (RecursionError, ValueError):  # nested thousands deep, a number of 5,000 digits
        return [], [ImportProblem(None, "", _("文件内容无法读取：嵌套层数过多或数字过长"))]
    problems = [
        ImportProblem(None, key, _("同一对象中字段重复出现")) for key in dict.fromkeys(duplicates)
    ]
    if isinstance(doc, dict) and "certificates" in doc and "type" not in doc:
        extra = [k for k in doc if k != "certificates"]
        problems += [ImportProblem(None, k, _("未知字段")) for k in extra]
        items = doc["certificates"]
        if not isinstance(items, list):
            problems.append(ImportProblem(None, "certificates", _("应为证书数组")))
            return [], problems
        if not items:
            problems.append(ImportProblem(None, "certificates", _("文件中没有证书")))
        return items, problems
    if isinstance(doc, dict):
        return [doc], problems
    problems.append(ImportProblem(None, "", _('文件应为一份证书对象，或 {"certificates": [...]}')))
    return [], problems


def _verdict_from(conclusion: str) -> Verdict:
    if "不合格" in conclusion:
        return Verdict.FAIL
    return Verdict.PASS if "合格" in conclusion else Verdict.NONE


def _rows(r: FieldReader, obj: dict[str, Any], key: str) -> tuple[ResultRow, ...]:
    rows = []
    for i, row in enumerate(r.objects(obj, key, key)):
        at = f"{key}[{i}]"
        r.unknown_keys(row, RESULT_FIELDS, at + ".")
        values = {f: r.value_text(row, f, f"{at}.{f}") for f in RESULT_FIELDS if f != "quantity"}
        rows.append(ResultRow(r.text(row, "quantity", f"{at}.quantity", True), **values))
    return tuple(rows)


def _standards(r: FieldReader, obj: dict[str, Any]) -> tuple[StandardUsed, ...]:
    out = []
    for i, std in enumerate(r.objects(obj, "standards", "standards")):
        at = f"standards[{i}]"
        r.unknown_keys(std, STANDARD_FIELDS, at + ".")
        texts = {f: r.text(std, f, f"{at}.{f}") for f in ("range", "accuracy", "ref")}
        out.append(
            StandardUsed(
                name=r.text(std, "name", f"{at}.name", True),
                certificate_number=r.text(std, "certificate_number", f"{at}.certificate_number"),
                valid_until=r.date(std, "valid_until", f"{at}.valid_until"),
                **texts,
            )
        )
    return tuple(out)


def _environment(r: FieldReader, obj: dict[str, Any]) -> tuple[EnvCondition, ...]:
    out = []
    for i, env in enumerate(r.objects(obj, "environment", "environment")):
        at = f"environment[{i}]"
        r.unknown_keys(env, ENV_FIELDS, at + ".")
        out.append(
            EnvCondition(
                r.text(env, "quantity", f"{at}.quantity", True),
                r.value_text(env, "value", f"{at}.value"),
                r.text(env, "unit", f"{at}.unit"),
            )
        )
    return tuple(out)


def _certificate(index: int, obj: Any, problems: list[ImportProblem]) -> Certificate | None:
    r = FieldReader(index, problems)
    if not isinstance(obj, dict):
        r.problem("", _("应为证书对象"))
        return None
    before = len(problems)
    r.unknown_keys(obj, FIELDS, "")
    for key in REQUIRED:
        if obj.get(key) is None:  # absent, or null
            r.problem(key, _("缺少必填字段"))
    kind = r.choice(obj, "type", "type", _TYPES)
    texts = {f: r.text(obj, f, f) for f in TEXT_FIELDS}
    verdict = r.choice(obj, "verdict", "verdict", _VERDICTS)
    values: dict[str, Any] = {
        **texts,
        **{f: r.date(obj, f, f) for f in DATE_FIELDS},
        **{f: r.boolean(obj, f, f) for f in BOOL_FIELDS},
    }
    cert = Certificate(
        type=kind or CertType.VERIFICATION_CERTIFICATE,
        number=r.text(obj, "number", "number"),
        item_number=r.text(obj, "item_number", "item_number"),
        verdict=verdict if verdict is not None else _verdict_from(texts["conclusion"]),
        environment=_environment(r, obj),
        standards=_standards(r, obj),
        results=_rows(r, obj, "results"),
        results_before=_rows(r, obj, "results_before"),
        page_count=r.integer(obj, "page_count", "page_count"),
        page_numbers=r.integers(obj, "page_numbers", "page_numbers"),
        **values,
    )
    return cert if len(problems) == before and kind is not None else None


def parse_certificates(data: bytes) -> ImportResult:
    """Parse one certificate or `{"certificates": [...]}`; all or nothing."""
    items, problems = _documents(data)
    certs: list[Certificate] = []
    seen: dict[str, int] = {}
    for index, obj in enumerate(items):
        cert = _certificate(index, obj, problems)
        if cert is None:
            continue
        certs.append(cert)
        number = cert.number.strip()
        if number and number in seen:
            message = _("证书编号 {number} 在文件中重复（与第 {other} 份相同）").format(
                number=number, other=seen[number] + 1
            )
            problems.append(ImportProblem(index, "number", message))
        seen.setdefault(number, index)
    if problems:
        return _failed(*problems)
    return ImportResult(
        tuple(certs),
        (),
        References(
            item_numbers=frozenset(c.item_number for c in certs),
            persons=frozenset(p for c in certs for _r, p in c.signatories if p.strip()),
            numbers=frozenset(c.number for c in certs if c.number.strip()),
            superseded=frozenset(c.supersedes for c in certs if c.supersedes.strip()),
            standards=frozenset(s.ref for c in certs for s in c.standards if s.ref),
        ),
    )
