"""A throwaway demo database: customers, orders in every state, demo users.

`uv run main.py --demo` opens one so that a newcomer sees a working counter at
once.  The passwords are shown on screen: never use a demo database for work.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from counter.admin.auth import actor_of, create_user, has_users
from counter.admin.rules.roles import Actor, Role, role_label
from counter.admin.settings import InstituteSettings, save_settings
from counter.clock import CHINA_TZ, Clock, FixedClock
from counter.customers.records import CustomerForm, create_customer
from counter.demo.appointments import seed_appointments
from counter.demo.archive import seed_archive
from counter.demo.feedback import seed_feedback
from counter.demo.lab import SIGNERS, drive_item, hand_over, seed_lab_registers
from counter.errors import CounterError
from counter.i18n import _
from counter.intake.catalog import list_types
from counter.intake.corrections import void_order
from counter.intake.item_status import set_item_status
from counter.intake.lookups import get_order
from counter.intake.receive import ItemDraft, OrderDraft, save_order
from counter.intake.rules.lifecycle import ItemStatus
from counter.release.exceptions import return_unprocessed
from counter.startup import open_database
from db.engine import sqlite_url
from db.models import Setting

DEMO_USERS: tuple[tuple[str, str, str, Role], ...] = (
    ("admin", "demo-admin-1", "赵管理", Role.ADMIN),
    ("shoufa", "demo-intake-1", "王收发", Role.INTAKE),
    ("kaipiao", "demo-billing-1", "李开票", Role.BILLING),
    # the three lab signers (verifier, checker, approver) and a supervisor who signs nothing
    ("zhangwei", "demo-lab-0001", "张伟", Role.LAB),
    ("liuyang", "demo-lab-0002", "刘洋", Role.LAB),
    ("wangfang", "demo-lab-0003", "王芳", Role.LAB),
    ("sunli", "demo-quality-1", "孙丽", Role.QUALITY),
)

DEMO_SETTINGS = InstituteSettings(
    institute_name="示例市计量检定测试所（演示）",
    address="示例市示例路 1 号（演示）",
    phone="0635-0000000",
    authorisation_no="(鲁)法计(2024)00001号",
)

DEMO_CUSTOMERS: tuple[CustomerForm, ...] = (
    CustomerForm(
        "聊城计量器具有限公司",
        "聊城计量",
        "91310110666007217T",
        size="small",
        sector="工业企业",
        contact_name="张伟",
        phone="13806351234",
        address="山东省聊城市东昌府区花园北路 18 号",
    ),
    CustomerForm(
        "上海明镜眼镜有限公司",
        "明镜眼镜",
        "91310115591693856A",
        size="micro",
        sector="眼镜店",
        contact_name="李娜",
        phone="02158881234",
        address="上海市浦东新区张杨路 500 号",
    ),
    CustomerForm(
        "示例市第一人民医院",
        "市一院",
        "",
        kind="institution",
        sector="医疗机构",
        contact_name="王芳",
        phone="05358001234",
        address="示例市健康路 1 号",
        account_customer=True,
    ),
    CustomerForm(
        "中石化示例加油站",
        "中石化加油站",
        "",
        size="medium",
        sector="加油站",
        contact_name="刘强",
        phone="13905351111",
        address="示例市环城东路 88 号",
    ),
    CustomerForm(
        "东关农贸市场",
        "东关市场",
        "",
        size="small",
        sector="集贸市场",
        contact_name="陈静",
        phone="13705352222",
        address="示例市东关街 6 号",
    ),
    CustomerForm(
        "张记水果店",
        "张记水果",
        "",
        kind="individual",
        sector="集贸市场",
        contact_name="张建国",
        phone="13605353333",
    ),
    CustomerForm(
        "示例粮食收储有限公司",
        "粮食收储",
        "",
        size="medium",
        sector="粮食收购",
        contact_name="赵磊",
        phone="05358886666",
        address="示例市粮库路 2 号",
        account_customer=True,
    ),
    CustomerForm(
        "华信燃气有限公司",
        "华信燃气",
        "",
        size="large",
        sector="燃气供应",
        contact_name="孙丽",
        phone="05358887777",
        address="示例市燃气大道 9 号",
    ),
)

S = ItemStatus
MAKER = "上海大华电子秤厂"


@dataclass(frozen=True)
class DemoItem:
    type_name: str
    model: str
    serial: str
    use: str = ""
    service: str = "verification"
    urgency: str = "normal"
    state: ItemStatus = S.RECEIVED  # where the demo leaves it
    manufacturer: str = ""
    accuracy_class: str = ""


# (customer index, items): every state appears, each backed by its documents
DEMO_ORDERS: tuple[tuple[int, tuple[DemoItem, ...]], ...] = (
    (0, (DemoItem("电子计价秤", "ACS-30", "A123", "trade", manufacturer=MAKER, accuracy_class="Ⅲ"),
         DemoItem("钢卷尺", "5m", "GJ-01", service="calibration"),
         DemoItem("通用卡尺", "0-150mm", "KC-7", service="calibration", urgency="urgent"))),
    (1, (DemoItem("焦度计", "NJC-4", "JD2201", "medical", state=S.IN_LAB),
         DemoItem("验光仪", "RM-800", "YG0931", "medical", state=S.IN_LAB))),
    # one ready, one awaiting the final check, one still in the lab
    (2, (DemoItem("血压计和血压表", "XJ11D", "BP-001", "medical", state=S.CHECKED,
                  manufacturer="江苏鱼跃医疗设备股份有限公司", accuracy_class="±0.5 kPa"),
         DemoItem("血压计和血压表", "XJ11D", "BP-002", "medical", state=S.CERT_DRAFTED,
                  manufacturer="江苏鱼跃医疗设备股份有限公司", accuracy_class="±0.5 kPa"),
         DemoItem("数字心电图机", "ECG-1200", "E77", "medical", urgency="urgent",
                  state=S.IN_LAB))),
    (3, (DemoItem("燃油加油机", "CS46", "JY-3", "trade", state=S.CHECKED,
                  manufacturer="托肯恒山科技（广州）有限公司", accuracy_class="0.3"),)),
    (4, (DemoItem("电子计价秤", "XK3190", "S-11", "trade", state=S.RELEASED, manufacturer=MAKER,
                  accuracy_class="Ⅲ"),
         DemoItem("电子计价秤", "ACS-15", "S-12", "trade", state=S.RELEASED, manufacturer=MAKER,
                  accuracy_class="Ⅲ"))),
    (5, (DemoItem("电子计价秤", "ACS-6", "Z-1", "trade", urgency="same_day", state=S.ON_HOLD),)),
    (6, (DemoItem("电子汽车衡(地磅)", "SCS-100", "DB-9", "trade", urgency="urgent"),
         DemoItem("砝码", "M1 20kg", "FM-20", "trade"))),
    (7, (DemoItem("可燃气体检测报警器", "GT-210", "KR-5", "safety", state=S.IN_LAB),
         DemoItem("一般压力表", "Y-100", "YL-8", "safety", state=S.RETURNED_UNPROCESSED))),
    # checked, not compulsory: the billing clerk has a fee to collect before it may leave
    (7, (DemoItem("一般压力表", "Y-100 (0～1.6) MPa", "P16-20417", state=S.CHECKED,
                  manufacturer="红旗仪表有限公司", accuracy_class="1.6"),)),
)  # fmt: skip

DEMO_MARKER = "demo_database"


def _users(session: Session, clock: Clock) -> dict[str, Actor]:
    actors: dict[str, Actor] = {}
    first: Actor | None = None
    for username, password, name, role in DEMO_USERS:
        user = create_user(session, first, clock, username=username, full_name=name,
                           password=password, roles=frozenset({role}))  # fmt: skip
        actors[username] = actor_of(user)
        first = first or actors[username]
    return actors


def populate_demo(session: Session, clock: Clock) -> list[tuple[str, str, str]]:
    """Fill an empty, migrated database; return (username, password, role) for the screen."""
    actors = _users(session, clock)
    admin, clerk = actors["admin"], actors["shoufa"]
    lab, supervisor = actors[SIGNERS[0]], actors["sunli"]
    save_settings(session, admin, clock, DEMO_SETTINGS)
    session.add(Setting(key=DEMO_MARKER, value="1"))
    used = [i.type_name for _c, rows in DEMO_ORDERS for i in rows if i.state is not S.RECEIVED]
    seed_lab_registers(session, admin, clock, [actors[u] for u in SIGNERS], used)
    customers = [create_customer(session, clerk, clock, form).id for form in DEMO_CUSTOMERS]
    types = {t.name: t.id for t in list_types(session)}
    for cust, rows in DEMO_ORDERS:
        drafts = tuple(
            ItemDraft(types[i.type_name], model=i.model, serial=i.serial, use=i.use,
                      service=i.service, urgency=i.urgency, manufacturer=i.manufacturer,
                      accuracy_class=i.accuracy_class)
            for i in rows
        )  # fmt: skip
        saved = save_order(
            session, clerk, clock, OrderDraft(customers[cust], drafts, note="演示数据")
        )
        ids = [i.id for i in get_order(session, saved.order_id).items]
        for item_id, row in zip(ids, rows, strict=True):
            if row.state in (S.IN_LAB, S.CERT_DRAFTED, S.CHECKED, S.RELEASED):
                target = S.CHECKED if row.state is S.RELEASED else row.state
                drive_item(session, clock, item_id, target, lab=lab, supervisor=supervisor)
            elif row.state is S.ON_HOLD:
                set_item_status(session, clerk, clock, item_id, S.ON_HOLD, "客户要求暂缓检定")
            elif row.state is S.RETURNED_UNPROCESSED:
                return_unprocessed(session, clerk, clock, item_id, "表盘破损，无法检定")
        released = [i for i, row in zip(ids, rows, strict=True) if row.state is S.RELEASED]
        if released:
            hand_over(session, clerk, clock, saved.order_id, released)
    cancelled = save_order(
        session,
        clerk,
        clock,
        OrderDraft(
            customers[0], (ItemDraft(types["千分尺"], serial="QF-1", service="calibration"),)
        ),
    )
    void_order(session, clerk, clock, cancelled.order_id, "客户撤回委托")
    seed_archive(session, admin, clerk, clock, customers)
    seed_feedback(session, clerk, supervisor, clock, customers)
    seed_appointments(session, admin, clerk, clock, customers)
    return demo_credentials()


def demo_credentials() -> list[tuple[str, str, str]]:
    """(username, password, role) of every demo user, for the login screen."""
    return [(u, p, f"{role_label(r)} {n}") for u, p, n, r in DEMO_USERS]


def is_demo_database(session: Session) -> bool:
    return session.get(Setting, DEMO_MARKER) is not None


def open_demo_database(path: Path) -> tuple[str, list[tuple[str, str, str]]]:
    """The demo database at `path`: created and filled when new, reused when it exists.

    Returns its URL and the demo users' credentials; refuses a file that is not a demo
    database (its passwords are not ours to show).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    url = sqlite_url(path)
    database = open_database(url)
    try:
        with database.action() as session:
            if not has_users(session):
                populate_demo(session, FixedClock(dt.datetime.now(CHINA_TZ)))
            elif not is_demo_database(session):
                raise CounterError(_("{path} 不是演示数据库，不能以演示方式打开").format(path=path))
    finally:
        database.dispose()
    return url, demo_credentials()


@contextlib.contextmanager
def demo_database(path: Path | None) -> Iterator[tuple[str, list[tuple[str, str, str]]]]:
    """`open_demo_database(path)`; without a path, in a temporary folder removed on leaving
    (also after an error)."""
    if path is not None:
        yield open_demo_database(path)
        return
    with tempfile.TemporaryDirectory(prefix="counter-demo-", ignore_cleanup_errors=True) as folder:
        yield open_demo_database(Path(folder) / "demo.db")
