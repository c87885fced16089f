"""Every figure against the hand-counted history of `world` (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest

from counter.statistics.rules.filters import StatFilter
from tests.conftest import Counter
from tests.counter.statistics import world as W

YEAR = StatFilter(dt.date(2026, 1, 1), dt.date(2026, 12, 31))


@pytest.fixture
def sw(counter: Counter) -> W.StatsWorld:
    return W.build(counter)


def test_world_builds(sw: W.StatsWorld) -> None:
    assert len(sw.items_a) == 3
