"""Errors that name the input and the problem; the CLI turns them into one-line messages."""

from __future__ import annotations


class SitrepError(Exception):
    """Base class for errors Sitrep reports to users."""


class InputError(SitrepError):
    """An input (file, record, URL) cannot be processed; the message names it and says why."""

    def __init__(self, origin: str, problem: str) -> None:
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Worker processes send errors back pickled: rebuild from both parts, not from the joined message.
        return (type(self), (self.origin, self.problem))


class QueryError(SitrepError):
    """A search query or filter is malformed; the message explains it in one line."""


class UsageError(SitrepError):
    """A command or call asked for something Sitrep does not do with these arguments; the message says why."""


class DatabaseUnavailable(SitrepError):
    """The database server cannot be reached, or the connection to it was lost; the message names it."""
