"""Kill -9 inside each migration: shared by tests/faults/test_kill_migration.py and bench/faults.py."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from studycompanion.core.db.engine import Database, head_revision
from studycompanion.core.db.migrations_list import revisions

ROOT = Path(__file__).resolve().parents[2]
CHILD = [sys.executable, "-m", "tests.faults.migrate_child"]


@dataclass(frozen=True)
class KillTrial:
    revision: str
    kill_at: int  # the SQL statement to die before (0: none)
    delay: float  # or seconds until SIGKILL (0: none)


@dataclass(frozen=True)
class TrialOutcome:
    trial: KillTrial
    killed: bool
    opened: bool
    rows_lost: int
    note: str = ""


def previous(revision: str) -> str | None:
    revs = revisions()
    i = revs.index(revision)
    return revs[i - 1] if i else None


def prepare(db_path: Path, revision: str) -> int:
    """A library at the revision before `revision`, with rows in it. Returns how many rows it holds."""
    before = previous(revision)
    if before is None:
        return 0
    db = Database(db_path)
    db.migrate(before)
    db.dispose()
    with sqlite3.connect(db_path) as conn:
        for i in range(1, 4):
            conn.execute(
                "INSERT INTO video (id, platform, platform_id, hashtags, added_at, status, title) "
                f"VALUES ({i}, 'local', 'p{i}', '[]', '2026-01-01 10:00:00', 'ready', 'Clip {i}')")
        conn.execute("INSERT INTO tag (id, name) VALUES (1, 'Cardio')")
        conn.execute("INSERT INTO videotag (video_id, tag_id, source, added_at) VALUES (1, 1, 'user', '2026-01-01')")
    conn.close()
    return 4


def count_rows(db_path: Path) -> int:
    with sqlite3.connect(db_path) as conn:
        n = conn.execute("SELECT count(*) FROM video").fetchone()[0] + conn.execute(
            "SELECT count(*) FROM videotag").fetchone()[0]
    conn.close()
    return int(n)


def run_trial(folder: Path, trial: KillTrial) -> TrialOutcome:
    folder.mkdir(parents=True, exist_ok=True)
    db_path = folder / "library.sqlite3"
    rows = prepare(db_path, trial.revision)
    child = subprocess.run([*CHILD, str(db_path), trial.revision, str(trial.kill_at), str(trial.delay)],
                           cwd=ROOT, capture_output=True, text=True, timeout=120, env={**os.environ})
    killed = child.returncode == -9
    try:  # the next start
        db = Database(db_path)
        result = db.migrate()
        db.dispose()
        opened = result.after == head_revision()
        lost = rows - count_rows(db_path)
        note = result.repair
    except Exception as exc:  # a bricked library
        return TrialOutcome(trial, killed, False, rows, f"{type(exc).__name__}: {exc}")
    from studycompanion.core.db.backups import Backups

    revs = [b.revision for b in Backups(db_path, folder / "backups").list()]
    if len(revs) != len(set(revs)) or list((folder / "backups").glob("*.part")):  # one backup per revision
        note += f" backups: {revs}"
        opened = False
    return TrialOutcome(trial, killed, opened, lost, note)


def statement_counts() -> dict[str, int]:
    """How many SQL statements each revision's upgrade runs (measured once, with no kill)."""
    import tempfile

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for rev in revisions():
            db_path = Path(tmp) / rev / "library.sqlite3"
            db_path.parent.mkdir()
            prepare(db_path, rev)
            child = subprocess.run([*CHILD, str(db_path), rev, "0", "0"], cwd=ROOT, capture_output=True, text=True,
                                   timeout=120)
            out[rev] = int(child.stdout.strip().split("=")[1])
    return out


def trials(points_per_revision: int, delays: int, counts: dict[str, int]) -> list[KillTrial]:
    """Kill points spread over each revision's statements (every one when there are fewer), plus random delays."""
    import random

    rng = random.Random(15)
    out = []
    for rev, n in counts.items():
        if n <= points_per_revision:
            points = list(range(1, n + 1))
        else:
            points = sorted({1 + round(i * (n - 1) / (points_per_revision - 1)) for i in range(points_per_revision)})
        out += [KillTrial(rev, p, 0.0) for p in points]
        out += [KillTrial(rev, 0, round(rng.uniform(0.3, 1.5), 2)) for _ in range(delays)]
    return out
