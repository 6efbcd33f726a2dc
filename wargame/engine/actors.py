"""Who issues a command: control (the White Cell), a human team playing a role, or a bot playing a role.

Every command crosses the session with its actor, and :func:`wargame.engine.decide.decide`
refuses what that actor may not do: a role acts only for itself; only control adjudicates,
overrides, releases or holds injects, ends turns, assigns roles and writes notes.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field


class _Actor(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Control(_Actor):
    """The facilitator (White Cell): runs the exercise, sees everything."""

    kind: Literal["control"] = "control"

    def __str__(self) -> str:
        return "control"


class Team(_Actor):
    """A human team playing ``role`` (a seat, or the hot-seat player screen)."""

    kind: Literal["team"] = "team"
    role: str

    def __str__(self) -> str:
        return self.role


class Bot(_Actor):
    """A bot playing ``role`` with the registered policy ``policy``."""

    kind: Literal["bot"] = "bot"
    role: str
    policy: str

    def __str__(self) -> str:
        return f"{self.role} (bot: {self.policy})"


Actor = Annotated[Union[Control, Team, Bot], Field(discriminator="kind")]

CONTROL_ACTOR = Control()
"""The one control actor (control has no identity beyond its role)."""


def actor_role(actor: Control | Team | Bot) -> str | None:
    """The role an actor plays, or None for control."""
    return None if isinstance(actor, Control) else actor.role
