"""Errors that name the input and the reason; they become quarantine records, never tracebacks."""

from __future__ import annotations


class MarsadError(Exception):
    """Base class of every error marsad reports to users."""


class InputError(MarsadError):
    """An input that cannot be analysed: carries which input and why."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Picklable with both arguments, so worker processes can hand errors back.
        return (type(self), (self.source, self.reason))
