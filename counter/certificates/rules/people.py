"""Rules 5, 6 and 16: who signed, the certificate number and pages, amendments."""

from __future__ import annotations

from counter.certificates.rules.codes import defect
from counter.certificates.rules.common import ROLE, VERB, instrument_type, person_label
from counter.certificates.rules.context import CheckContext
from counter.certificates.rules.defects import Defect, Text
from counter.certificates.rules.model import Certificate, CertType, SignRole
from counter.certificates.rules.values import base_number

_SIGNER: dict[CertType, Text] = {
    CertType.VERIFICATION_CERTIFICATE: Text("检定员", "verifier"),
    CertType.VERIFICATION_NOTICE: Text("检定员", "verifier"),
    CertType.CALIBRATION_CERTIFICATE: Text("校准员", "calibrator"),
    CertType.TEST_REPORT: Text("检测员", "tester"),
}


#: what each signatory is called on each document
_LABELS: dict[CertType, dict[SignRole, Text]] = {
    kind: {role: signer if role is SignRole.VERIFIER else ROLE[role] for role in SignRole}
    for kind, signer in _SIGNER.items()
}


def check_signatories(cert: Certificate, ctx: CheckContext) -> list[Defect]:
    """Rule 5: three different people, each known and authorised on the verification date."""
    out: list[Defect] = []
    seen: dict[str, Text] = {}
    on = cert.performed or ctx.today
    kind = instrument_type(cert, ctx)
    persons, signing = ctx.persons, ctx.signing
    labels = _LABELS[cert.type]
    for role, person in cert.signatories:
        person = person.strip()
        if not person:
            label = labels[role]
            out.append(defect("C05-SIGNATORY-MISSING", "缺{role}", role.value, role=label))
            continue
        if person in seen:
            out.append(
                defect(
                    "C05-SIGNATORY-SAME",
                    "{first}和{second}是同一人（{person}）",
                    role.value,
                    first=seen[person],
                    second=labels[role],
                    person=person_label(person, ctx),
                )
            )
            continue
        seen[person] = label = labels[role]
        if persons is not None and person not in persons:
            out.append(
                defect(
                    "C05-PERSON-UNKNOWN",
                    "{role}“{person}”不在人员名册中",
                    role.value,
                    role=label,
                    person=person,
                )
            )
            continue
        if signing is None:
            continue
        until = signing.get((person, kind, role))
        if until is None:
            out.append(
                defect(
                    "C05-NOT-AUTHORISED",
                    "{role} {person} 没有“{kind}”的{verb}授权",
                    role.value,
                    role=label,
                    person=person_label(person, ctx),
                    kind=kind,
                    verb=VERB[cert.type],
                )
            )
        elif until < on:
            out.append(
                defect(
                    "C05-AUTH-EXPIRED",
                    "{role} {person} 的“{kind}”授权有效期至 {until}，早于{verb}日期 {on}",
                    role.value,
                    role=label,
                    person=person_label(person, ctx),
                    kind=kind,
                    until=until,
                    verb=VERB[cert.type],
                    on=on,
                )
            )
    return out


def check_number(cert: Certificate, ctx: CheckContext) -> list[Defect]:
    """Rule 6: number present, in the institute's format, never used before; pages numbered."""
    out: list[Defect] = []
    number = cert.number.strip()
    if not number:
        out.append(defect("C06-NUMBER-MISSING", "缺证书编号", "number"))
    else:
        match = ctx.number_pattern.fullmatch(number)
        if match is None:
            out.append(
                defect(
                    "C06-NUMBER-FORMAT",
                    "证书编号“{number}”不符合本所的编号规则",
                    "number",
                    number=number,
                )
            )
        elif "order" in ctx.number_pattern.groupindex and (order := match.group("order")):
            item_order = cert.item_number[:-3]
            if item_order.isdigit() and order != item_order:
                out.append(
                    defect(
                        "C06-NUMBER-ORDER",
                        "证书编号 {number} 不属于该器具的委托单 {order}",
                        "number",
                        number=number,
                        order=item_order,
                    )
                )
        if ctx.used_numbers is not None and number in ctx.used_numbers:
            out.append(
                defect(
                    "C06-NUMBER-USED",
                    "证书编号 {number} 已被另一份证书使用",
                    "number",
                    number=number,
                )
            )
    out.extend(check_pages(cert))
    return out


def check_pages(cert: Certificate) -> list[Defect]:
    count = cert.page_count
    if count is None or count < 1:
        return [defect("C06-PAGES", "未记录总页数（“共 y 页”）", "page_count")]
    if cert.page_numbers and cert.page_numbers != tuple(range(1, count + 1)):
        return [
            defect(
                "C06-PAGES",
                "页码与总页数不符：共 {count} 页，各页标为 {pages}",
                "page_numbers",
                count=count,
                pages="、".join(str(p) for p in cert.page_numbers),
            )
        ]
    return []


def check_amendment(cert: Certificate, ctx: CheckContext) -> list[Defect]:
    """Rule 16: a reissue names what changed and why, and the certificate it replaces."""
    old, number = cert.supersedes.strip(), cert.number.strip()
    reason = cert.amendment_reason.strip()
    if not old:
        if reason:
            return [
                defect(
                    "C16-AMENDMENT-REFERENCE",
                    "写了修改原因，但未注明替代哪份证书",
                    "supersedes",
                )
            ]
        if number and base_number(number) != number:
            return [
                defect(
                    "C16-AMENDMENT-REFERENCE",
                    "证书编号 {number} 带重发后缀，但未注明替代哪份证书",
                    "supersedes",
                    number=number,
                )
            ]
        return []
    if old == number:
        return [
            defect(
                "C16-AMENDMENT-REFERENCE",
                "证书不能替代它自己（{number}）",
                "supersedes",
                number=number,
            )
        ]
    out: list[Defect] = []
    if not reason:
        out.append(
            defect(
                "C16-AMENDMENT-REASON",
                "本证书替代 {old}，但未写明修改内容和原因",
                "amendment_reason",
                old=old,
            )
        )
    if ctx.used_numbers is not None and old not in ctx.used_numbers:
        out.append(
            defect("C16-AMENDMENT-UNKNOWN", "被替代的证书 {old} 查无此编号", "supersedes", old=old)
        )
    if number and base_number(number) != base_number(old):
        out.append(
            defect(
                "C16-AMENDMENT-NUMBER",
                "替代证书编号 {number} 未沿用原证书编号（应为 {base}-NNN）",
                "number",
                number=number,
                base=base_number(old),
            )
        )
    return out
