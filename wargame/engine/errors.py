"""Why the engine refuses a command: a small hierarchy, so faces can say precisely what went wrong."""

from __future__ import annotations


class EngineError(Exception):
    """A command that the current state does not allow. Nothing was changed."""


class WrongPhase(EngineError):
    """The command belongs to another phase of the turn (e.g. a move after adjudication)."""


class UnknownName(EngineError):
    """A role, action, inject or band that the scenario does not have."""


class IllegalMove(EngineError):
    """A move that breaks a precondition, the role's budget, or is already submitted."""


class OverrideRefused(EngineError):
    """An override without a rationale, or of an outcome that does not exist."""


class NotAllowed(EngineError):
    """The actor may not issue this command (a role acting for another, a role doing control's work)."""
