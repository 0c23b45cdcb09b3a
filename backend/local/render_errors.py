"""Errors of the local renderer; both are ``OperationFailed`` so they sit in the one hierarchy."""

from __future__ import annotations

from backend.errors import OperationFailed

__all__ = ["RenderCancelled", "RenderError"]


class RenderError(OperationFailed):
    """A draft could not be rendered. ``str()`` says why in words a user can act on."""


class RenderCancelled(RenderError):
    """The render was cancelled; no output file was left behind."""

    def __init__(self, message: str = "The render was cancelled.") -> None:
        super().__init__(message)
