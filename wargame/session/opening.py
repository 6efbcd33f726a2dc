"""Opening a save for the session layer: the checks that need the engine, then the upgrade that needs a replay.

The store refuses what it can tell by itself (not a save, damaged, a newer
schema, a broken chain). Here: a newer state-digest version is refused, the
stored scenario must be the one ``session_started`` names, and a save opened to
play on is upgraded (schema, chain, snapshots) in one transaction.
"""

from __future__ import annotations

from pathlib import Path

from wargame.engine.digest import DIGEST_VERSION
from wargame.engine.events import SessionStarted
from wargame.engine.scenario import Scenario
from wargame.session.snapshots import replayed_snapshots
from wargame.store import NewerSchema, SaveFile, ScenarioMismatch, StoredEvent


def check_versions(save: SaveFile) -> None:
    """A save whose snapshots were taken with a newer state digest is refused, never rewritten."""
    version = save.digest_version()
    if version > DIGEST_VERSION:
        raise NewerSchema(
            save.path, f"written by a newer wargame (state digest version {version}; this program knows up to {DIGEST_VERSION})"
        )


def check_scenario_named(save: SaveFile, stored: list[StoredEvent]) -> None:
    """``session_started.scenario_hash`` must be the stored scenario's sha256 (the chain's genesis)."""
    first = stored[0].event if stored else None
    if isinstance(first, SessionStarted) and first.scenario_hash != save.genesis():
        raise ScenarioMismatch(
            save.path, f"event 1: session_started names scenario {first.scenario_hash[:12]}…, the file holds {save.genesis()[:12]}…"
        )


def open_save(path: Path | str, *, readonly: bool) -> tuple[SaveFile, Scenario, list[StoredEvent]]:
    """Open, check and (unless ``readonly``) upgrade a save; return it, its scenario and its checked events.

    Raises :class:`wargame.store.StoreError` naming the first problem; the file is
    closed again when anything is refused.
    """
    save = SaveFile.open(path, readonly=readonly)
    try:
        check_versions(save)
        scenario = save.scenario()
        if not readonly:
            if save.needs_upgrade(DIGEST_VERSION):
                check_scenario_named(save, save.read())
                save.begin_writing().upgrade(replayed_snapshots(scenario), DIGEST_VERSION)
        stored = save.read()
        check_scenario_named(save, stored)
        if not readonly:
            save.begin_writing()
        return save, scenario, stored
    except BaseException:
        save.close()
        raise
