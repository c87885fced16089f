from __future__ import annotations

import pytest

from tests.conftest import Counter
from tests.counter.feedback.world import FeedbackWorld, make_world


@pytest.fixture
def fb(counter: Counter) -> FeedbackWorld:
    return make_world(counter)
