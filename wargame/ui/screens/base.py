"""What every screen of the exercise shares: typed access to the app and its session."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

    from wargame.ui.app import WargameApp


class UsesSession:
    """Mixin for screens and dialogs that talk to the session through :class:`WargameApp`."""

    app: App  # type: ignore[type-arg]

    @property
    def wargame(self) -> WargameApp:
        from wargame.ui.app import WargameApp

        app = self.app
        assert isinstance(app, WargameApp)
        return app
