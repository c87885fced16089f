"""Typed reading of one JSON object's fields, collecting every problem instead of stopping."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from counter.i18n import _

T = TypeVar("T")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

#: Page counts and page numbers: a certificate has far fewer pages than this.
MAX_COUNT = 9999
#: Dates a certificate can carry (verification, issue, valid-until, a standard's validity).
MIN_YEAR, MAX_YEAR = 1900, 2199


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One reason an import is refused (the brief's "ImportError"; renamed so it does
    not shadow Python's built-in exception).

    `index` is the 0-based position of the certificate in the file (None: the file as a
    whole); `field` a JSON path inside it ("standards[1].valid_until"); `line`/`column`
    are given for malformed JSON.  `message` is in the current language.
    """

    index: int | None
    field: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where: list[str] = []
        if self.index is not None:
            where.append(_("第 {n} 份证书").format(n=self.index + 1))
        if self.field:
            where.append(self.field)
        if self.line is not None:
            where.append(_("第 {line} 行第 {column} 列").format(line=self.line, column=self.column))
        return f"{'，'.join(where)}：{self.message}" if where else self.message


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return _("布尔值")
    if isinstance(value, int | Decimal):
        return _("数字")
    if isinstance(value, str):
        return _("文本")
    if isinstance(value, list):
        return _("数组")
    return _("对象")


class FieldReader:
    """Reads fields of the certificate at `index`; problems go to the shared list."""

    def __init__(self, index: int | None, problems: list[ImportProblem]) -> None:
        self.index = index
        self.problems = problems

    def problem(self, path: str, message: str) -> None:
        self.problems.append(ImportProblem(self.index, path, message))

    def unknown_keys(self, obj: dict[str, Any], known: Collection[str], prefix: str) -> None:
        for key in obj:
            if key in known:
                continue
            close = difflib.get_close_matches(key, list(known), n=1)
            hint = _("（是否应为“{name}”？）").format(name=close[0]) if close else ""
            self.problem(prefix + key, _("未知字段{hint}").format(hint=hint))

    def _get(self, obj: dict[str, Any], key: str, path: str, required: bool) -> Any:
        if key not in obj:
            if required:
                self.problem(path, _("缺少必填字段"))
            return None
        return obj[key]

    def _wrong(self, path: str, expected: str, value: object) -> None:
        self.problem(
            path,
            _("应为{expected}，实为{actual}").format(expected=expected, actual=_kind(value)),
        )

    def text(self, obj: dict[str, Any], key: str, path: str, required: bool = False) -> str:
        value = self._get(obj, key, path, required)
        if value is None:
            return ""
        if not isinstance(value, str):
            self._wrong(path, _("文本"), value)
            return ""
        return value

    def value_text(self, obj: dict[str, Any], key: str, path: str) -> str:
        """Text, or a JSON number kept exactly as written (20.50 stays "20.50")."""
        value = self._get(obj, key, path, False)
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
            self._wrong(path, _("文本或数字"), value)
            return ""
        return str(value)

    def boolean(self, obj: dict[str, Any], key: str, path: str) -> bool:
        value = self._get(obj, key, path, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self._wrong(path, "true/false", value)
            return False
        return value

    def integer(self, obj: dict[str, Any], key: str, path: str) -> int | None:
        value = self._get(obj, key, path, False)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self._wrong(path, _("整数"), value)
            return None
        if not 0 <= value <= MAX_COUNT:
            self.problem(path, _("应为 0 到 {max} 之间的整数").format(max=MAX_COUNT))
            return None
        return value

    def date(self, obj: dict[str, Any], key: str, path: str) -> dt.date | None:
        value = self._get(obj, key, path, False)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            self._wrong(path, _("日期文本 YYYY-MM-DD"), value)
            return None
        if not _ISO_DATE.match(value.strip()):
            self.problem(path, _("无法识别的日期“{value}”，应写作 YYYY-MM-DD").format(value=value))
            return None
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            self.problem(path, _("日期“{value}”不存在").format(value=value))
            return None
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            self.problem(
                path,
                _("日期“{value}”超出 {first} 至 {last} 年").format(
                    value=value, first=MIN_YEAR, last=MAX_YEAR
                ),
            )
            return None
        return day

    def choice(
        self, obj: dict[str, Any], key: str, path: str, options: Mapping[str, T]
    ) -> T | None:
        """One of `options` (by key); the message lists the allowed values."""
        value = self._get(obj, key, path, False)
        if value is None:
            return None
        result = options.get(value) if isinstance(value, str) else None
        if result is None:
            self.problem(
                path,
                _("不认识的取值“{value}”，应为以下之一：{allowed}").format(
                    value=value, allowed=", ".join(options)
                ),
            )
        return result

    def objects(self, obj: dict[str, Any], key: str, path: str) -> list[dict[str, Any]]:
        value = self._get(obj, key, path, False)
        if value is None:
            return []
        if not isinstance(value, list):
            self._wrong(path, _("数组"), value)
            return []
        out: list[dict[str, Any]] = []
        for i, element in enumerate(value):
            if isinstance(element, dict):
                out.append(element)
            else:
                self._wrong(f"{path}[{i}]", _("对象"), element)
        return out

    def integers(self, obj: dict[str, Any], key: str, path: str) -> tuple[int, ...]:
        value = self._get(obj, key, path, False)
        if value is None:
            return ()
        if not isinstance(value, list):
            self._wrong(path, _("整数数组"), value)
            return ()
        if len(value) > MAX_COUNT:
            self.problem(path, _("最多 {max} 个").format(max=MAX_COUNT))
            return ()
        for i, v in enumerate(value):
            if isinstance(v, bool) or not isinstance(v, int):
                self._wrong(f"{path}[{i}]", _("整数"), v)
                return ()
            if not 0 <= v <= MAX_COUNT:
                self.problem(f"{path}[{i}]", _("应为 0 到 {max} 之间的整数").format(max=MAX_COUNT))
                return ()
        return tuple(value)
