"""Two-character fragments are found through the bigram table (migration 0015), which the
database keeps in step with every customer's search text, on both databases."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select

from counter.customers.records import (
    CustomerForm,
    create_customer,
    form_of,
    search_customers,
    update_customer,
)
from counter.customers.search_index import matching_customer_ids
from db.models import Customer
from db.models_search import CustomerBigram
from tests.conftest import Counter


def _add(counter: Counter, name: str, **kw: str) -> int:
    with counter.db.action() as s:
        return create_customer(s, counter.clerk, counter.clock, CustomerForm(name, **kw)).id


def _bigrams(counter: Counter, customer_id: int) -> set[str]:
    with counter.db.session() as s:
        query = select(CustomerBigram.bigram).where(CustomerBigram.customer_id == customer_id)
        return set(s.scalars(query))


def _search_text(counter: Counter, customer_id: int) -> str:
    with counter.db.session() as s:
        return s.get_one(Customer, customer_id).search_text


def test_every_two_characters_of_the_search_text_are_kept(counter: Counter) -> None:
    cid = _add(counter, "济宁徐记便利店", phone="13813920008")
    text = _search_text(counter, cid)
    assert _bigrams(counter, cid) == {text[i : i + 2] for i in range(len(text) - 1)}
    with counter.db.session() as s:
        assert [h.id for h in search_customers(s, "徐记")] == [cid]
        assert [h.id for h in search_customers(s, "便利")] == [cid]
        assert cid in [h.id for h in search_customers(s, "39")]  # a phone's middle


def test_renaming_a_customer_moves_its_bigrams(counter: Counter) -> None:
    cid = _add(counter, "济宁徐记便利店")
    with counter.db.action() as s:
        form = dataclasses.replace(form_of(s, cid), name="曲阜孔府超市", short_name="孔府超市")
        update_customer(s, counter.clerk, counter.clock, cid, form)
    text = _search_text(counter, cid)
    assert _bigrams(counter, cid) == {text[i : i + 2] for i in range(len(text) - 1)}
    with counter.db.session() as s:
        assert search_customers(s, "徐记") == []
        assert [h.id for h in search_customers(s, "孔府")] == [cid]


def test_matching_ids_agree_with_a_plain_substring_test(counter: Counter) -> None:
    names = ["济宁徐记便利店", "济南徐记粮油", "聊城眼科医院", "上海明镜眼镜有限公司"]
    ids = {name: _add(counter, name) for name in names}
    with counter.db.session() as s:
        dialect = s.get_bind().dialect.name
        for fragment in ("徐", "徐记", "眼镜有限", "济", "记便利店", "zz", "%"):
            found = set(s.scalars(matching_customer_ids(fragment, dialect)))
            expected = {ids[n] for n in names if fragment in n}
            assert found & set(ids.values()) == expected, fragment
