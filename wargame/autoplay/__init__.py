"""Headless play of many games, for designers balancing a scenario."""

from wargame.autoplay.runner import autoplay, play_one
from wargame.autoplay.tally import Tally

__all__ = ["Tally", "autoplay", "play_one"]
