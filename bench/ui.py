"""The desktop app's responsiveness: cold start to first paint, idle memory, and the longest UI stall.

Usage: python bench/ui.py [--sizes 10000 100000] [--runs 3] [--no-stall] [--stall-size 10000]

  cold start   a fresh process per run (`gui`'s own code path: QApplication, services with the migration check,
               main window, worker) until the library grid has painted with its first clips; measured from
               before the process is spawned (interpreter start and imports included) and from inside main().
               Target: <= 1.5 s with 100k clips.
  thumbs       ... until the thumbnails of the clips on screen are decoded and painted as well.
  idle RSS     the process's resident memory 3 s after the first paint, pipeline workers started, nothing to do.
  stall        the longest gap of a 5 ms UI timer (minus its 5 ms) while a 95 s clip is transcribed and turned
               into cards by the real pipeline, with the grid being scrolled through the library meanwhile.
               Target: <= 50 ms.
Libraries are made with tests/ui/bulk_library.py (one INSERT batch, real JPEG thumbnails); each size is built
once in a temporary folder and reused by its runs. Runs offscreen (QT_QPA_PLATFORM=offscreen).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

T_START = time.perf_counter()
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
SPEECH = ROOT / "tests" / "fixtures" / "media" / "long_review.mp4"


def rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---- child: one cold start ------------------------------------------------------------------------------


def child_start(home: Path) -> dict[str, Any]:
    """Runs in a fresh process: open the app like `gui` does and time its first paint."""
    t_main = time.perf_counter()
    from PySide6.QtCore import QEvent, QObject, QTimer

    from studycompanion.app import _qt_app, configure_runtime
    from studycompanion.paths import app_paths
    from studycompanion.services import build_services
    from studycompanion.ui.common.theme import apply_theme
    from studycompanion.ui.common.worker import Worker
    from studycompanion.ui.shell.main_window import MainWindow

    configure_runtime()
    app: Any = _qt_app(["bench"])
    theme = apply_theme(app)
    services = build_services(app_paths(home))
    services.jobs.recover_interrupted()
    worker = Worker(app)
    window = MainWindow(services, worker, restore_state=False)
    marks: dict[str, float] = {}
    viewport = window.library_view.view.viewport()

    class PaintWatch(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and "paint" not in marks and window.library_model.item(0):
                marks["paint"] = time.perf_counter()
                marks["cpu"] = time.process_time()
            return False

    watch = PaintWatch()
    viewport.installEventFilter(watch)

    def poll() -> None:
        if "paint" in marks and "thumbs" not in marks and window.thumbs.is_idle() \
                and window.worker.pool.activeThreadCount() == 0:
            marks["thumbs"] = time.perf_counter()
            viewport.update()
        if "thumbs" in marks and "rss" not in marks and time.perf_counter() - marks["thumbs"] > 3.0:
            marks["rss"] = rss_mb()
            app.quit()

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(10)
    window.resize(1280, 800)
    window.show()
    services.pipeline.start(workers=3)
    QTimer.singleShot(60_000, app.quit)
    app.exec()
    services.pipeline.stop()
    worker.wait()
    rows = window.library_model.rowCount()
    services.close()
    del theme
    return {
        "main_to_paint": marks.get("paint", float("nan")) - t_main,
        "import_to_paint": marks.get("paint", float("nan")) - T_START,
        "main_to_thumbs": marks.get("thumbs", float("nan")) - t_main,
        "cpu_to_paint": marks.get("cpu", float("nan")),  # CPU seconds of the whole process (all threads)
        "paint_wall": time.time() - (time.perf_counter() - marks.get("paint", time.perf_counter())),
        "rss_mb": marks.get("rss", float("nan")),
        "rows": rows,
    }


# ---- child: the stall while transcribing -----------------------------------------------------------------


def child_stall(home: Path) -> dict[str, Any]:
    """Phase 1: 6 s of scrolling with nothing else to do (the machine's own noise). Phase 2: the same scrolling
    while a 95 s clip is added, transcribed and turned into cards by the real pipeline."""
    from PySide6.QtCore import QTimer

    from studycompanion.app import _qt_app, configure_runtime
    from studycompanion.core.types import JobState
    from studycompanion.paths import app_paths
    from studycompanion.services import build_services
    from studycompanion.ui.common.theme import apply_theme
    from studycompanion.ui.common.worker import Worker
    from studycompanion.ui.shell.main_window import MainWindow

    configure_runtime()
    app: Any = _qt_app(["bench"])
    theme = apply_theme(app)
    services = build_services(app_paths(home))
    worker = Worker(app)
    window = MainWindow(services, worker, restore_state=False)
    window.resize(1280, 800)
    window.show()
    ticks: list[float] = []
    state: dict[str, Any] = {"scroll": 0, "video": None, "phase2": None, "started": None, "done": None}
    BASELINE_S = 6.0

    def tick() -> None:
        ticks.append(time.perf_counter())

    def scroll() -> None:  # a student browsing meanwhile: pages and thumbnails keep loading
        bar = window.library_view.view.verticalScrollBar()
        state["scroll"] = (state["scroll"] + 240) % max(1, bar.maximum())
        bar.setValue(state["scroll"])

    def added(outcome: Any) -> None:
        state["video"] = outcome.video.id
        window.library_model.refresh()

    def start_phase2() -> None:
        state["phase2"] = time.perf_counter()
        worker.run(lambda: services.pipeline.add_file(SPEECH, tags=["Bench"]), added)

    def evaluate(jobs: list[Any]) -> None:  # the jobs are read on the worker: the bench must not stall the UI
        if any(j.state == JobState.RUNNING for j in jobs) and state["started"] is None:
            state["started"] = time.perf_counter()
        steps = {j.step.value for j in jobs}  # on-screen text (when on), transcription, then cards
        if "cards" in steps and all(j.state in (JobState.DONE, JobState.FAILED) for j in jobs):
            state["done"] = time.perf_counter()
            state["jobs"] = [(j.step.value, j.state.value, j.error) for j in jobs]
            app.quit()

    def check() -> None:
        vid = state["video"]
        if vid is not None:
            worker.run(lambda: services.jobs.list_jobs(video_id=vid), evaluate)

    timers = []
    for interval, fn in ((5, tick), (100, scroll), (500, check)):
        timer = QTimer()
        timer.setInterval(interval)
        timer.timeout.connect(fn)
        timer.start()
        timers.append(timer)
    services.pipeline.start(workers=3)
    t_show = time.perf_counter()
    QTimer.singleShot(int((2.0 + BASELINE_S) * 1000), start_phase2)  # 2 s to settle after the start
    QTimer.singleShot(400_000, app.quit)
    app.exec()
    services.pipeline.stop()
    worker.wait()
    services.close()
    del theme

    def gaps(t0: float, t1: float) -> dict[str, float]:
        g = sorted((b - a) * 1000 - 5 for a, b in itertools.pairwise(ticks) if a >= t0 and b <= t1)
        if not g:
            return {"max": float("nan"), "p99": float("nan"), "over50": 0, "n": 0, "seconds": t1 - t0}
        return {"max": g[-1], "p99": g[int(len(g) * 0.99)], "over50": sum(1 for x in g if x > 50), "n": len(g),
                "seconds": t1 - t0}

    phase2 = state["phase2"] or t_show
    return {
        "baseline": gaps(t_show + 2.0, phase2),
        "transcribing": gaps(state["started"] or phase2, state["done"] or (ticks[-1] if ticks else phase2)),
        "jobs": state.get("jobs"),
    }


# ---- parent -----------------------------------------------------------------------------------------------


def build_home(root: Path, size: int) -> Path:
    from studycompanion.paths import app_paths
    from studycompanion.services import build_services
    from tests.ui.bulk_library import fill

    home = root / f"lib{size}"
    services = build_services(app_paths(home))
    t0 = time.perf_counter()
    fill(services, size)
    services.close()
    print(f"  built a library of {size:,} clips in {time.perf_counter() - t0:.1f} s", flush=True)
    return home


def run_child(mode: str, home: Path) -> dict[str, Any]:
    # as on a student's machine: byte-code caches are written (and used from the second start on)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    t_spawn = time.time()
    proc = subprocess.run([sys.executable, __file__, f"--child-{mode}", str(home)], capture_output=True, text=True,
                          timeout=600, cwd=ROOT, env=env)
    line = next((ln for ln in reversed(proc.stdout.splitlines()) if ln.startswith("{")), None)
    if proc.returncode != 0 or line is None:
        raise SystemExit(f"child {mode} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(line)
    if "paint_wall" in result:
        result["spawn_to_paint"] = result["paint_wall"] - t_spawn
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-stall", action="store_true")
    parser.add_argument("--stall-size", type=int, default=10_000)
    parser.add_argument("--child-start", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-stall", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_start:
        print(json.dumps(child_start(args.child_start)))
        return 0
    if args.child_stall:
        print(json.dumps(child_stall(args.child_stall)))
        return 0

    tmp = Path(tempfile.mkdtemp(prefix="sc-bench-ui-"))
    try:
        rows = []
        homes: dict[int, Path] = {}
        for size in args.sizes:
            homes[size] = build_home(tmp, size)
            run_child("start", homes[size])  # warm-up: writes the byte-code caches, fills the OS file cache
            runs = [run_child("start", homes[size]) for _ in range(args.runs)]
            med = {k: statistics.median(r[k] for r in runs) for k in
                   ("spawn_to_paint", "main_to_paint", "main_to_thumbs", "rss_mb", "cpu_to_paint")}
            spread = (min(r["spawn_to_paint"] for r in runs), max(r["spawn_to_paint"] for r in runs))
            rows.append((size, med, spread))
        print()
        print(f"{'clips':>9} {'spawn→paint':>12} {'best':>6} {'worst':>6} {'main→paint':>11} {'→thumbs':>8} "
              f"{'CPU→paint':>10} {'idle RSS':>9}  target")
        for size, med, (best, worst) in rows:
            ok = "ok" if med["spawn_to_paint"] <= 1.5 else "OVER"
            print(f"{size:>9,} {med['spawn_to_paint']:>11.2f}s {best:>5.2f}s {worst:>5.2f}s "
                  f"{med['main_to_paint']:>10.2f}s {med['main_to_thumbs']:>7.2f}s {med['cpu_to_paint']:>9.2f}s "
                  f"{med['rss_mb']:>7.0f}MB  <=1.5 s: {ok}")
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"(median of {args.runs} cold starts each after one warm-up; spawn→paint includes the interpreter start "
              f"and imports; CPU→paint is the process's CPU time, all threads; load average {load:.1f} on "
              f"{os.cpu_count()} cores)")
        if not args.no_stall:
            home = homes.get(args.stall_size) or build_home(tmp, args.stall_size)
            stall = run_child("stall", home)
            ok = "ok" if stall["transcribing"]["max"] <= 50 else "OVER"
            print()
            print(f"{'UI stall (5 ms timer), ' + format(args.stall_size, ',') + ' clips':<36} {'max':>8} {'p99':>8} "
                  f"{'>50ms':>6} {'ticks':>7} {'seconds':>8}")
            for name in ("baseline", "transcribing"):
                row = stall[name]
                label = "scrolling only" if name == "baseline" else "scrolling + 95 s clip transcribed"
                print(f"{label:<36} {row['max']:>6.1f}ms {row['p99']:>6.1f}ms {row['over50']:>6} {row['n']:>7} "
                      f"{row['seconds']:>7.1f}s")
            print(f"target <= 50 ms while transcribing: {ok}   jobs: {stall['jobs']}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
