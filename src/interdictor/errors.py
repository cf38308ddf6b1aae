"""The exception tree of Interdictor.

InterdictorError
 ├── InvalidInput        bad user input: a file, line or record and what is wrong
 │    └── UnknownFormat  a file whose format cannot be detected or is not supported
 ├── NotFound            a dataset, version or entity that does not exist
 └── StoreError          the store cannot be opened or migrated
"""

from __future__ import annotations


class InterdictorError(Exception):
    """Root of every error this package raises on purpose."""

    status_code = 500


class InvalidInput(InterdictorError):
    """Input that cannot be used. Names where it is (file, line or record) and why."""

    status_code = 400

    def __init__(self, reason: str, *, source: str | None = None, position: str | None = None):
        self.reason = reason
        self.source = source
        self.position = position
        where = ":".join(p for p in (source, position) if p)
        super().__init__(f"{where}: {reason}" if where else reason)


class UnknownFormat(InvalidInput):
    """The format of a file cannot be detected, or is not one we read."""


class NotFound(InterdictorError):
    status_code = 404


class StoreError(InterdictorError):
    status_code = 500
