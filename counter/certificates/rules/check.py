"""The whole defect check: every content rule over one certificate or a batch.

`check_certificate` runs when a certificate is saved or imported and again at review;
`check_batch` also finds numbers repeated inside the batch.  Both are pure: the
registers come in a prepared `CheckContext` (see `make_context`).  The release gate
(rule 17) is separate: `counter.certificates.rules.gate`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from counter.certificates.rules.codes import defect
from counter.certificates.rules.context import CheckContext
from counter.certificates.rules.defects import Defect
from counter.certificates.rules.document import (
    check_calibration_statements,
    check_conclusion,
    check_type_result,
    check_validity,
)
from counter.certificates.rules.item import (
    check_dates,
    check_intake,
    check_original_record,
    check_record_number,
    check_regulation,
)
from counter.certificates.rules.lab import (
    check_accuracy_wording,
    check_adjustment,
    check_environment,
    check_results,
    check_standards,
    check_statement,
)
from counter.certificates.rules.model import Certificate
from counter.certificates.rules.people import check_amendment, check_number, check_signatories

Rule = Callable[[Certificate, CheckContext], list[Defect]]

#: Every content rule, in the order its findings are listed (rule 1 … 16, then C18, C20).
RULE_FUNCTIONS: tuple[Rule, ...] = (
    check_type_result,
    check_conclusion,
    check_validity,
    check_calibration_statements,
    check_signatories,
    check_number,
    check_intake,
    check_dates,
    check_regulation,
    check_record_number,
    check_standards,
    check_environment,
    check_results,
    check_adjustment,
    check_statement,
    check_amendment,
    check_accuracy_wording,
    check_original_record,
)


def check_certificate(cert: Certificate, ctx: CheckContext) -> list[Defect]:
    """Every defect of `cert`, blocking ones and warnings, in rule order."""
    found: list[Defect] = []
    for rule in RULE_FUNCTIONS:
        found += rule(cert, ctx)
    return found


def check_batch(certs: Sequence[Certificate], ctx: CheckContext) -> list[list[Defect]]:
    """`check_certificate` for each; a number used twice in the batch is flagged on the second."""
    first: dict[str, int] = {}
    out: list[list[Defect]] = []
    for i, cert in enumerate(certs):
        found = check_certificate(cert, ctx)
        number = cert.number.strip()
        if number:
            if number in first:
                found.append(
                    defect(
                        "C06-NUMBER-USED",
                        "证书编号 {number} 在本批中重复（与第 {other} 份相同）",
                        "number",
                        number=number,
                        other=first[number] + 1,
                    )
                )
            else:
                first[number] = i
        out.append(found)
    return out


def count_defects(defects: Sequence[Defect]) -> tuple[int, int]:
    """(blocking, warnings): the counts the review queue shows."""
    blocking = sum(1 for d in defects if d.blocking)
    return blocking, len(defects) - blocking
