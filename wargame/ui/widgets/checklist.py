"""A checklist whose ticks are told apart by shape, not colour alone.

Textual's ``SelectionList`` draws ``▐X▌`` before every row and tells a ticked row from an unticked one only by
the colour of the ``X``: in a 256-colour terminal (or for a reader who cannot tell the two colours apart)
every row looks ticked. A :class:`Checklist` draws ``▐X▌`` before a ticked row and ``▐ ▌`` before an
unticked one, in the same colours as before.
"""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

ValueType = TypeVar("ValueType")

TICKED = Checkbox.BUTTON_INNER
"""What a ticked row's box holds (``X``)."""
UNTICKED = " "
"""What an unticked row's box holds."""


class Checklist(SelectionList[ValueType]):
    """A ``SelectionList`` (Space or Enter ticks the highlighted row; ``selected`` lists the ticked values)
    whose unticked rows show an empty box."""

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return line
        if selection.value in self._selected:
            return line
        segments = list(line)
        # SelectionList draws the box as its first three segments: left side, the inner mark, right side.
        if len(segments) < 3 or segments[1].text != TICKED:
            return line
        segments[1] = Segment(UNTICKED, segments[1].style, segments[1].control)
        return Strip(segments, line.cell_length)
