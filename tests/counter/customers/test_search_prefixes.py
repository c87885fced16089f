"""Prefix matches fill the customer search's list before any substring match (on
PostgreSQL in one statement, the substring search gated on the prefix matches' count),
on both databases."""

from __future__ import annotations

from counter.customers.records import CustomerForm, create_customer, search_customers
from tests.conftest import Counter


def _names(counter: Counter, typed: str) -> list[str]:
    with counter.db.session() as s:
        return [hit.name for hit in search_customers(s, typed)]


def test_a_substring_match_shows_only_where_the_prefix_matches_leave_room(
    counter: Counter,
) -> None:
    with counter.db.action() as s:
        for n in range(19):  # initials absd01 … absd19
            form = CustomerForm(f"安邦商店{n + 1:02d}")
            create_customer(s, counter.clerk, counter.clock, form)
        create_customer(s, counter.clerk, counter.clock, CustomerForm("山东安邦"))  # sdab
    shops = [f"安邦商店{n + 1:02d}" for n in range(19)]
    assert _names(counter, "ab") == [*shops, "山东安邦"]
    assert _names(counter, "abs") == shops
    with counter.db.action() as s:
        create_customer(s, counter.clerk, counter.clock, CustomerForm("安邦商店20"))
    assert _names(counter, "ab") == [*shops, "安邦商店20"]  # twenty prefixes: no room
    assert _names(counter, "安邦") == [*shops, "安邦商店20"]
    assert _names(counter, "dab") == ["山东安邦"]


def test_a_customer_created_in_the_same_action_is_found_by_it(counter: Counter) -> None:
    with counter.db.action() as s:
        create_customer(s, counter.clerk, counter.clock, CustomerForm("临清新华书店"))
        assert [hit.name for hit in search_customers(s, "临清新华")] == ["临清新华书店"]
        assert [hit.name for hit in search_customers(s, "lqxh")] == ["临清新华书店"]
    assert _names(counter, "lqxh") == ["临清新华书店"]
