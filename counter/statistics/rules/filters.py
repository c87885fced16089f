"""The filter every statistic takes: one frozen dataclass, saved with a report as JSON."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field, replace

from counter.i18n import _


@dataclass(frozen=True)
class StatFilter:
    """Period (both days inclusive, counter dates) and the optional narrowing.

    `division_prefix` is the region: a GB/T 2260 code prefix ("3201" = 南京市).
    Empty values mean "all".
    """

    start: dt.date
    end: dt.date
    department_ids: tuple[int, ...] = field(default_factory=tuple)
    sector: str = ""
    division_prefix: str = ""
    service: str = ""
    customer_id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "department_ids", tuple(sorted(set(self.department_ids))))
        if self.end < self.start:
            raise ValueError(_("统计期间的结束日期不能早于开始日期"))

    def previous_year(self) -> StatFilter:
        """The same filter one year earlier (29 February becomes 28 February)."""
        return replace(self, start=_year_back(self.start), end=_year_back(self.end))

    def to_json(self) -> str:
        data = asdict(self)
        data["start"] = self.start.isoformat()
        data["end"] = self.end.isoformat()
        data["department_ids"] = list(self.department_ids)
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @staticmethod
    def from_json(text: str) -> StatFilter:
        data = json.loads(text)
        return StatFilter(
            start=dt.date.fromisoformat(data["start"]),
            end=dt.date.fromisoformat(data["end"]),
            department_ids=tuple(int(d) for d in data.get("department_ids", ())),
            sector=str(data.get("sector", "")),
            division_prefix=str(data.get("division_prefix", "")),
            service=str(data.get("service", "")),
            customer_id=data.get("customer_id"),
        )


def year_filter(year: int, **narrowing: object) -> StatFilter:
    return StatFilter(dt.date(year, 1, 1), dt.date(year, 12, 31), **narrowing)  # type: ignore[arg-type]


def _year_back(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)
