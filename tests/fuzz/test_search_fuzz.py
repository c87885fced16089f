"""Whatever the clerk types into the customer search, it answers (both databases)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter.customers.records import search_customers
from tests.conftest import Counter

typed = st.text(max_size=12) | st.sampled_from(
    ["聊城\x00计量", '"', "*", "NEAR(", "a OR b", "%_\\", "\x00\x00\x00", "lcjl", "１３８"]
)


@settings(
    max_examples=2000,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=typed)
def test_any_search_text_answers_with_customers_or_nothing(counter: Counter, query: str) -> None:
    with counter.db.session() as s:
        hits = search_customers(s, query)
    assert all(hit.name for hit in hits)
