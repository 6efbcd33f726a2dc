"""What every screen of the exercise shares: typed access to the app and its session."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App
    from textual.events import ScreenResume

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


class KeepsStyles:
    """Mixin for screens shown again and again (a team's moves screen each turn, its home screen after each
    visit to its moves): on its way back, the screen keeps the styles it has unless they could have changed.

    Textual re-applies the whole stylesheet to every widget of a screen each time it is shown again (some
    tenths of a second of CPU for a screen of tabs on this machine, more under load) in case the theme or
    the app's classes changed while it was hidden. This mixin notes what the styles depend on when the
    screen is hidden — the app's CSS generation, theme, classes and pseudo-classes — and lets Textual skip
    the re-styling only when all of them are the same. (Widgets changed while hidden restyle themselves.)
    Put it before ``Screen`` among the bases: Textual calls each class's handler, most derived first.
    """

    app: App  # type: ignore[type-arg]
    _styled_as: tuple[object, ...] | None = None

    def _style_inputs(self) -> tuple[object, ...]:
        app = self.app
        return (app._css_update_count, id(app.stylesheet), app.theme, frozenset(app.classes), app.pseudo_classes)

    def _on_screen_suspend(self) -> None:
        self._styled_as = self._style_inputs()

    def _on_screen_resume(self, event: ScreenResume) -> None:
        if self._styled_as is not None and self._styled_as == self._style_inputs():
            event.refresh_styles = False
