"""Capture overhead: adding a 20 MB mp4 over local HTTP, the app's paths against a plain YoutubeDL.extract_info.

Usage: python bench/capture.py [--size-mb 20] [--runs 7] [--json out.json]

Same process, same local server, runs interleaved (plain, capturer, add, plain, ...) after one warm-up of each:
  plain     YoutubeDL({outtmpl, quiet}).extract_info(url, download=True)       - the floor
  capturer  Capturer.download(url, dir, progress_cb, cancel_event)             - worker thread, progress,
            PyAV probe (decodes start and end), thumbnail, trimmed info JSON
  add       create_queued + the pipeline's capture job (capturer + moving into the library,
            SHA-256, database rows, search index)                              - what `studycompanion add` does
  (attach)  the library.attach_capture part of `add`, timed inside it
Both a direct mp4 link and an og:video page are measured. Target: capturer / plain <= 1.2 (median).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studycompanion.core.capture.download import Capturer, DownloadProgress  # noqa: E402
from studycompanion.core.settings import Settings  # noqa: E402
from studycompanion.paths import app_paths  # noqa: E402
from studycompanion.services import build_services  # noqa: E402
from tests.httpserver import ClipServer, og_page  # noqa: E402
from tests.mediagen import make_mp4  # noqa: E402


def plain(url: str, dest: Path) -> None:
    from yt_dlp import YoutubeDL

    with YoutubeDL({"outtmpl": str(dest / "%(id)s.%(ext)s"), "quiet": True, "no_warnings": True,
                    "noprogress": True}) as ydl:
        ydl.extract_info(url, download=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=20.0)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="sc-bench-capture-"))
    try:
        t0 = time.perf_counter()
        clip = make_mp4(work / "big.mp4", seconds=1, width=640, height=360, noise=True,
                        video_bit_rate=40_000_000, min_bytes=int(args.size_mb * 1e6))
        data = clip.read_bytes()
        made = time.perf_counter() - t0
        print(f"media: {len(data) / 1e6:.1f} MB mp4 (H.264 noise + AAC) made in {made:.1f} s")

        home = app_paths(work / "home").ensure()
        settings = Settings()
        capturer = Capturer(home, settings)
        services = build_services(home)
        results: dict[str, dict[str, list[float]]] = {}
        cpu_results: dict[str, dict[str, list[float]]] = {}
        with ClipServer() as server:
            direct = server.add_file("/big.mp4", data)
            page = server.add_page("/big.html", og_page(direct, "Big clip", "A big clip #bench"))
            counter = iter(range(1_000_000))

            def fresh(kind: str) -> Path:
                folder = work / "runs" / f"{kind}-{next(counter)}"
                folder.mkdir(parents=True)
                return folder

            def run_capturer(url: str) -> None:
                progress: list[DownloadProgress] = []
                clip = capturer.download(url, fresh("capturer"), progress.append, threading.Event())
                assert clip.media_file.stat().st_size == len(data) and progress

            attach_times: list[float] = []
            real_attach = services.library.attach_capture

            def timed_attach(video_id: int, clip: Any) -> Any:
                start = time.perf_counter()
                try:
                    return real_attach(video_id, clip)
                finally:
                    attach_times.append(time.perf_counter() - start)

            services.library.attach_capture = timed_attach  # type: ignore[method-assign]
            added: list[int] = []

            def run_add(url: str) -> None:
                n = next(counter)
                unique = f"{url}?run={n}"  # a new clip each time (the query is part of a web link's identity)
                video, created = services.library.create_queued("direct" if url.endswith(".mp4") else "web",
                                                                unique, unique)
                assert created and video.id is not None
                services.pipeline.queue_capture(video, transcribe=False)
                services.pipeline.run_pending(workers=1)
                done = services.library.get(video.id)
                assert done.file_size == len(data), done.error
                added.append(video.id)

            def cleanup() -> None:
                shutil.rmtree(work / "runs", ignore_errors=True)
                while added:
                    services.library.delete(added.pop())

            paths: dict[str, Callable[[str], None]] = {
                "plain": lambda url: plain(url, fresh("plain")),
                "capturer": run_capturer,
                "add": run_add,
            }
            for label, url in (("direct mp4", direct), ("og:video page", page)):
                for fn in paths.values():  # warm-up: imports, extractor classes, first connection
                    fn(url)
                cleanup()
                attach_times.clear()
                times: dict[str, list[float]] = {name: [] for name in paths}
                cpu: dict[str, list[float]] = {name: [] for name in paths}
                for _ in range(args.runs):
                    for name, fn in paths.items():
                        start, start_cpu = time.perf_counter(), time.process_time()
                        fn(url)
                        times[name].append(time.perf_counter() - start)
                        cpu[name].append(time.process_time() - start_cpu)
                        cleanup()  # not timed
                times["(attach)"] = list(attach_times)
                results[label] = times
                cpu_results[label] = cpu
        services.close()

        size_mb = len(data) / 1e6
        print(f"\n{args.runs} rounds, paths interleaved in each, after a warm-up; wall times in ms.")
        print("On a shared machine min/min, the median of per-round ratios (paired) and the process CPU time (server")
        print("thread included, the same for every path) are steadier than median/median.")
        header = (f"{'link':<14} {'path':<9} {'median':>7} {'min':>6} {'max':>6} {'MB/s':>6} "
                  f"{'med/med':>8} {'min/min':>8} {'paired':>7} {'cpu ms':>7} {'cpu/cpu':>8}")
        print(header)
        print("-" * len(header))
        table: list[dict[str, Any]] = []
        for label, times in results.items():
            base = times["plain"]
            for name, values in times.items():
                med = statistics.median(values)
                paired = statistics.median(v / b for v, b in zip(values, base, strict=True))
                cpu_values = cpu_results[label].get(name)
                cpu_med = statistics.median(cpu_values) if cpu_values else None
                cpu_ratio = cpu_med / statistics.median(cpu_results[label]["plain"]) if cpu_med else None
                row = {"link": label, "path": name, "median_ms": med * 1000, "min_ms": min(values) * 1000,
                       "max_ms": max(values) * 1000, "mb_s": size_mb / med,
                       "ratio_median": med / statistics.median(base), "ratio_min": min(values) / min(base),
                       "ratio_paired": paired, "cpu_ms": cpu_med and cpu_med * 1000, "ratio_cpu": cpu_ratio}
                table.append(row)
                cpu_text = f"{'-':>7} {'-':>8}"
                if cpu_med and cpu_ratio:
                    cpu_text = f"{cpu_med * 1000:>7.0f} {cpu_ratio:>7.2f}x"
                print(f"{label:<14} {name:<9} {row['median_ms']:>7.0f} {row['min_ms']:>6.0f} {row['max_ms']:>6.0f} "
                      f"{row['mb_s']:>6.0f} {row['ratio_median']:>7.2f}x {row['ratio_min']:>7.2f}x {paired:>6.2f}x "
                      f"{cpu_text}")
        print("(attach) = the library moving the file in, SHA-256, rows and search index: part of `add`")
        worst = max(r["ratio_paired"] for r in table if r["path"] == "capturer")
        print(f"\ncapturer / plain, paired median, worst of the two links: {worst:.2f}x  target <= 1.20: "
              f"{'met' if worst <= 1.2 else 'NOT met'}")
        if args.json:
            args.json.write_text(json.dumps({"size_mb": size_mb, "runs": args.runs, "rows": table}, indent=2))
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
