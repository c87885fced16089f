"""English catalogues, one module per area (`en_<area>.py`, each defining `EN`).

Every module in this package is merged into one dictionary keyed by the
Chinese source text.  `tests/counter/test_i18n.py` checks that every `_("…")`
literal in the code base has an entry and that no two modules disagree.
"""

from __future__ import annotations

import importlib
import pkgutil


def load_catalog() -> dict[str, str]:
    merged: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not info.name.startswith("en_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        merged.update(module.EN)
    return merged
