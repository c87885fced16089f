"""Scores: satisfied / basically satisfied / dissatisfied, or 1–5 stars mapped onto them.

5 and 4 stars count as satisfied, 3 as basically satisfied, 2 and 1 as
dissatisfied; the satisfaction rate is (satisfied + basically) / all.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from counter.i18n import _


class Level(enum.StrEnum):
    SATISFIED = "satisfied"
    BASIC = "basic"
    DISSATISFIED = "dissatisfied"


LEVELS = tuple(Level)

#: keys 1 / 2 / 3 on the rating step and their level
KEYS = {"1": Level.SATISFIED, "2": Level.BASIC, "3": Level.DISSATISFIED}


class Channel(enum.StrEnum):
    COUNTER = "counter"  # at the counter, on pickup
    CODE = "code"  # the short code / QR on the handover slip
    PHONE = "phone"  # taken by a clerk on the phone


@dataclass(frozen=True)
class Score:
    level: Level
    stars: int | None = None


def stars_level(stars: int) -> Level:
    if stars >= 4:
        return Level.SATISFIED
    if stars == 3:
        return Level.BASIC
    return Level.DISSATISFIED


def parse_score(value: str | int | Level | Score) -> Score:
    """A level ("satisfied", "basic", "dissatisfied") or stars (1–5, as a number or text)."""
    if isinstance(value, Score):
        return value
    if isinstance(value, Level):
        return Score(value)
    text = str(value).strip().lower()
    if text in {level.value for level in Level}:
        return Score(Level(text))
    if text.isdigit() and 1 <= int(text) <= 5:
        return Score(stars_level(int(text)), int(text))
    raise ValueError(
        _("评价应为 满意 / 基本满意 / 不满意，或 1–5 星（收到 “{value}”）").format(value=value)
    )


def level_label(level: str) -> str:
    labels: dict[str, str] = {
        Level.SATISFIED.value: _("满意"),
        Level.BASIC.value: _("基本满意"),
        Level.DISSATISFIED.value: _("不满意"),
    }
    return labels.get(level, level)


def score_label(level: str, stars: int | None) -> str:
    if stars:
        return _("{stars} 星（{level}）").format(stars=stars, level=level_label(level))
    return level_label(level)


def channel_label(channel: str) -> str:
    labels: dict[str, str] = {
        Channel.COUNTER.value: _("柜台领取时"),
        Channel.CODE.value: _("交接单评价码"),
        Channel.PHONE.value: _("电话"),
    }
    return labels.get(channel, channel)


def rate(satisfied: int, basic: int, total: int) -> float | None:
    """(satisfied + basically) / all, or None when nobody rated."""
    return (satisfied + basic) / total if total else None
