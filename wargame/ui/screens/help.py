"""Help: the turn cycle and the keys, for a facilitator who has not run wargame before."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown

HELP = """\
# How a turn runs

1. **Injects arrive.** When a turn opens, the scenario's injects for that turn (and any branch inject
   whose trigger now holds) are released to their audiences. Control may *hold* a pending inject (h) or
   *release* one early, or a contingency, at any time (r) — in the **Injects** tab. A release or hold
   done by mistake is undone with u, until the turn moves on (adjudication or end of turn).
2. **Roles move, sealed.** Each human team takes the keyboard in turn (p, or Enter on the **Roles**
   tab): a hand-over screen first, then that team's own view — briefs, injects, the world it can see,
   its objectives and scores, and its moves with cost and odds. Enter chooses or drops a move, s seals.
   Bots move by themselves when a turn opens.
3. **Adjudication** (a). All moves are resolved together with seeded odds. Each outcome shows why:
   base chance, each modifier with its reason, the roll, the band, each effect before → after.
4. **Umpire review.** Select an outcome in **Results** and press o to override it with another band,
   or with custom effects (`escalation +1, us_support =40`); a rationale is required, kept in the record
   and read by every team that may see the outcome.
   The turn is resolved again: its follow-on rules are tested again with the new outcome (the Results
   detail says which were undone and which now fire); red lines crossed at adjudication stay crossed.
5. **End the turn** (e). The exercise ends after the last turn, when an end condition holds, or when
   control ends it (x).

The **World** tab lists each variable now, its range, how it moved since the previous turn ended (▲ up,
▼ down, · not at all; in turn 1, since the scenario's start) and its value after each turn.

Every step is saved the moment it is confirmed: ctrl+q quits (control only: not while a team has
the keyboard), and `wargame resume SAVE` continues exactly where you stopped.

# Keys

| key | where | does |
| --- | --- | --- |
| 1–5 | console | World, Roles, Injects, Results, Notes |
| p | console | hand the keyboard to the next team that has not sealed |
| a | console | adjudicate the turn |
| o | console, Results | override the selected outcome |
| r / h | console, Injects | release / hold the selected inject |
| u | console | undo the last release or hold (same stage of the turn only) |
| n | console | add a facilitator note |
| e / x | console | end the turn / finish the exercise (no more turns) |
| k | console | set or change the control PIN (a resumed session starts without one) |
| ↑ ↓, Home / End | any list | move the cursor; the first / the last row |
| Enter / s / Esc | player | choose or drop a move / seal / leave unsealed |
| ctrl+p | anywhere | command palette: every action of the screen |
| F1, ? | anywhere | this help |
| ctrl+q | console | quit (everything is saved); not while a team has the keyboard |

Press Escape to close.
"""


def help_for(screen: Screen) -> str:  # type: ignore[type-arg]
    """The help page of a screen: its ``HELP`` text (Markdown naming its keys), or the console's."""
    text = getattr(screen, "HELP", None)
    return text if isinstance(text, str) else HELP


class HelpScreen(ModalScreen[None]):
    """A page of help in Markdown over the current screen; the console's by default."""

    BINDINGS = [
        Binding("escape,f1,q", "close", "Close help"),
        # a page of help is read, not inspected line by line: ↓ moves a few lines, space a screen
        Binding("down,j", "scroll_by(4)", "Down", show=False, priority=True),
        Binding("up,k", "scroll_by(-4)", "Up", show=False, priority=True),
        Binding("space", "page_down", "Page down", show=False, priority=True),
    ]

    def __init__(self, text: str = HELP) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(self.text)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_by(self, lines: int) -> None:
        """Scroll the page ``lines`` lines down (up if negative), at once."""
        box = self.query_one("#help", VerticalScroll)
        box.scroll_to(y=max(0, box.scroll_y + lines), animate=False)

    def action_page_down(self) -> None:
        self.query_one("#help", VerticalScroll).scroll_page_down(animate=False)
