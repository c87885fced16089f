"""English catalogue: Chinese source text -> English.

Keep entries sorted by area.  `tests/counter/test_i18n.py` checks that every
`_("…")` literal in the code base has an entry here.
"""

from __future__ import annotations

EN: dict[str, str] = {
}
