"""The desktop app's responsiveness: cold start to first paint, idle memory, and the longest UI stall.

Usage: python bench/ui.py [--sizes 10000 100000] [--runs 3] [--no-stall] [--stall-size 10000] [--screen-in-process]

  cold start   a fresh process per run (`gui`'s own code path: QApplication, services with the migration check,
               main window, worker) until the library grid has painted with its first clips; measured from
               before the process is spawned (interpreter start and imports included) and from inside main().
               Target: <= 1.5 s with 100k clips.
  thumbs       ... until the thumbnails of the clips on screen are decoded and painted as well.
  idle RSS     the process's resident memory 3 s after the first paint, pipeline workers started, nothing to do.
  stall        the longest gap of a 5 ms UI timer (minus its 5 ms) while a 95 s clip is transcribed and turned
               into cards by the real pipeline, with the grid being scrolled through the library meanwhile.
               Target: <= 50 ms. Then the same while a 60 s clip with overlay text (bench/ocr_clips.py, a busy
               background, 12 blocks) goes through the on-screen text step, timed from the pipeline's own job events:
               the first OCR of the app run, so the models load then (the 95 s clip shows no text to read).
               --screen-in-process reads it in the app's process, as before core/screen/process.py (to compare).
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


def overlay_clip() -> Path:
    """A 60 s clip with 12 changing overlay blocks over a busy background (one of bench/ocr.py's), rendered once
    into the user cache: the on-screen text step has real text to read (the 95 s speech clip shows none)."""
    from bench.ocr_clips import BUSY_BACKGROUNDS, GENERATOR_VERSION, bench_specs, render_clip

    spec = next(s for s in bench_specs() if s.duration >= 60 and s.background in BUSY_BACKGROUNDS)
    path = Path.home() / ".cache" / "studycompanion-bench" / f"ui_overlay_v{GENERATOR_VERSION}_{spec.name}.mp4"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part.mp4")
        render_clip(spec, partial)
        partial.replace(path)
    return path


def child_stall(home: Path, overlay: Path, screen_in_process: bool = False) -> dict[str, Any]:
    """Phase 1: 6 s of scrolling with nothing else to do (the machine's own noise). Phase 2: the same scrolling
    while a 95 s clip is added, transcribed and turned into cards by the real pipeline. Phase 3: the same scrolling
    while a 60 s clip with overlay text goes through the on-screen text step (the first OCR of this app run: the
    models load then). `screen_in_process` reads it in the app's own process, as before the on-screen text process
    existed (for comparison only)."""
    from PySide6.QtCore import QTimer

    from studycompanion.app import _qt_app, configure_runtime
    from studycompanion.core.types import JobState, JobStep
    from studycompanion.paths import app_paths
    from studycompanion.services import build_services
    from studycompanion.ui.common.theme import apply_theme
    from studycompanion.ui.common.worker import Worker
    from studycompanion.ui.shell.main_window import MainWindow

    configure_runtime()
    app: Any = _qt_app(["bench"])
    theme = apply_theme(app)
    services = build_services(app_paths(home))
    if screen_in_process:
        from studycompanion.core.screen import OcrEngine, read_screen_text

        engine = OcrEngine()
        services.ocr.read = lambda path, **kw: read_screen_text(path, engine, **kw)  # type: ignore[method-assign]
    worker = Worker(app)
    window = MainWindow(services, worker, restore_state=False)
    window.resize(1280, 800)
    window.show()
    ticks: list[float] = []
    state: dict[str, Any] = {"scroll": 0, "video": None, "phase2": None, "started": None, "done": None,
                             "overlay": None, "screen": {}}
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

    def add_overlay() -> int:  # only the on-screen text step (the clip has no speech)
        video, _created = services.library.add_file(overlay, ["Bench"], None)
        services.pipeline.queue_step(JobStep.SCREEN, video.id)
        return int(video.id)

    def added_overlay(video_id: int) -> None:
        state["overlay"] = video_id
        window.library_model.refresh()

    def start_phase2() -> None:
        state["phase2"] = time.perf_counter()
        worker.run(lambda: services.pipeline.add_file(SPEECH, tags=["Bench"]), added)

    def evaluate(jobs: list[Any]) -> None:  # the jobs are read on the worker: the bench must not stall the UI
        if any(j.state == JobState.RUNNING for j in jobs) and state["started"] is None:
            state["started"] = time.perf_counter()
        steps = {j.step.value for j in jobs}  # on-screen text (when on), transcription, then cards
        if "cards" in steps and all(j.state in (JobState.DONE, JobState.FAILED) for j in jobs) \
                and state["done"] is None:
            state["done"] = time.perf_counter()
            state["jobs"] = [(j.step.value, j.state.value, j.error) for j in jobs]
            worker.run(add_overlay, added_overlay)

    def job_event(job: Any) -> None:  # on the job's thread: note each step's start and end, nothing more
        steps = state.setdefault("steps", {}).setdefault(f"{job.video_id}:{job.step.value}", [None, None])
        if job.state == JobState.RUNNING and steps[0] is None:
            steps[0] = time.perf_counter()
        elif job.state in (JobState.DONE, JobState.FAILED, JobState.CANCELLED):
            steps[1] = time.perf_counter()
        if job.step == JobStep.SCREEN:
            span = state["screen"].setdefault(job.video_id, [None, None, None])
            if job.state == JobState.RUNNING and span[0] is None:
                span[0] = time.perf_counter()
            elif job.state in (JobState.DONE, JobState.FAILED, JobState.CANCELLED):
                span[1] = time.perf_counter()
                span[2] = (job.state.value, job.error, getattr(job, "note", None))

    services.pipeline.subscribe(job_event)
    stalls: list[dict[str, Any]] = []
    if os.environ.get("SC_BENCH_WHY"):  # diagnosis: what every thread was doing while the UI timer was late
        import sys as _sys
        import threading
        import traceback

        main_id = threading.main_thread().ident

        def watch() -> None:
            seen = 0.0
            while not state.get("quit"):
                time.sleep(0.01)
                last = ticks[-1] if ticks else 0.0
                late = time.perf_counter() - last
                if late > 0.04 and last != seen:
                    seen = last
                    frames = _sys._current_frames()
                    stacks = {}
                    for ident, frame in frames.items():
                        names = [f"{fs.filename.rsplit('/', 2)[-1]}:{fs.lineno} {fs.name}"
                                 for fs in traceback.extract_stack(frame)[-6:]]
                        who = "MAIN" if ident == main_id else str(ident)
                        if who == "MAIN" or not any("wait" in n or "sleep" in n or "select" in n for n in names[-1:]):
                            stacks[who] = names
                    stalls.append({"at": round(last - (state["phase2"] or 0.0), 2), "late_ms": round(late * 1000),
                                   "stacks": stacks})

        threading.Thread(target=watch, daemon=True).start()

    def check() -> None:
        vid = state["video"]
        if state["done"] is None and vid is not None:
            worker.run(lambda: services.jobs.list_jobs(video_id=vid), evaluate)
        span = state["screen"].get(state["overlay"])
        if span is not None and span[1] is not None:
            app.quit()

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
    state["quit"] = True
    services.pipeline.stop()
    worker.wait()
    lines = len(services.screen_text.lines(state["overlay"])) if state["overlay"] is not None else 0
    services.close()
    del theme

    def gaps(t0: float, t1: float) -> dict[str, Any]:
        timed = sorted(((b - a) * 1000 - 5, a - t0) for a, b in itertools.pairwise(ticks) if a >= t0 and b <= t1)
        g = [gap for gap, _at in timed]
        if not g:
            return {"max": float("nan"), "p99": float("nan"), "over50": 0, "n": 0, "seconds": t1 - t0, "worst": []}
        return {"max": g[-1], "p99": g[int(len(g) * 0.99)], "over50": sum(1 for x in g if x > 50), "n": len(g),
                "seconds": t1 - t0, "worst": [(round(gap, 1), round(at, 2)) for gap, at in timed[-3:][::-1]]}

    phase2 = state["phase2"] or t_show
    span = state["screen"].get(state["overlay"])
    return {
        "baseline": gaps(t_show + 2.0, phase2),
        "transcribing": gaps(state["started"] or phase2, state["done"] or (ticks[-1] if ticks else phase2)),
        "screen": gaps(span[0], span[1]) if span is not None and None not in span[:2] else None,
        "screen_job": span[2] if span is not None else None,
        "screen_lines": lines,
        "screen_in_process": screen_in_process,
        "jobs": state.get("jobs"),
        "stalls": stalls,
        "steps": {name: [None if t is None else round(t - (state["started"] or phase2), 2) for t in span]
                  for name, span in state.get("steps", {}).items()},  # seconds from the speech clip's first job
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


def run_child(mode: str, home: Path, extra: list[str] | None = None) -> dict[str, Any]:
    # as on a student's machine: byte-code caches are written (and used from the second start on)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    t_spawn = time.time()
    proc = subprocess.run([sys.executable, __file__, f"--child-{mode}", str(home), *(extra or [])],
                          capture_output=True, text=True, timeout=600, cwd=ROOT, env=env)
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
    parser.add_argument("--child-overlay", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--screen-in-process", action="store_true",
                        help="read the overlay clip's on-screen text in the app's process (the old way, to compare)")
    args = parser.parse_args()
    if args.child_start:
        print(json.dumps(child_start(args.child_start)))
        return 0
    if args.child_stall:
        print(json.dumps(child_stall(args.child_stall, args.child_overlay, args.screen_in_process)))
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
            extra = ["--child-overlay", str(overlay_clip())] + ["--screen-in-process"] * args.screen_in_process
            stall = run_child("stall", home, extra)
            ok = "ok" if stall["transcribing"]["max"] <= 50 else "OVER"
            screen = stall.get("screen") or {"max": float("nan")}
            screen_ok = "ok" if screen["max"] <= 50 else "OVER"
            print()
            print(f"{'UI stall (5 ms timer), ' + format(args.stall_size, ',') + ' clips':<36} {'max':>8} {'p99':>8} "
                  f"{'>50ms':>6} {'ticks':>7} {'seconds':>8}")
            labels = {"baseline": "scrolling only", "transcribing": "scrolling + 95 s clip transcribed",
                      "screen": "scrolling + 60 s overlay clip OCR"}
            for name, label in labels.items():
                row = stall.get(name)
                if row is None:
                    continue
                print(f"{label:<36} {row['max']:>6.1f}ms {row['p99']:>6.1f}ms {row['over50']:>6} {row['n']:>7} "
                      f"{row['seconds']:>7.1f}s   worst (ms, s in): {row.get('worst')}")
            print(f"target <= 50 ms while transcribing: {ok}   jobs: {stall['jobs']}")
            where = "in the app's process (--screen-in-process)" if stall["screen_in_process"] else \
                "in the on-screen text process"
            print(f"target <= 50 ms while the on-screen text step runs: {screen_ok}   read {where}: "
                  f"{stall['screen_lines']} lines, job {stall['screen_job']}")
            if os.environ.get("SC_BENCH_WHY"):
                print(f"  steps (start, end; s from the first job's start): {stall.get('steps')}")
            for found in stall.get("stalls") or []:  # SC_BENCH_WHY=1
                print(f"  UI late {found['late_ms']} ms at {found['at']} s after the clip was added:")
                for who, names in found["stacks"].items():
                    print(f"    {who}: {' > '.join(names)}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
