"""The counter's domain (no Qt in it).

Every flush of every session is checked against the database's limits
(`counter.limits`).  The check is installed when SQLAlchemy's ORM is loaded, not when
this package is: the login dialog's modules (`counter.i18n`, `counter.errors`, …) load
without SQLAlchemy, so that the dialog shows while the database is opened behind it.
"""

from __future__ import annotations

import importlib.abc
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

_ORM = "sqlalchemy.orm"


def _install_limits() -> None:
    from counter.limits import install

    install()


class _InstallLimitsAfterOrm(importlib.abc.MetaPathFinder):
    """Asks the other finders for `sqlalchemy.orm` and wraps its loading to install the
    check right after it; then leaves `sys.meta_path`."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != _ORM:
            return None
        spec: ModuleSpec | None = None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None) if finder is not self else None
            spec = find(fullname, path, target) if find is not None else None
            if spec is not None:
                break
        if spec is None:
            return None
        loader = spec.loader
        if loader is None:
            return spec
        exec_module = loader.exec_module

        def exec_then_install(module: ModuleType) -> None:
            exec_module(module)
            _install_limits()
            if self in sys.meta_path:
                sys.meta_path.remove(self)

        loader.exec_module = exec_then_install  # type: ignore[method-assign]  # this spec's own
        return spec


if _ORM in sys.modules:
    _install_limits()
else:
    sys.meta_path.insert(0, _InstallLimitsAfterOrm())
