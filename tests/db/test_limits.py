"""Values past a column's limit are refused in counter/, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from counter.customers.records import CustomerForm, create_customer
from counter.errors import CounterError, ValidationError
from counter.intake.catalog import list_types
from counter.intake.receive import ItemDraft, OrderDraft, save_order
from counter.session import user_action
from db.models import Customer, Order
from tests.conftest import Counter


def _form(**changes: str) -> CustomerForm:
    values = {"name": "东昌府区粮食收购站", "contact_name": "李四", "phone": "13900000000"}
    values.update(changes)
    return CustomerForm(**values)  # type: ignore[arg-type]


def _customers(counter: Counter) -> int:
    with counter.db.session() as s:
        return s.scalar(select(func.count()).select_from(Customer)) or 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "粮站\x00甲"}, "“客户名称”含有不可见的控制字符"),
        ({"contact_name": "张" * 65}, r"“联系人”过长（最多 64 个字符）"),
        ({"phone": "1" * 33}, r"“电话”过长（最多 32 个字符）"),
        ({"address": "路" * 257}, r"“地址”过长（最多 256 个字符）"),
    ],
)
def test_a_customer_past_a_limit_is_refused_naming_the_field(
    counter: Counter, changes: dict[str, str], message: str
) -> None:
    before = _customers(counter)
    with pytest.raises(ValidationError, match=message), user_action(counter.db) as s:
        create_customer(s, counter.clerk, counter.clock, _form(**changes))
    assert _customers(counter) == before


def test_a_long_name_whose_pinyin_is_longer_than_its_column_is_saved(counter: Counter) -> None:
    name = "爨" * 128  # 128 characters, "cuan" each: 512 letters of pinyin and more
    with user_action(counter.db) as s:
        saved = create_customer(s, counter.clerk, counter.clock, _form(name=name))
        assert saved.name == name and len(saved.pinyin_full) <= 512


def test_an_order_contact_past_its_column_saves_nothing(counter: Counter) -> None:
    with counter.db.session() as s:
        type_id = list_types(s)[0].id
    draft = OrderDraft(counter.customer_id, (ItemDraft(type_id),), contact_phone="9" * 40)
    refused = pytest.raises(ValidationError, match=r"“联系电话”过长（最多 32 个字符）")
    with refused, user_action(counter.db) as s:
        save_order(s, counter.clerk, counter.clock, draft)
    with counter.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 0


def test_an_integer_past_its_column_is_refused_not_overflowing(counter: Counter) -> None:
    with pytest.raises(ValidationError, match="超出范围"), user_action(counter.db) as s:
        customer = s.get(Customer, counter.customer_id)
        assert customer is not None
        s.add(
            Order(
                number="20261999999",
                customer_id=customer.id,
                channel="counter",
                received_at=counter.clock.now(),
                received_by_id=counter.clerk.id,
                item_count=2**63,
                status="received",
                promised_date=counter.clock.now().date(),
            )
        )


def test_a_value_the_database_refuses_is_never_called_a_network_fault(counter: Counter) -> None:
    with pytest.raises(CounterError) as caught, user_action(counter.db) as s:
        s.execute(
            text("INSERT INTO departments (code, name, name_en, sort) VALUES (NULL, 'x', '', 0)")
        )
    assert "数据库拒绝保存" in str(caught.value) and "网络" not in str(caught.value)


def test_a_number_past_64_bits_is_a_clear_message_not_an_overflow(counter: Counter) -> None:
    with pytest.raises(ValidationError, match="数值超出范围"), user_action(counter.db) as s:
        s.execute(select(Order).where(Order.id == 2**64)).all()
