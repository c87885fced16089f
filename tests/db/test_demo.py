"""The demo database: every state, each backed by its documents; reusable at a path."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from counter.admin.auth import authenticate
from counter.admin.rules.roles import Role, parse_roles
from counter.admin.settings import load_settings
from counter.certificates.lookups import list_authorisations, list_standard_rows
from counter.certificates.release_check import certificate_release_status
from counter.certificates.service import current_certificate
from counter.certificates.store import CertStatus, signers
from counter.clock import FixedClock
from counter.demo import (
    DEMO_USERS,
    demo_database,
    open_demo_database,
    populate_demo,
)
from counter.errors import CounterError
from counter.intake.rules.lifecycle import ItemStatus
from counter.release.exceptions import unprocessed_return
from counter.release.gate import evaluate, handovers
from counter.release.lists import ready_for_pickup
from counter.release.message import ready_message
from db.engine import Database, make_engine, sqlite_url
from db.models import Item, User
from db.models_certificates import CertificateRecord
from tests.conftest import NOW, Counter

S = ItemStatus


@pytest.fixture
def demo(database: Database) -> Database:
    with database.action() as session:
        populate_demo(session, FixedClock(NOW))
    return database


def test_every_demo_item_agrees_with_its_documents(demo: Database) -> None:
    with demo.action() as s:
        items = list(s.scalars(select(Item).order_by(Item.number)))
        certificates = certificate_release_status(s, [i.id for i in items])
        gone = handovers(s, [i.id for i in items])
        states = set()
        for item in items:
            status = S(item.status)
            states.add(status)
            live = current_certificate(s, item.id)
            if status in (S.RECEIVED, S.IN_LAB, S.ON_HOLD, S.VOIDED, S.RETURNED_UNPROCESSED):
                assert live is None, item.number
            if status is S.CERT_DRAFTED:
                assert live is not None and live.status == CertStatus.AWAITING_REVIEW
            if status in (S.CHECKED, S.RELEASED):
                assert certificates[item.id] == (True, ""), item.number
            assert (item.id in gone) == (status is S.RELEASED), item.number
            if status is S.RETURNED_UNPROCESSED:
                assert unprocessed_return(s, item.id).customer_note
    assert states == set(ItemStatus)


def test_the_ready_list_agrees_with_the_return_gate(demo: Database) -> None:
    with demo.action() as s:
        items = list(s.scalars(select(Item)))
        gate = evaluate(s, items)
        groups = ready_for_pickup(s)
        listed = {i.item_id for g in groups for i in g.items}
        for group in groups:
            for ready in group.items:
                result = gate[ready.item_id]
                # it may leave, or only its fees stop it and the list says what is owed
                assert result.can_leave or result.reason in group.unpaid, result.reason
        may_leave = {i for i, r in gate.items() if r.can_leave}
        assert may_leave <= listed
        assert any(g.unpaid for g in groups)  # the billing clerk has something to collect
        assert any(r.can_leave for r in gate.values())


def test_demo_staff_three_signers_and_a_supervisor_who_signs_nothing(demo: Database) -> None:
    with demo.action() as s:
        roles = {u.username: parse_roles(u.roles) for u in s.scalars(select(User))}
        grants = list_authorisations(s)
        signed = set().union(*(signers(c) for c in s.scalars(select(CertificateRecord))))
        for username, password, _name, _role in DEMO_USERS:
            assert authenticate(s, username, password).username == username
        assert list_standard_rows(s)
        assert load_settings(s).address and load_settings(s).authorisation_no
    lab = {u for u, r in roles.items() if Role.LAB in r}
    supervisors = {u for u, r in roles.items() if Role.QUALITY in r}
    assert len(lab) >= 3 and supervisors
    assert {g.username for g in grants} == lab
    assert signed == lab and not signed & supervisors
    assert {Role.INTAKE, Role.BILLING, Role.ADMIN} <= set().union(*roles.values())


def test_a_demo_database_at_a_path_is_reused(tmp_path: Path) -> None:
    path = tmp_path / "days" / "demo.db"
    url, users = open_demo_database(path)
    again, same = open_demo_database(path)
    assert (url, users) == (again, same) and url == sqlite_url(path)
    database = Database(make_engine(url))
    try:
        with database.action() as s:
            assert len(list(s.scalars(select(User)))) == len(DEMO_USERS)
    finally:
        database.dispose()


def test_a_temporary_demo_folder_is_removed_also_after_an_error() -> None:
    with demo_database(None) as (url, _users):
        path = Path(url.removeprefix("sqlite:///"))
        assert path.exists()
    assert not path.parent.exists()
    with pytest.raises(RuntimeError), demo_database(None) as (url, _users):
        path = Path(url.removeprefix("sqlite:///"))
        raise RuntimeError("crash")
    assert not path.parent.exists()


def test_a_real_database_is_not_opened_as_a_demo(sqlite_counter: Counter) -> None:
    path = Path(sqlite_counter.db.url.removeprefix("sqlite:///"))
    with pytest.raises(CounterError, match="不是演示数据库"):
        open_demo_database(path)


def test_no_demo_message_calls_a_partly_ready_order_finished(demo: Database) -> None:
    with demo.session() as s:
        messages = {g.customer: ready_message(s, g.customer_id) for g in ready_for_pickup(s)}
    hospital = messages["示例市第一人民医院"]
    assert "已完成" not in hospital and "另有 2 件尚未完成" in hospital
    assert "已完成" in messages["中石化示例加油站"]
