"""The certificate check's corpus: every document type and defect kind of the test corpus
(`tests/counter/certificates/cert_corpus/`: clean and defective certificates of all four
document types for six instrument types), bound to the dataset's items of those types.

Each item gets the next template of its own instrument type, made its own: the identity
(customer, instrument, model, serial, maker, class) and the dates come from the item's
intake record, the dates shifted as in the template, so a clean template stays clean.
Where the template deliberately differs from its own intake record (a serial typo, a
wrong class) the difference is kept, so its defect stays too.  The signatories'
authorisations are the sample registers' (`Corpus.authorisations`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import defaultdict
from pathlib import Path

from counter.certificates.rules import Certificate, IntakeRecord, parse_certificates
from counter.certificates.rules.samples import INTAKE, sample_context

CORPUS = Path(__file__).resolve().parent.parent / "tests/counter/certificates/cert_corpus"
IDENTITY = ("customer", "instrument_name", "model", "serial", "manufacturer", "accuracy_class")
_INTAKE = {r.item_number: r for r in INTAKE}


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


def bind(template: Certificate, record: IntakeRecord) -> Certificate:
    """`template` made the certificate of `record`'s item (see the module's doc)."""
    own = _INTAKE[template.item_number]
    fields: dict[str, object] = {"number": record.item_number, "item_number": record.item_number}
    for name in IDENTITY:
        if getattr(template, name) == getattr(own, name):
            fields[name] = getattr(record, name)
    if own.received and record.received:
        shift = record.received - own.received
        for name in ("received", "performed", "issued", "valid_until"):
            value = getattr(template, name)
            if value is not None:
                fields[name] = value + shift
    if own.accuracy_class and template.conclusion == f"{own.accuracy_class}级合格":
        klass = record.accuracy_class
        fields["conclusion"] = f"{klass}级合格" if klass else "合格"
    return dataclasses.replace(template, **fields)  # type: ignore[arg-type]


class Corpus:
    def __init__(self) -> None:
        self.templates = [t for t in templates() if t.item_number in _INTAKE]
        self.by_type: dict[str, list[Certificate]] = defaultdict(list)
        for t in self.templates:
            self.by_type[_INTAKE[t.item_number].instrument_type].append(t)
        self._next: dict[str, int] = defaultdict(int)

    @property
    def instrument_types(self) -> list[str]:
        return sorted(self.by_type)

    def authorisations(self) -> list[tuple[str, str, dt.date]]:
        """(person, instrument type, valid until) as in the sample registers."""
        grants = sample_context().authorisations or {}
        return [(a.person, a.instrument_type, a.valid_until)
                for each in grants.values() for a in each]  # fmt: skip

    def certificate(self, record: IntakeRecord) -> Certificate:
        """The next template of the item's type, bound to it."""
        own = self.by_type[record.instrument_type]
        k = self._next[record.instrument_type]
        self._next[record.instrument_type] = k + 1
        return bind(own[k % len(own)], record)
