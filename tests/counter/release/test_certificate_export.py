"""Saving a release's certificates: read briefly, render in no session, store briefly."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select

from counter.admin.settings import load_settings, save_settings
from counter.certificates.signing_keys import ensure_signing_key
from counter.errors import CounterError
from counter.release import pickup
from counter.release.certificate_export import (
    export_release_certificates,
    plan_export,
    render_planned,
    store_rendered,
)
from counter.session import read, run_action
from db.models_certificates import CertificatePdf
from tests.conftest import Counter
from tests.printing.pdftools import pdf_page_texts, squash
from tests.release_world import ReleaseWorld, collector, make_release_world


@pytest.fixture
def world(counter: Counter) -> ReleaseWorld:
    return make_release_world(counter)


def _released(w: ReleaseWorld, n: int = 3) -> tuple[int, tuple[str, ...]]:
    order = w.ready(n)
    c = w.counter
    with w.db.action() as s:
        done = pickup(s, c.clerk, c.clock, order.order_id, order.item_ids, collector())
    return done.release_id, order.item_numbers


def _signing_key(w: ReleaseWorld) -> None:
    run_action(w.db, lambda s: ensure_signing_key(s, w.counter.clock))


def _versions(w: ReleaseWorld) -> int:
    with w.db.session() as s:
        return s.scalar(select(func.count()).select_from(CertificatePdf)) or 0


def test_every_certificate_is_rendered_once_and_kept(world: ReleaseWorld) -> None:
    w = world
    release_id, items = _released(w)
    before = _versions(w)
    seen: list[tuple[int, int]] = []
    result = export_release_certificates(
        w.db, w.counter.clock, release_id, lambda done, total, _text: seen.append((done, total))
    )
    certs = [f"JD2026{n:06d}" for n in range(1, 4)]
    assert [n for n, _pdf in result.pdfs] == certs and result.rendered == 3
    assert all(items[0][:11] in squash(pdf_page_texts(p)[0]) for _n, p in result.pdfs)
    assert _versions(w) == before + 3  # each new PDF kept as a version
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)
    again = export_release_certificates(w.db, w.counter.clock, release_id)
    assert again.rendered == 0 and again.pdfs == result.pdfs  # the stored ones, as they were
    assert _versions(w) == before + 3


def test_the_plan_only_reads_and_rendering_needs_no_session(world: ReleaseWorld) -> None:
    w = world
    release_id, _items = _released(w, 2)
    before = _versions(w)
    unsigned = read(w.db, lambda s: plan_export(s, w.counter.clock, release_id))
    assert unsigned.needs_key  # the institute never signed: no key is made in a read
    with pytest.raises(ValueError):
        render_planned(unsigned)
    _signing_key(w)
    plan = read(w.db, lambda s: plan_export(s, w.counter.clock, release_id))
    assert len(plan.to_render) == 2 and not plan.stored and not plan.needs_key
    assert _versions(w) == before  # nothing written while planning
    rendered = render_planned(plan)  # no session is open here
    assert len(rendered) == 2 and _versions(w) == before
    pdfs = run_action(w.db, lambda s: store_rendered(s, w.counter.clock, plan, rendered))
    assert [n for n, _p in pdfs] == [t.number for t in plan.to_render]
    assert _versions(w) == before + 2


def test_a_certificate_changed_while_rendering_stores_nothing(world: ReleaseWorld) -> None:
    w = world
    c = w.counter
    release_id, _items = _released(w, 2)
    _signing_key(w)
    before = _versions(w)
    plan = read(w.db, lambda s: plan_export(s, c.clock, release_id))
    rendered = render_planned(plan)
    with w.db.action() as s:  # meanwhile the institute's name changes: the print is stale
        renamed = dataclasses.replace(load_settings(s), institute_name="聊城市计量测试所")
        save_settings(s, c.admin, c.clock, renamed)
    with pytest.raises(CounterError, match="导出期间被修改"):
        run_action(w.db, lambda s: store_rendered(s, c.clock, plan, rendered))
    assert _versions(w) == before
    again = export_release_certificates(w.db, c.clock, release_id)  # exported again: current
    assert again.rendered == 2
    assert all("聊城市计量测试所" in squash(pdf_page_texts(p)[0]) for _n, p in again.pdfs)


def test_another_counter_storing_first_is_not_stored_twice(world: ReleaseWorld) -> None:
    w = world
    c = w.counter
    release_id, _items = _released(w, 2)
    _signing_key(w)
    before = _versions(w)
    mine = read(w.db, lambda s: plan_export(s, c.clock, release_id))
    theirs = read(w.db, lambda s: plan_export(s, c.clock, release_id))
    stored = run_action(w.db, lambda s: store_rendered(s, c.clock, theirs, render_planned(theirs)))
    pdfs = run_action(w.db, lambda s: store_rendered(s, c.clock, mine, render_planned(mine)))
    assert pdfs == stored and _versions(w) == before + 2
