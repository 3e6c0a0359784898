"""Typed errors that carry a readable message for the user and optional technical detail."""

from __future__ import annotations


class UserError(Exception):
    """An error whose `message` can be shown to a student as it is."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class NotFound(UserError):
    """A clip, card, tag or job id that is not in the library."""


class BadInput(UserError):
    """A path, file or value that cannot be used (missing, a folder, not media, truncated...)."""


class StorageError(UserError):
    """The data folder cannot be written (read-only, full disk)."""


class JobCancelled(Exception):
    """Raised inside a step when the user cancelled its job."""
