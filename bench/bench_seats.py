"""Benchmark of live seats: eight seats on one save through eight turns of bot-driven moves.

    .venv/bin/python bench/bench_seats.py [--turns 8] [--gap 0.15]

Eight real seat processes — control, the six roles of iraq-2020 and the room display — each a
headless :class:`wargame.ui.seat_app.SeatApp` following the save, while a driver process commits
one command at a time (random legal moves for every role, seals, adjudication, end of turn), ``--gap``
seconds apart. A role's seat opens its moves screen when a turn opens, as a team would. Each seat
records the time its screen had been refreshed after it folded each new tail (and repainted what
changed; a commit that changes nothing a lens may see — another team's chosen move — needs no
repaint there, but still counts: the seat has caught up only once it has looked); the figure is, for
every commit and every seat, the time from the commit returning to that seat's refreshed screen.

Baseline in the same run: eight bare pollers that only read the tail every interval (no fold, no
view, no Textual), so the difference is what folding and repainting cost on top of polling.
Events lost: each seat's folded log must end at the file's last event with the same state digest.
Not a test: it prints figures for docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def seat(save: str, lens: str, out: str, teams: str = "home") -> None:
    """A real seat, headless: records (seq, time) once the screen has been refreshed after each poll that folded new
    events (repainted where they changed what the lens shows); exits when the session has ended.

    With ``teams="moves"`` a role's seat opens its moves screen when a turn opens, as a team at its
    laptop would (and is sent back to its home screen when its moves are sealed); with ``"home"`` it
    stays on the team's home screen, watching.
    """
    from wargame.engine.views import RoleView
    from wargame.seats.live import POLL_S
    from wargame.session import Session
    from wargame.ui.seat_app import RoleHomeScreen, SeatApp

    records: list[tuple[int, float]] = []

    pending: list[int] = []
    """Seqs folded by a poll and not yet on screen."""

    cpu_at_ready = [0.0]

    class Timed(SeatApp):
        def on_ready(self) -> None:
            cpu_at_ready[0] = time.process_time()
            Path(out + ".ready").write_text("ready")

        def poll(self) -> None:
            before = self.session.seq
            super().poll()
            seq = self.session.seq
            if seq == before:
                return
            pending.append(seq)
            # caught up at the next frame drawn (see _display) or, when nothing needed drawing, once idle
            self.call_after_refresh(self.caught_up)
            screen = self.screen
            if isinstance(screen, RoleHomeScreen) and teams == "moves":
                view = self.session.view(screen.role)
                if isinstance(view, RoleView) and view.phase == "moves" and screen.role not in view.status.sealed:
                    screen.action_moves()

        def _display(self, screen: Any, renderable: Any) -> None:
            super()._display(screen, renderable)  # headless: the frame is composed, then not written anywhere
            if renderable is not None:
                self.caught_up()

        def caught_up(self) -> None:
            now = time.time()
            records.extend((seq, now) for seq in pending)
            pending.clear()
            if self.session.state.phase == "ended" and self.is_running:
                self.exit()

    session = Session.open(save)
    app = Timed(session, lens=lens, poll_s=POLL_S)
    app.run(headless=True, size=(120, 40))
    Path(out).write_text(json.dumps({"records": records, "seq": session.seq, "digest": session.digest(),
                                     "events": len(session.events), "cpu": time.process_time() - cpu_at_ready[0]}))
    session.close()


def bare(save: str, out: str) -> None:
    """A bare poller: the tail every interval and nothing else."""
    from wargame.seats.live import POLL_S
    from wargame.store import SaveFile

    records: list[tuple[int, float]] = []
    with SaveFile.open(save) as file:
        last = 0
        Path(out + ".ready").write_text("ready")
        while True:
            seq, _head = file.tail()
            if seq != last:
                last = seq
                records.append((seq, time.time()))
            if Path(save + ".done").exists() and seq == int(Path(save + ".done").read_text()):
                break
            time.sleep(POLL_S)
    Path(out).write_text(json.dumps({"records": records, "seq": last}))


def drive(save: Path, turns: int, gap: float, seed: int) -> list[tuple[int, float]]:
    """Play ``turns`` turns one command at a time; return (last seq of each commit, time it returned)."""
    from wargame.engine import commands as cmd
    from wargame.engine.actors import CONTROL_ACTOR, Team
    from wargame.engine.decide import why_illegal
    from wargame.session import Session

    rng = random.Random(seed)
    commits: list[tuple[int, float]] = []
    with Session.open(save) as session:
        def do(command, actor=CONTROL_ACTOR) -> None:  # type: ignore[no-untyped-def]
            session.execute(command, actor)
            commits.append((session.seq, time.time()))
            time.sleep(gap)

        do(cmd.StartExercise())
        while session.state.phase != "ended" and session.state.turn <= turns:
            for role in session.scenario.world.roles:
                options = [a.id for a in session.scenario.role(role).actions
                           if why_illegal(session.state, role, a.id) is None]
                for action in rng.sample(options, k=min(len(options), rng.randint(1, 2))):
                    if why_illegal(session.state, role, action) is None:
                        do(cmd.SubmitMove(role=role, action=action), Team(role=role))
                do(cmd.SealMoves(role=role), Team(role=role))
            do(cmd.Adjudicate())
            if session.state.turn >= turns:
                break
            do(cmd.EndTurn())
        if session.state.phase != "ended":
            do(cmd.EndExercise(message="bench over"))
    return commits


def latencies(commits: list[tuple[int, float]], records: list[tuple[int, float]]) -> list[float]:
    """For each commit, the time to the first record at or after its seq (commits no record covers are skipped)."""
    out = []
    for seq, at in commits:
        later = [t for s, t in records if s >= seq and t >= at - 1e-3]
        if later:
            out.append(min(later) - at)
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else (values[0] if values else float("nan"))


def run(kind: str, turns: int, gap: float, seed: int, folder: Path, teams: str = "home") -> dict[str, object]:
    from wargame.scenario import load_scenario
    from wargame.seats import lenses
    from wargame.session import Session

    save = folder / f"{kind}.db"
    session = Session.create(load_scenario("iraq-2020"), seed, None, save)
    names = lenses(session)
    session.close()
    procs = []
    for lens in names:
        out = folder / f"{kind}-{lens}.json"
        args = ["--seat", str(save), lens, str(out), teams] if kind == "seats" else ["--bare", str(save), str(out)]
        procs.append((lens, out, subprocess.Popen([sys.executable, __file__, *args])))
    deadline = time.monotonic() + 120
    while not all(Path(str(out) + ".ready").exists() for _lens, out, _proc in procs):
        assert time.monotonic() < deadline, "the seats did not start"
        time.sleep(0.2)  # every seat up and drawn before the first commit
    time.sleep(1)
    commits = drive(save, turns, gap, seed)
    Path(str(save) + ".done").write_text(str(commits[-1][0]))
    for _lens, _out, proc in procs:
        proc.wait(120)
    with Session.open(save) as final:
        last, digest, count = final.seq, final.digest(), len(final.events)
    all_latencies: list[float] = []
    per_lens: dict[str, list[float]] = {}
    cpu: dict[str, float] = {}
    lost = 0
    for lens, out, _proc in procs:
        data = json.loads(out.read_text())
        if data["seq"] != last or (kind == "seats" and (data["digest"] != digest or data["events"] != count)):
            lost += 1
            print(f"  {kind} {lens}: ended at seq {data['seq']} of {last}", file=sys.stderr)
        per_lens[lens] = latencies(commits, [tuple(r) for r in data["records"]])
        all_latencies += per_lens[lens]
        cpu[lens] = data.get("cpu", 0.0)
    return {"commits": len(commits), "samples": len(all_latencies), "lost": lost,
            "median": statistics.median(all_latencies), "p95": p95(all_latencies), "max": max(all_latencies),
            "per_lens": {lens: (statistics.median(v), p95(v)) for lens, v in per_lens.items()}, "cpu": cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--turns", type=int, default=8)
    parser.add_argument("--gap", type=float, default=0.15, help="seconds between two commits")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--teams", choices=("home", "moves"), default="home",
                        help="where the six team seats sit: on their home screen (watching), or in their moves "
                             "screen from each turn's opening until their moves are sealed")
    parser.add_argument("--seat", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--bare", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seat:
        seat(*args.seat)
        return
    if args.bare:
        bare(*args.bare)
        return
    from wargame.seats.live import POLL_S

    print(f"machine: {os.cpu_count()} cores {platform.machine()}, Python {platform.python_version()}")
    print(f"eight seats on one save, {args.turns} turns of bot-driven moves, a commit every {args.gap} s, poll every {POLL_S} s, "
          f"teams on their {'home' if args.teams == 'home' else 'moves'} screens; load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        base = run("bare", args.turns, args.gap, args.seed, Path(tmp))
        seats = run("seats", args.turns, args.gap, args.seed, Path(tmp), args.teams)
    for name, r in (("bare poll (tail only)", base), ("seats (fold + view + repaint)", seats)):
        print(f"{name:31} commits {r['commits']}, samples {r['samples']}, events lost {r['lost']}: "
              f"commit→repaint median {r['median'] * 1000:.0f} ms, p95 {r['p95'] * 1000:.0f} ms, max {r['max'] * 1000:.0f} ms")
    print("per seat, median / p95 (ms): " + ", ".join(f"{lens} {m * 1000:.0f}/{q * 1000:.0f}"
                                                      for lens, (m, q) in seats["per_lens"].items()))  # type: ignore[attr-defined]
    cpu = seats["cpu"]  # type: ignore[index]
    print("CPU time per seat while following the game (s): " + ", ".join(f"{lens} {t:.1f}" for lens, t in cpu.items())
          + f"; all seats {sum(cpu.values()):.1f}")  # type: ignore[attr-defined]
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
