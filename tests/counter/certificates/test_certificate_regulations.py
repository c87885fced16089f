"""The regulations register: kept and imported by the administrator, shipped replacements,
and the check that a verification certificate names a regulation in force and known."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from counter.certificates.regulations import (
    RegulationForm,
    import_regulations,
    list_regulations,
    save_regulation,
)
from counter.certificates.review import override_defect
from counter.certificates.service import save_certificate
from counter.errors import CounterError, PermissionDenied, ValidationError
from db.models import AuditEntry
from db.models_certificates import RegulationEntry
from tests.cert_world import CertWorld, make_world
from tests.conftest import Counter


@pytest.fixture
def world(counter: Counter) -> CertWorld:
    return make_world(counter)


def _codes(w: CertWorld, **changes: object) -> list[str]:
    with w.counter.db.action() as s:
        saved = save_certificate(s, w.lab, w.counter.clock, w.scale(0, **changes))
    return [d.code for d in saved.defects]


def test_the_known_replacements_are_shipped_and_caught(world: CertWorld) -> None:
    w = world
    with w.counter.db.session() as s:
        rows = {r.code: r for r in list_regulations(s)}
    old = rows["JJG 539-1997"]
    assert (old.withdrawn, old.replaced_by) == (dt.date(2017, 5, 30), "JJG 539-2016")
    codes = _codes(w, regulation="JJG 539-1997")
    assert "C09-REGULATION-SUPERSEDED" in codes
    assert "C09-REGULATION-UNKNOWN-VERIFICATION" not in codes


def test_a_withdrawal_the_register_never_knew_is_caught(world: CertWorld) -> None:
    w = world
    with w.counter.db.action() as s:  # a register that lost what the program ships
        row = s.scalars(select(RegulationEntry).where(RegulationEntry.code == "JJG 539-1997")).one()
        row.superseded_on, row.superseded_by = None, ""
    assert "C09-REGULATION-SUPERSEDED" in _codes(w, regulation="JJG 539-1997")


def test_withdrawn_on_the_verification_day_is_blocking(world: CertWorld) -> None:
    w = world
    day = w.scale(0).performed
    assert day is not None
    form = RegulationForm("JJG 539-2016", "数字指示秤", dt.date(2017, 5, 30), day, "JJG 539-2026")
    with w.counter.db.action() as s:
        query = select(RegulationEntry.id).where(RegulationEntry.code == "JJG 539-2016")
        save_regulation(s, w.counter.admin, w.counter.clock, form, s.scalars(query).one())
    assert "C09-REGULATION-SUPERSEDED" in _codes(w)


def test_an_unknown_regulation_on_a_verification_certificate_cannot_be_overridden(
    world: CertWorld,
) -> None:
    w = world
    with w.counter.db.action() as s:
        saved = save_certificate(s, w.lab, w.counter.clock, w.scale(0, regulation="JJG 9999-2020"))
    unknown = next(d for d in saved.defects if d.code == "C09-REGULATION-UNKNOWN-VERIFICATION")
    assert unknown.blocking and not unknown.overridable
    with pytest.raises(CounterError, match="不允许放行"), w.counter.db.action() as s:
        override_defect(s, w.supervisor, w.counter.clock, saved.certificate_id, unknown.key, "x")


def test_the_administrator_keeps_the_register(world: CertWorld) -> None:
    w = world
    admin, clock = w.counter.admin, w.counter.clock
    with pytest.raises(PermissionDenied), w.counter.db.action() as s:
        save_regulation(s, w.lab, clock, RegulationForm("JJG 1-2020"))
    with pytest.raises(ValidationError, match="已在目录中"), w.counter.db.action() as s:
        save_regulation(s, admin, clock, RegulationForm("jjg539-2016"))
    with pytest.raises(ValidationError, match="废止日期早于实施日期"), w.counter.db.action() as s:
        backwards = RegulationForm("JJG 1-2020", "", dt.date(2020, 1, 1), dt.date(2019, 1, 1))
        save_regulation(s, admin, clock, backwards)
    with w.counter.db.action() as s:
        save_regulation(s, admin, clock, RegulationForm("JJG 1-2020", "测试规程"))
    with w.counter.db.session() as s:  # audit entries join the log when the action commits
        actions = list(s.scalars(select(AuditEntry.action)))
    assert "regulation.create" in actions


def test_an_import_saves_every_row_or_none(world: CertWorld) -> None:
    w = world
    admin, clock = w.counter.admin, w.counter.clock
    bad = (
        "规程编号,名称,实施日期,废止日期,代替规程\n"
        "JJG 2-2020,规程二,2020-01-01,,\n"
        "JJG 3-2020,规程三,2020-13-01,,\n"
        ",没有编号,,,\n"
    ).encode()
    with pytest.raises(ValidationError) as refused, w.counter.db.action() as s:
        import_regulations(s, admin, clock, bad, "regs.csv")
    assert refused.value.problems == [
        "第 3 行 列 实施日期：“2020-13-01”不是日期（YYYY-MM-DD）",
        "第 4 行：请填写规程编号",
    ]
    with w.counter.db.session() as s:
        assert "JJG 2-2020" not in {r.code for r in list_regulations(s)}
    good = (
        "规程编号,名称,实施日期,废止日期,代替规程\n"
        "JJG 2-2020,规程二,2020-01-01,2024-06-01,JJG 2-2024\n"
        "JJG 539-2016,数字指示秤,2017-05-30,,\n"
    ).encode()
    with w.counter.db.action() as s:
        assert import_regulations(s, admin, clock, good, "regs.csv") == 1  # 539-2016 as it was
    with w.counter.db.session() as s:
        two = next(r for r in list_regulations(s) if r.code == "JJG 2-2020")
    assert (two.withdrawn, two.replaced_by) == (dt.date(2024, 6, 1), "JJG 2-2024")
