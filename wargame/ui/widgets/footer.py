"""A footer that rebuilds its keys only when they changed.

Textual's :class:`~textual.widgets.Footer` throws its keys away and builds them again (one widget
per key, each styled anew) whenever its screen's bindings may have changed: every time the screen
is shown again, on every focus change, on every ``refresh_bindings``. At a seat that is most
commits and every return to a screen — some tenths of a second of CPU each on this machine — for a
footer that usually shows the very same keys. :class:`SteadyFooter` works out what it would show
and rebuilds only when that differs from what it shows.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class SteadyFooter(Footer):
    """A :class:`~textual.widgets.Footer` (same arguments, same look) that recomposes only when its keys changed."""

    _drawn: tuple[Any, ...] | None = None
    """What the keys were made from when last built: see :meth:`keys`."""

    def keys(self) -> tuple[Any, ...]:
        """Everything :meth:`Footer.compose` reads: each shown binding's key, label, action, group, whether it
        is enabled and its tooltip, and the command palette's key when shown."""
        app = self.app
        active = self.screen.active_bindings
        keys = [
            (binding.key, app.get_key_display(binding), binding.description, binding.action, binding.group,
             enabled, tooltip)
            for _node, binding, enabled, tooltip in active.values() if binding.show
        ]
        palette = active.get(app.COMMAND_PALETTE_BINDING) if self.show_command_palette and app.ENABLE_COMMAND_PALETTE else None
        if palette is not None:
            _node, binding, enabled, tooltip = palette
            keys.append((binding.key, app.get_key_display(binding), binding.description, binding.action, None,
                         enabled, binding.tooltip))
        return (tuple(keys), palette is not None, self.compact)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        if not self.is_attached:
            return
        keys = self.keys()
        if keys != self._drawn:
            self._drawn = keys
            await self.recompose()
