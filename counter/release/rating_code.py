"""The rating short code of an order (好差评): made at its first handover, printed with a QR
code on the handover slip, looked up when the customer rates with it (`counter.feedback`)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.clock import Clock
from counter.release.rules.rating_code import new_code, normalise
from db.models_feedback import RatingCode


def rating_code_of(session: Session, order_id: int) -> str:
    """The order's code, "" when none was made (released before codes existed)."""
    return session.scalar(select(RatingCode.code).where(RatingCode.order_id == order_id)) or ""


def ensure_rating_code(session: Session, clock: Clock, order_id: int) -> str:
    """The order's code, made now if it has none (inside the handover's transaction)."""
    existing = rating_code_of(session, order_id)
    if existing:
        return existing
    code = new_code()
    while session.scalar(select(RatingCode.id).where(RatingCode.code == code)) is not None:
        code = new_code()
    session.add(RatingCode(order_id=order_id, code=code, created_at=clock.now()))
    session.flush()
    return code


def order_of_code(session: Session, text: str) -> int | None:
    """The order a typed or scanned code belongs to; None for an unknown or malformed code."""
    code = normalise(text)
    if not code:
        return None
    return session.scalar(select(RatingCode.order_id).where(RatingCode.code == code))
