"""An on-site job's instruments as counter items: numbers, labels, fees, handover.

`number_items` stores an intake order (channel "onsite") for the job's instruments
that have no item yet, through `counter.intake.receive.save_order` — so the items
get item numbers and labels, and then certificates, fees and the release gate
exactly as counter items.  Certificates are handed over at the site or mailed
(`counter.release.hand_over` / `mail_dispatch`), never picked up.  Travel and
on-site surcharges come from the fee standard in force on the job's day.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.billing import issue_statement
from counter.billing.rules.pricing import ExtraCharge
from counter.billing.schedule import versions_for_days
from counter.clock import Clock
from counter.errors import CounterError
from counter.i18n import _
from counter.intake.receive import ItemDraft, OrderDraft, SavedOrder, save_order
from counter.intake.rules.uses import USE_NAMES_ZH, Use
from counter.onsite.jobs import get_job
from counter.onsite.rules.fees import onsite_charges
from counter.onsite.rules.jobs import JobState
from counter.release import Collector, MailTo, ReleaseDone, hand_over, mail_dispatch
from db.models import Item, Order
from db.models_billing import FeeStatement
from db.models_onsite import JobInstrument, OnsiteJob


def _use(use: str) -> str:
    """The ledger's use code (a Chinese name from an old import is understood too)."""
    by_name = {name: code.value for code, name in USE_NAMES_ZH.items()}
    return use if use in {u.value for u in Use} else by_name.get(use, "")


def _where(place: str) -> str:
    return _("现场检定：{place}").format(place=place)[:256]


def number_items(session: Session, actor: Actor, clock: Clock, job_id: int) -> SavedOrder | None:
    """Give the job's instruments without an item their item numbers (one intake order);
    None when every instrument has one already.  Labels are then printed as for the counter
    (`counter.intake.label_printing.print_labels` with the order's id)."""
    require(session, actor, Perm.RECEIVE)
    job = get_job(session, job_id, lock=True)
    if job.state == JobState.CANCELLED:
        raise CounterError(_("上门任务 {number} 已取消").format(number=job.number))
    todo = [i for i in job.instruments if i.item_id is None]
    if not todo:
        return None
    drafts = tuple(
        ItemDraft(
            type_id=i.type_id,
            model=i.model,
            serial=i.serial,
            manufacturer=i.manufacturer,
            measuring_range=i.measuring_range,
            accuracy_class=i.accuracy_class,
            use=_use(i.use),
            urgency="urgent" if job.urgent else "normal",
            return_way=job.return_way,
            condition=_where(i.location or job.site_address),
        )
        for i in todo
    )
    draft = OrderDraft(
        customer_id=job.customer_id,
        items=drafts,
        channel="onsite",
        contact_name=job.contact_name,
        contact_phone=job.contact_phone,
        note=_("上门任务 {number}").format(number=job.number),
        request_token=f"onsite:{job.number}:{todo[0].seq}",
    )
    saved = save_order(session, actor, clock, draft)
    items = session.scalars(select(Item).where(Item.order_id == saved.order_id).order_by(Item.seq))
    for row, item in zip(todo, items, strict=True):
        row.item_id = item.id
    job.updated_at = clock.now()
    session.flush()
    record(
        session,
        actor,
        clock,
        "onsite.items",
        "onsite_job",
        job.number,
        after={"order": saved.number, "items": list(saved.item_numbers)},
    )
    return saved


def job_order_ids(session: Session, job_id: int) -> list[int]:
    """The intake orders holding a job's items, oldest first."""
    query = (
        select(Order.id)
        .join(Item, Item.order_id == Order.id)
        .join(JobInstrument, JobInstrument.item_id == Item.id)
        .where(JobInstrument.job_id == job_id)
        .distinct()
        .order_by(Order.id)
    )
    return list(session.scalars(query))


def onsite_extras(session: Session, job_id: int) -> list[ExtraCharge]:
    """Travel and on-site surcharges of the job from the fee standard in force on its day,
    each with its fee-standard code, per job or per instrument as the standard's unit says."""
    job = session.get(OnsiteJob, job_id)
    if job is None:
        return []
    day = job.confirmed_date or job.requested_date
    version = versions_for_days(session, [day])[day]
    rows = version[1] if version else ()
    orders = job_order_ids(session, job.id)
    first = session.get(Order, orders[0]).number if orders else ""  # type: ignore[union-attr]
    counted = [i for i in job.instruments if i.item_id is not None] if orders else job.instruments
    return onsite_charges(rows, len(counted), first)


def bill_job(session: Session, actor: Actor, clock: Clock, job_id: int) -> FeeStatement:
    """Issue the statement of the job's orders: the items' fees as at the counter, plus
    travel and on-site surcharges."""
    require(session, actor, Perm.BILL)
    orders = job_order_ids(session, job_id)
    if not orders:
        raise CounterError(_("上门任务还没有收件编号，请先登记器具"))
    return issue_statement(session, actor, clock, orders, extras=onsite_extras(session, job_id))


def _items_by_order(
    session: Session, job: OnsiteJob, item_ids: Sequence[int] | None
) -> dict[int, list[int]]:
    mine = {i.item_id for i in job.instruments if i.item_id is not None}
    wanted = mine if item_ids is None else set(item_ids)
    if not wanted or not wanted <= mine:
        raise CounterError(_("所选器具不属于上门任务 {number}").format(number=job.number))
    out: dict[int, list[int]] = {}
    for item_id, order_id in session.execute(
        select(Item.id, Item.order_id).where(Item.id.in_(wanted)).order_by(Item.id)
    ):
        out.setdefault(order_id, []).append(item_id)
    return out


def hand_over_job(
    session: Session,
    actor: Actor,
    clock: Clock,
    job_id: int,
    receiver: Collector | MailTo,
    item_ids: Sequence[int] | None = None,
    *,
    request_token: str = "",
) -> list[ReleaseDone]:
    """Release the job's certificates (all, or `item_ids`): handed over at the site to
    `receiver` (a Collector), or mailed (a MailTo) — one release per order, same gate."""
    require(session, actor, Perm.RELEASE)
    job = get_job(session, job_id)
    by_order = _items_by_order(session, job, item_ids)
    if isinstance(receiver, MailTo) and len(by_order) > 1:  # one tracking number, one release
        raise CounterError(
            _("所选器具分属 {n} 张委托单，请逐单邮寄（每个快递单号对应一张委托单）").format(
                n=len(by_order)
            )
        )
    done = []
    for n, (order_id, ids) in enumerate(sorted(by_order.items())):
        token = f"{request_token}:{n}" if request_token else ""
        if isinstance(receiver, MailTo):
            done.append(
                mail_dispatch(session, actor, clock, order_id, ids, receiver, request_token=token)
            )
        else:
            done.append(
                hand_over(session, actor, clock, order_id, ids, receiver, request_token=token)
            )
    return done
