"""An on-site job's states and the checks before a crew leaves (pure).

States: requested → scheduled → in progress → done, or cancelled (with a reason)
from any state before done.  A scheduled job may be scheduled again (another day,
another crew) until it starts.  The checks say, in words a dispatcher can act on,
why a standard, a verifier or a vehicle cannot go on the day.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass

from counter.i18n import _


class JobState(enum.StrEnum):
    REQUESTED = "requested"
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


def state_label(state: str) -> str:
    labels = {
        JobState.REQUESTED.value: _("待安排"),
        JobState.SCHEDULED.value: _("已安排"),
        JobState.IN_PROGRESS.value: _("进行中"),
        JobState.DONE.value: _("已完成"),
        JobState.CANCELLED.value: _("已取消"),
    }
    return labels.get(state, state)


#: the moves a job may make
MOVES: dict[JobState, frozenset[JobState]] = {
    JobState.REQUESTED: frozenset({JobState.SCHEDULED, JobState.CANCELLED}),
    JobState.SCHEDULED: frozenset({JobState.SCHEDULED, JobState.IN_PROGRESS, JobState.CANCELLED}),
    JobState.IN_PROGRESS: frozenset({JobState.DONE, JobState.CANCELLED}),
    JobState.DONE: frozenset(),
    JobState.CANCELLED: frozenset(),
}

#: states that hold resources on their day
HOLDING = frozenset({JobState.SCHEDULED, JobState.IN_PROGRESS})


def move_problem(number: str, state: str, new: JobState) -> str | None:
    """Why the job cannot move to `new`, or None."""
    if new in MOVES[JobState(state)]:
        return None
    return _("上门任务 {number} 当前为“{state}”，不能改为“{new}”").format(
        number=number, state=state_label(state), new=state_label(new)
    )


class Resource(enum.StrEnum):
    USER = "user"
    VEHICLE = "vehicle"
    STANDARD = "standard"


def resource_label(resource: str) -> str:
    labels = {
        Resource.USER.value: _("检定人员"),
        Resource.VEHICLE.value: _("车辆"),
        Resource.STANDARD.value: _("计量标准"),
    }
    return labels.get(resource, resource)


@dataclass(frozen=True)
class StandardFacts:
    ref: str
    name: str
    valid_until: dt.date | None
    active: bool
    certificate_number: str = ""


def standard_problem(s: StandardFacts, day: dt.date) -> str | None:
    """A standard may go only when in use, with a certificate valid on the day."""
    label = f"{s.ref} {s.name}"
    if not s.active:
        return _("计量标准 {standard} 已停用，不能带往现场").format(standard=label)
    if s.valid_until is None or not s.certificate_number.strip():
        return _("计量标准 {standard} 缺少证书编号或有效期，不能使用").format(standard=label)
    if s.valid_until < day:
        return _("计量标准 {standard} 的有效期至 {until}，不覆盖任务日期 {day}").format(
            standard=label, until=s.valid_until.isoformat(), day=day.isoformat()
        )
    return None


@dataclass(frozen=True)
class VerifierFacts:
    name: str
    active: bool
    is_lab: bool  # holds the lab role
    # type id → the latest valid-until of an active authorisation
    authorised: Mapping[int, dt.date]


def verifier_problems(v: VerifierFacts, types: Mapping[int, str], day: dt.date) -> list[str]:
    """Each instrument type of the job the verifier is not authorised for on the day."""
    if not v.active:
        return [_("{name} 的账号已停用，不能派往现场").format(name=v.name)]
    if not v.is_lab:
        return [_("{name} 不是检定人员，不能作为上门检定人员").format(name=v.name)]
    problems = []
    for type_id, type_name in sorted(types.items(), key=lambda kv: kv[1]):
        until = v.authorised.get(type_id)
        if until is None:
            problems.append(_("{name} 没有“{type}”的检定授权").format(name=v.name, type=type_name))
        elif until < day:
            problems.append(
                _("{name} 的“{type}”检定授权有效期至 {until}，不覆盖任务日期 {day}").format(
                    name=v.name, type=type_name, until=until.isoformat(), day=day.isoformat()
                )
            )
    return problems


def crew_problems(crew: list[VerifierFacts], types: Mapping[int, str], day: dt.date) -> list[str]:
    """At least one verifier; each one authorised, on the day, for every type of the job."""
    if not crew:
        return [_("请至少安排一名检定人员")]
    problems = []
    for v in crew:
        problems += verifier_problems(v, types, day)
    return problems


def booked_problem(resource: str, label: str, day: dt.date, other_job: str) -> str:
    return _("{kind} {label} 在 {day} 已安排给上门任务 {job}，不能重复安排").format(
        kind=resource_label(resource), label=label, day=day.isoformat(), job=other_job
    )
