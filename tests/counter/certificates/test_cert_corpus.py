"""A corpus of realistic certificates, clean and defective, with the findings expected.

Each file in `cert_corpus/` is an import file (docs/certificate-json.md) plus two keys
the importer does not know: "description" and "expected" (the sorted defect codes; a
list of lists for a batch).  The test imports each file with the real parser and checks
the findings against the sample registers exactly.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from counter.certificates.rules import CertType, check_batch, parse_certificates
from counter.certificates.rules.samples import sample_context

CORPUS = Path(__file__).parent / "cert_corpus"
FILES = sorted(CORPUS.glob("*.json"))


def load(path: Path) -> tuple[bytes, list[list[str]], bool]:
    doc: dict[str, Any] = json.loads(path.read_text("utf-8"))
    expected = doc.pop("expected")
    doc.pop("description")
    batch = "certificates" in doc
    data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    return data, expected if batch else [expected], batch


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_corpus_findings(path: Path) -> None:
    data, expected, _ = load(path)
    result = parse_certificates(data)
    assert result.errors == (), [str(e) for e in result.errors]
    found = check_batch(result.certificates, sample_context())
    assert [sorted(d.code for d in defects) for defects in found] == expected


def test_corpus_covers_the_ground() -> None:
    certs = [c for path in FILES for c in parse_certificates(load(path)[0]).certificates]
    expected = [codes for path in FILES for codes in load(path)[1]]
    assert len(certs) >= 30
    assert set(Counter(c.type for c in certs)) == set(CertType)
    assert sum(1 for codes in expected if not codes) >= 10  # clean ones
    assert sum(1 for codes in expected if codes) >= 20  # defective ones
    regulations = {c.regulation for c in certs}
    assert {"JJG 539-2016", "JJG 270-2008", "JJG 52-2013", "JJG 443-2015"} <= regulations
