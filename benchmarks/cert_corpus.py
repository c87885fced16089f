"""The certificate check's corpus: every document type and defect kind of the test corpus
(`tests/counter/certificates/cert_corpus/`, 40 files: clean and defective certificates of
all four document types), bound to the dataset's items.

Each of the dataset's items gets the next template of the corpus in turn, made its own:
the identity (customer, instrument, model, serial, maker, class) and the dates come from
the item's intake record, shifted as in the template, so a clean template stays clean.
Where the template deliberately differs from its own intake record (a serial typo, a
wrong class, a withdrawn regulation) the difference is kept, so its defect stays too.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from counter.certificates.rules import Certificate, IntakeRecord, parse_certificates
from counter.certificates.rules.samples import INTAKE

CORPUS = Path(__file__).resolve().parent.parent / "tests/counter/certificates/cert_corpus"
IDENTITY = ("customer", "instrument_name", "model", "serial", "manufacturer", "accuracy_class")


def templates() -> list[Certificate]:
    """Every certificate of the corpus, in file order (a batch file gives several)."""
    out: list[Certificate] = []
    for path in sorted(CORPUS.glob("*.json")):
        doc = json.loads(path.read_text("utf-8"))
        doc.pop("expected", None)
        doc.pop("description", None)
        result = parse_certificates(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
        if result.errors:
            raise ValueError(f"{path.name}: {[str(e) for e in result.errors]}")
        out.extend(result.certificates)
    if not out:
        raise FileNotFoundError(f"no certificate corpus in {CORPUS}")
    return out


def _clean_regulations(certs: list[Certificate]) -> dict[str, str]:
    intake = {r.item_number: r for r in INTAKE}
    out: dict[str, str] = {}
    for c in certs:
        own = intake.get(c.item_number)
        if own is not None and c.regulation:
            out.setdefault(own.instrument_type, c.regulation)  # the clean files come first
    return out


def bind(template: Certificate, record: IntakeRecord, regulation: str, clean_regs: dict[str, str],
         *, number: str) -> Certificate:  # fmt: skip
    """`template` made the certificate of `record`'s item (see the module's doc)."""
    own = {r.item_number: r for r in INTAKE}.get(template.item_number)
    fields: dict[str, object] = {"number": number, "item_number": record.item_number}
    for name in IDENTITY:
        theirs = getattr(own, name) if own is not None else None
        if own is None or getattr(template, name) == theirs:
            fields[name] = getattr(record, name)
    if own is not None and own.received and record.received:
        shift = record.received - own.received
        for name in ("received", "performed", "issued", "valid_until"):
            value = getattr(template, name)
            if value is not None:
                fields[name] = value + shift
    kind = own.instrument_type if own is not None else ""
    if template.regulation == clean_regs.get(kind, template.regulation):
        fields["regulation"] = regulation
    if own is not None and template.conclusion == f"{own.accuracy_class}级合格":
        klass = record.accuracy_class
        fields["conclusion"] = f"{klass}级合格" if klass else "合格"
    return dataclasses.replace(template, **fields)  # type: ignore[arg-type]


class Corpus:
    def __init__(self) -> None:
        self.templates = templates()
        self.clean_regs = _clean_regulations(self.templates)

    def certificate(self, k: int, record: IntakeRecord, regulation: str) -> Certificate:
        template = self.templates[k % len(self.templates)]
        return bind(template, record, regulation, self.clean_regs, number=record.item_number)
