"""The start of a credit code typed into the customer search (on PostgreSQL found through
the code's own index, see `counter.customers.search_sql`), on both databases."""

from __future__ import annotations

from counter.customers.records import CustomerForm, create_customer, search_customers
from counter.customers.rules.credit_code import check_character
from tests.conftest import Counter


def _code(first17: str) -> str:
    return first17 + check_character(first17)


def _add(counter: Counter, name: str, **kw: str) -> int:
    with counter.db.action() as s:
        return create_customer(s, counter.clerk, counter.clock, CustomerForm(name, **kw)).id


def _names(counter: Counter, typed: str) -> list[str]:
    with counter.db.session() as s:
        return [hit.name for hit in search_customers(s, typed)]


def test_the_start_of_a_credit_code_finds_its_holders_in_rank_and_name_order(
    counter: Counter,
) -> None:
    _add(counter, "乙五金店", credit_code=_code("91371502MA3C4PQ1X"))
    _add(counter, "甲粮油店", credit_code=_code("91371502MA3C4PQ2X"))
    _add(counter, "丙水果店", phone="0635-91371502")  # the digits inside its phone
    _add(counter, "丁修理部", phone="9137150266")  # its phone starts with them: ranked first
    _add(counter, "戊商店", credit_code=_code("92371503MA3C4PQ1X"))  # another county's
    # the phone's start first, then every other holder by name (丙 < 乙 < 甲 by code point)
    assert _names(counter, "91371502") == ["丁修理部", "丙水果店", "乙五金店", "甲粮油店"]
    assert _names(counter, "913715") == ["丁修理部", "丙水果店", "乙五金店", "甲粮油店"]
    assert _names(counter, "9237150") == ["戊商店"]


def test_a_credit_code_typed_in_small_letters_finds_it(counter: Counter) -> None:
    _add(counter, "乙五金店", credit_code=_code("91371502MA3C4PQ1X"))
    _add(counter, "甲粮油店", credit_code=_code("91371502MA3D4PQ2X"))
    assert _names(counter, "91371502ma3c") == ["乙五金店"]
    assert _names(counter, "91371502MA3") == ["乙五金店", "甲粮油店"]
    assert _names(counter, "91371502ma3e") == []


def test_a_code_start_held_by_hundreds_shows_the_phone_first_then_holders_by_name(
    counter: Counter,
) -> None:
    first = 510  # more than the 500 substring matches the search ranks
    with counter.db.action() as s:
        for n in range(first):
            form = CustomerForm(f"客户{n:04d}", credit_code=_code(f"91371502MA{n:04d}PQ1"))
            create_customer(s, counter.clerk, counter.clock, form)
    _add(counter, "丁修理部", phone="9137150266")
    names = _names(counter, "91371502")
    assert len(names) == 20
    assert names[0] == "丁修理部"
    assert names[1:] == sorted(names[1:])
    assert all(name.startswith("客户") for name in names[1:])
