"""The orders list on the indexes of migration 0015: keyset pages in every sort (an empty
promised date included), the customer's name kept on the order, the text filter through
the customer search indexes — on both databases."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import event, select, update

from counter.customers.records import form_of, update_customer
from counter.intake.receive import ItemDraft
from counter.orders import listing
from counter.orders.listing import SORTS, OrderFilter, page_orders
from db.models import Item, Order
from tests.conftest import Counter
from tests.ui.orders_helpers import add_customer, many_orders, save, type_id


def _orders(counter: Counter) -> set[str]:
    saved = many_orders(counter, 12)
    scale = type_id(counter, "电子计价秤")
    for name in ("济南衡器厂", "济宁徐记便利店", "聊城眼科医院"):
        save(counter, ItemDraft(scale), customer_id=add_customer(counter, name))
    with counter.db.action() as s:  # some orders promise no date
        ids = [o.order_id for o in saved[::3]]
        s.execute(update(Order).where(Order.id.in_(ids)).values(promised_date=None))
    with counter.db.session() as s:
        return {r.number for r in page_orders(s, limit=1000)}


def test_keyset_pages_equal_the_whole_list_in_every_sort(counter: Counter) -> None:
    everything = _orders(counter)
    assert len(everything) == 15
    with counter.db.session() as s:
        for sort in SORTS:
            for descending in (True, False):
                whole = [r.number for r in page_orders(s, sort=sort, descending=descending)]
                paged: list[str] = []
                after = None
                while page := page_orders(
                    s, sort=sort, descending=descending, after=after, limit=4
                ):
                    paged += [r.number for r in page]
                    after = page[-1]
                assert paged == whole, (sort, descending)
                assert set(whole) == everything


def test_a_renamed_customer_shows_and_sorts_by_its_new_name(counter: Counter) -> None:
    _orders(counter)
    with counter.db.session() as s:
        shop = next(r for r in page_orders(s) if r.customer == "济宁徐记便利店")
        customer_id = s.get_one(Order, shop.id).customer_id
    with counter.db.action() as s:
        form = dataclasses.replace(form_of(s, customer_id), name="安丘啊啊超市")
        update_customer(s, counter.clerk, counter.clock, customer_id, form)
    with counter.db.session() as s:
        first = page_orders(s, sort="customer", descending=False, limit=1)
        assert (first[0].id, first[0].customer) == (shop.id, "安丘啊啊超市")
        names = [r.customer for r in page_orders(s, sort="customer", descending=False)]
        assert "济宁徐记便利店" not in names


@pytest.mark.parametrize("broad", [3000, 1], ids=["few-customers", "many-customers"])
def test_text_filter_finds_customers_by_one_two_or_more_characters(
    counter: Counter, broad: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a text many customers share is tested order by order instead of listing them
    monkeypatch.setattr(listing, "BROAD_TEXT", broad)
    _orders(counter)
    with counter.db.session() as s:

        def customers(text: str) -> set[str]:
            return {r.customer for r in page_orders(s, OrderFilter(text=text))}

        assert customers("徐记") == {"济宁徐记便利店"}
        assert customers("济") == {"济南衡器厂", "济宁徐记便利店"}
        assert customers("眼科医") == {"聊城眼科医院"}
        assert customers("jnhqc") == {"济南衡器厂"}
        assert customers("衡器厂x") == set()


def test_a_text_filter_pages_in_every_sort_as_its_whole_list(counter: Counter) -> None:
    _orders(counter)
    scale = type_id(counter, "电子计价秤")
    second = add_customer(counter, "济南衡器二厂")
    for _ in range(2):  # a customer with several orders
        save(counter, ItemDraft(scale), customer_id=second)
    flt = OrderFilter(text="济南")
    with counter.db.session() as s:
        for sort in SORTS:
            for descending in (True, False):
                whole = page_orders(s, flt, sort=sort, descending=descending)
                paged: list[str] = []
                after = None
                while page := page_orders(
                    s, flt, sort=sort, descending=descending, after=after, limit=1
                ):
                    paged += [r.number for r in page]
                    after = page[-1]
                assert paged == [r.number for r in whole], (sort, descending)
                assert {r.customer for r in whole} == {"济南衡器厂", "济南衡器二厂"}
                assert len(whole) == 3


def test_digits_find_the_orders_of_the_customers_whose_phone_starts_with_them(
    counter: Counter,
) -> None:
    scale = type_id(counter, "电子计价秤")
    for name, phone in (("东阿阿胶药店", "0635-3281234"), ("阳谷超市", "0635 6201111"),
                        ("临清轴承厂", "13806351234")):  # fmt: skip
        save(counter, ItemDraft(scale), customer_id=add_customer(counter, name, phone))
    with counter.db.session() as s:

        def customers(text: str) -> set[str]:
            return {r.customer for r in page_orders(s, OrderFilter(text=text))}

        assert customers("0635") == {"东阿阿胶药店", "阳谷超市"}
        assert customers("138063") == {"临清轴承厂"}
        assert customers("6351234") == set(), "the start of the phone number, not its middle"


def test_department_filter_finds_each_orders_items_by_the_order_on_sqlite(
    sqlite_counter: Counter,
) -> None:
    """Without "+ 0" SQLite answered the department test from the statistics' index that
    starts with the department: every item of the department read for each order listed
    (190 ms a page at 20,000 items, seconds at 2,000,000).  The plan must look the order's
    items up by the order, and the filter must still list exactly the department's orders."""
    counter = sqlite_counter
    _orders(counter)
    with counter.db.session() as s:
        department = s.scalars(select(Item.department_id).limit(1)).one()
        want = set(
            s.scalars(select(Order.number).join(Item).where(Item.department_id == department))
        )
    sent: list[tuple[str, object]] = []

    def keep(_c: object, _cur: object, statement: str, params: object, *_a: object) -> None:
        if "EXISTS" in statement:
            sent.append((statement, params))

    engine = counter.db.engine
    event.listen(engine, "before_cursor_execute", keep)
    try:
        with counter.db.session() as s:
            got = {r.number for r in page_orders(s, OrderFilter(department_id=department))}
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    assert got == want and got
    statement, params = sent[0]
    with engine.connect() as conn:
        plan = " | ".join(
            str(row[-1])
            for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params)  # type: ignore[arg-type]
        )
    assert "(order_id=?" in plan, plan
    assert "ix_items_stats" not in plan, plan
