"""Certificates: content, the automatic defect check, JSON import and the release gate.

Pure functions over frozen dataclasses: no database, no Qt, no I/O.  The database layer
builds a `CheckContext` from its tables (`make_context`) and stores what these
functions return; the review screen shows `check_certificate`'s defects beside the PDF.
"""

from __future__ import annotations

from counter.certificates.rules.check import (
    RULE_FUNCTIONS,
    check_batch,
    check_certificate,
    count_defects,
)
from counter.certificates.rules.codes import RULES, Rule
from counter.certificates.rules.context import (
    Authorisation,
    CatalogEntry,
    CheckContext,
    EnvLimit,
    IntakeRecord,
    OriginalRecord,
    Person,
    Regulation,
    Standard,
    make_context,
)
from counter.certificates.rules.defects import Defect, Severity
from counter.certificates.rules.gate import may_release, release_defects
from counter.certificates.rules.json_export import (
    canonical_json,
    certificate_to_dict,
    certificates_to_json,
)
from counter.certificates.rules.json_fields import ImportProblem
from counter.certificates.rules.json_import import ImportResult, References, parse_certificates
from counter.certificates.rules.model import (
    DEFAULT_STATEMENTS,
    TYPE_TITLES,
    Certificate,
    CertType,
    EnvCondition,
    FinalCheck,
    Override,
    ResultRow,
    SignRole,
    StandardUsed,
    Verdict,
    compose_conclusion,
)
from counter.certificates.rules.values import (
    DEFAULT_NUMBER_PATTERN,
    base_number,
    check_number_format,
    propose_valid_until,
    reissue_number,
)

__all__ = [
    "DEFAULT_NUMBER_PATTERN",
    "DEFAULT_STATEMENTS",
    "RULES",
    "RULE_FUNCTIONS",
    "TYPE_TITLES",
    "Authorisation",
    "CatalogEntry",
    "CertType",
    "Certificate",
    "CheckContext",
    "Defect",
    "EnvCondition",
    "EnvLimit",
    "FinalCheck",
    "ImportProblem",
    "ImportResult",
    "IntakeRecord",
    "OriginalRecord",
    "Override",
    "Person",
    "References",
    "Regulation",
    "ResultRow",
    "Rule",
    "Severity",
    "SignRole",
    "Standard",
    "StandardUsed",
    "Verdict",
    "base_number",
    "canonical_json",
    "certificate_to_dict",
    "certificates_to_json",
    "check_batch",
    "check_certificate",
    "check_number_format",
    "compose_conclusion",
    "count_defects",
    "make_context",
    "may_release",
    "parse_certificates",
    "propose_valid_until",
    "reissue_number",
    "release_defects",
]
