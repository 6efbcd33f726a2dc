"""Switching tabs from the keyboard, wherever the focus is.

A :class:`~textual.widgets.TabbedContent` follows the focus: when a widget inside
a pane gains focus, that pane becomes active. Setting ``active`` while a list in the
old pane has focus therefore bounces straight back (the hidden list hands its focus
to a neighbour in the same pane). Clearing the focus first, then focusing the new
pane's first focusable widget, makes tab keys and palette entries always work and
leaves the keyboard in the pane the reader now sees.
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import TabbedContent


def first_focusable(pane: Widget) -> Widget | None:
    """The first widget in ``pane`` (in document order) that can take the keyboard, or None."""
    return next((widget for widget in pane.query("*") if widget.focusable), None)


def show_tab(tabs: TabbedContent, pane_id: str) -> None:
    """Make ``pane_id`` the active pane of ``tabs`` and put the keyboard on its first focusable widget."""
    tabs.screen.set_focus(None)
    tabs.active = pane_id

    def focus() -> None:
        if tabs.active != pane_id:  # another tab key came first: its own call focuses its pane
            return
        target = first_focusable(tabs.get_pane(pane_id))
        if target is not None:
            target.focus(scroll_visible=False)
        tabs.screen.refresh_bindings()

    tabs.call_after_refresh(focus)
