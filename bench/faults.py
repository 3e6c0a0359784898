"""The fault suite as a table: kill -9 inside every migration, kill -9 of a job's owner, a damaged page, a full
disk, a read-only disk, a vanished folder and hostile text. Prints trials / passed / lost rows per class.

    .venv/bin/python bench/faults.py            # the long run (`make faults`)
    .venv/bin/python bench/faults.py --quick    # a few trials of each class
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from studycompanion.core.db.migrations_list import revisions  # noqa: E402
from studycompanion.core.errors import StorageError  # noqa: E402
from studycompanion.paths import app_paths  # noqa: E402
from studycompanion.services import build_services  # noqa: E402
from tests.faults.migration_kills import run_trial, trials  # noqa: E402
from tests.faults.storage import add_rows, damage_page_of, fill, remount_read_only, tiny_disk  # noqa: E402
from tests.mediagen import make_mp4  # noqa: E402


@dataclass
class Row:
    name: str
    trials: int = 0
    passed: int = 0
    lost: int = 0
    note: str = ""


def migration_kills(row: Row, tmp: Path, quick: bool) -> None:
    points, delays = (3, 1) if quick else (20, 3)
    for i, trial in enumerate(trials(points, delays, {rev: 40 for rev in revisions()})):
        outcome = run_trial(tmp / f"m{i}", trial)
        row.trials += 1
        row.passed += int(outcome.opened and outcome.rows_lost == 0)
        row.lost += max(0, outcome.rows_lost)


def _child(home: Path, mode: str, log: Path, seconds: float) -> subprocess.Popen[str]:
    env = {**os.environ, "STUDYCOMPANION_HOME": str(home)}
    return subprocess.Popen([sys.executable, "-m", "tests.faults.jobs_child", mode, str(log), str(seconds)],
                            cwd=ROOT, env=env, text=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def owner_kills(row: Row, tmp: Path, quick: bool) -> None:
    rng = random.Random(15)
    for i in range(3 if quick else 10):
        home = app_paths(tmp / f"o{i}")
        svc = build_services(home)
        svc.settings.screen_text = False
        job_id = svc.pipeline.add_file(make_mp4(tmp / f"o{i}.mp4", seconds=1.0 + i / 10), cards=False).jobs[0]
        svc.close()
        log = tmp / f"o{i}.log"
        owner = _child(home.root, "run", log, 30)
        beside = None
        end = time.monotonic() + 30
        while not (log.exists() and "start" in log.read_text()) and time.monotonic() < end:
            time.sleep(0.05)
        beside = _child(home.root, "run", log, 0.1)  # a second runner while the first one works
        beside.wait(60)
        time.sleep(rng.uniform(0.0, 1.0))
        os.kill(owner.pid, signal.SIGKILL)
        owner.wait(10)
        nxt = _child(home.root, "run", log, 0.1)
        nxt.wait(60)
        lines = log.read_text().splitlines()
        with sqlite3.connect(home.db) as conn:
            state, attempts = conn.execute("SELECT state, attempts FROM job WHERE id = ?", (job_id,)).fetchone()
        done = [line for line in lines if line.startswith("done")]
        ok = state == "done" and len(done) == 1 and attempts == 2 and str(beside.pid) not in log.read_text()
        row.trials += 1
        row.passed += int(ok)


def damaged_pages(row: Row, tmp: Path, quick: bool) -> None:
    for i in range(3 if quick else 10):
        home = app_paths(tmp / f"d{i}")
        build_services(home).close()
        add_rows(home.db, 400)
        damage_page_of(home.db, "video", nth_leaf=3 + i * 5)
        detected = False
        try:
            build_services(home).close()
        except StorageError as exc:
            detected = "damaged" in exc.message and "\n" not in exc.message
        from studycompanion.core.db.engine import Database

        db = Database(home.db, home.backups)
        result, _aside = db.rebuild()
        db.dispose()
        svc = build_services(home)
        saved = svc.library.count_videos()
        svc.close()
        row.trials += 1
        row.passed += int(detected and saved == result.rows.get("video", 0) and saved >= 380)
        row.lost += 400 - saved
    row.note = "lost rows: those on the overwritten page"


def _with_disk(tmp: Path, size_kb: int, body: Callable[[Path], bool]) -> bool | None:
    with tiny_disk(tmp, size_kb) as disk:
        if disk is None:
            return None
        return body(disk)


def full_disk(row: Row, tmp: Path, quick: bool) -> None:
    from studycompanion.cli import main

    for i in range(2 if quick else 5):
        def body(disk: Path, i: int = i) -> bool:
            home = app_paths(disk / "home")
            svc = build_services(home)
            svc.pipeline.add_file(make_mp4(tmp / f"f{i}.mp4", seconds=1.0), transcribe=False)
            svc.close()
            fill(disk)
            os.environ["STUDYCOMPANION_HOME"] = str(home.root)
            with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
                reads = all(main(argv) == 0 for argv in (["list"], ["show", "1"], ["search", "f"], ["doctor"]))
                write = main(["add", str(make_mp4(tmp / f"g{i}.mp4", seconds=1.3)), "--no-transcribe"]) == 1
            litter = list(home.root.glob(".write-test-*")) + list((home.media / ".incoming").glob("*"))
            return reads and write and not litter

        ok = _with_disk(tmp / f"fd{i}", 6000, body)
        if ok is None:
            row.note = "skipped: needs root to mount a tmpfs"
            return
        row.trials += 1
        row.passed += int(ok)


def read_only(row: Row, tmp: Path, quick: bool) -> None:
    for i in range(1 if quick else 3):
        def body(disk: Path, i: int = i) -> bool:
            home = app_paths(disk / "home")
            svc = build_services(home)
            svc.pipeline.add_file(make_mp4(tmp / f"r{i}.mp4", seconds=1.0), transcribe=False)
            svc.close()
            if not remount_read_only(disk):
                return False
            ro = build_services(home)
            try:
                return ro.read_only and ro.library.count_videos() == 1 and bool(ro.library.search("r"))
            finally:
                ro.close()

        ok = _with_disk(tmp / f"ro{i}", 8000, body)
        if ok is None:
            row.note = "skipped: needs root to mount a tmpfs"
            return
        row.trials += 1
        row.passed += int(ok)


def vanished(row: Row, tmp: Path, quick: bool) -> None:
    for i in range(2 if quick else 5):
        home = app_paths(tmp / f"v{i}")
        svc = build_services(home)
        svc.pipeline.add_file(make_mp4(tmp / f"v{i}.mp4", seconds=1.0), transcribe=False)
        shutil.rmtree(home.root)
        refused = svc.check_library() is not None
        try:
            svc.pipeline.add_file(make_mp4(tmp / f"w{i}.mp4", seconds=1.2), transcribe=False)
            refused = False
        except StorageError:
            pass
        svc.close()
        row.trials += 1
        row.passed += int(refused and not home.root.exists())


def hostile_text(row: Row, _tmp: Path, quick: bool) -> None:
    import re

    from studycompanion.core.errors import BadInput
    from studycompanion.core.library.clips import safe_metadata
    from studycompanion.core.library.safe_text import clean_tag, terminal_safe

    unsafe = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
    pieces = [*list("ab :#<>{}&\n\t"), "\x1b[31m", "\x00", "\x9b", "\u202e", "\u2066", "{{c1::", "}}", "\x07"]
    rng = random.Random(15)
    for _ in range(300 if quick else 3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        meta = safe_metadata({"title": text, "caption": text, "creator_name": text, "hashtags": [text]})
        ok = not any(unsafe.search(str(v)) for v in meta.values()) and not unsafe.search(terminal_safe(text))
        try:
            tag = clean_tag(text)
            ok = ok and not unsafe.search(tag) and "<" not in tag and "{{" not in tag
        except BadInput:
            pass
        row.trials += 1
        row.passed += int(ok)


CLASSES: list[tuple[str, Callable[[Row, Path, bool], None]]] = [
    ("kill -9 inside a migration", migration_kills),
    ("kill -9 of a job's owner (+ a 2nd runner)", owner_kills),
    ("damaged page -> rebuild", damaged_pages),
    ("full disk", full_disk),
    ("read-only disk", read_only),
    ("vanished library folder", vanished),
    ("hostile text", hostile_text),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", help="run the classes whose name contains this")
    args = parser.parse_args()
    rows = []
    saved_home = os.environ.get("STUDYCOMPANION_HOME")
    for name, run in CLASSES:
        if args.only and args.only not in name:
            continue
        row = Row(name)
        started = time.monotonic()
        with tempfile.TemporaryDirectory() as tmp:
            try:
                run(row, Path(tmp), args.quick)
            except Exception as exc:  # a class that crashes counts as failed, the table still prints
                row.note = f"crashed: {type(exc).__name__}: {exc}"[:80]
        if saved_home is None:
            os.environ.pop("STUDYCOMPANION_HOME", None)
        row.note = (row.note + f" ({time.monotonic() - started:.0f} s)").strip()
        rows.append(row)
        print(f"{row.name:<44} {row.trials:>6} {row.passed:>6} {row.lost:>5}  {row.note}", file=sys.stderr, flush=True)
    print(f"\n{'class':<44} {'trials':>6} {'passed':>6} {'lost':>5}  note")
    for row in rows:
        print(f"{row.name:<44} {row.trials:>6} {row.passed:>6} {row.lost:>5}  {row.note}")
    return 0 if all(r.passed == r.trials for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
