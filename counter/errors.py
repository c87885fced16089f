"""Errors that reach the clerk: their text is already in the user's language."""

from __future__ import annotations


class CounterError(Exception):
    """A refusal the user can act on; `str(error)` is the message to show."""


class ValidationError(CounterError):
    """Input that cannot be saved; `problems` lists every one, in order."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class PermissionDenied(CounterError):
    pass


class NotFound(CounterError):
    pass


class DatabaseUnavailable(CounterError):
    """The database is busy, gone or at the wrong schema; nothing was saved."""
