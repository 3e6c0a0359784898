"""The on-screen text process: the app reads clips in a child (its window's interpreter never loads the OCR
models), a cancel stops it within a fraction of a second, a killed child is a readable error and the next clip
starts a fresh one, and closing the services leaves no process behind. Real OCR models, generated clips."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.ocr_clips import ClipSpec, TruthLine, render_clip
from studycompanion.core.errors import BadInput, JobCancelled
from studycompanion.core.screen import ScreenEngineStopped, ScreenReader
from studycompanion.services import Services

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[TruthLine]]:
    path = tmp_path_factory.mktemp("screen_process") / "changing.mp4"
    spec = ClipSpec("changing", seed=101, background="gradient", style="stroke", duration=9.0, blocks=3,
                    max_lines=2, emoji=False, width=360, height=640, fps=15)
    return path, render_clip(spec, path)


@pytest.fixture
def reader() -> Iterator[ScreenReader]:
    engine = ScreenReader()
    yield engine
    engine.close()


def _gone(pid: int, within: float = 3.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:  # a child of this process stays a zombie until reaped
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                return True
        except ChildProcessError:
            return True
        time.sleep(0.05)
    return False


def test_the_app_reads_a_clip_in_another_process_and_never_loads_the_ocr_models(tmp_path: Path,
                                                                                 clip: tuple[Path, list[TruthLine]]
                                                                                 ) -> None:
    """As the app does it: services built, the clip added and run through the pipeline (SCREEN step for real), in
    a fresh interpreter so nothing else in the test session has imported the OCR libraries."""
    path, truth = clip
    script = textwrap.dedent(
        """
        import json, os, sys
        from pathlib import Path
        from studycompanion.paths import app_paths
        from studycompanion.services import build_services
        from studycompanion.core.types import JobStep

        services = build_services(app_paths(Path(sys.argv[1])))
        started_at_build = services.ocr.pid
        services.settings.screen_text = True
        services.pipeline.handlers[JobStep.TRANSCRIBE] = lambda ctx: None
        outcome = services.pipeline.add_file(Path(sys.argv[2]), cards=False)
        services.pipeline.run_pending()
        child = services.ocr.pid
        jobs = [(j.step.value, j.state.value, j.error) for j in services.jobs.list_jobs(video_id=outcome.video.id)]
        lines = [line.text for line in services.screen_text.lines(outcome.video.id)]
        loaded = sorted(m for m in ("onnxruntime", "rapidocr") if m in sys.modules)
        services.close()
        print(json.dumps({"pid": os.getpid(), "child": child, "at_build": started_at_build, "lines": lines,
                          "loaded": loaded, "after_close": services.ocr.pid, "jobs": jobs}))
        """
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    proc = subprocess.run([sys.executable, "-c", script, str(tmp_path / "home"), str(path)], capture_output=True,
                          text=True, timeout=300, cwd=ROOT, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    why = (result, proc.stderr[-3000:])
    assert result["at_build"] is None, why  # building the services starts nothing
    assert result["child"] is not None and result["child"] != result["pid"], why
    assert result["loaded"] == [], why  # the models' runtime lives only in the child
    assert result["lines"] == [t.text for t in truth], why
    assert result["after_close"] is None and _gone(result["child"]), why


def test_lines_progress_and_stats_come_back_from_the_child(reader: ScreenReader,
                                                           clip: tuple[Path, list[TruthLine]]) -> None:
    from studycompanion.core.screen import ReadStats

    path, truth = clip
    progress: list[float] = []
    stats = ReadStats()
    lines = reader.read(path, progress=progress.append, stats=stats)
    assert [ln.text for ln in lines] == [t.text for t in truth]
    for line, t in zip(lines, truth, strict=True):
        assert abs(line.start - t.start) <= 0.75 and abs(line.end - t.end) <= 0.75
        assert 0.0 <= line.box.x0 < line.box.x1 <= 1.0
    assert progress and progress[-1] == 1.0 and progress == sorted(progress)
    assert stats.samples >= 16 and 0 < stats.ocr_calls < stats.samples
    first = reader.pid
    assert first is not None and first != os.getpid()
    if hasattr(os, "getpriority"):  # background work yields the cores to the window when they are busy
        mine = os.getpriority(os.PRIO_PROCESS, 0)
        assert os.getpriority(os.PRIO_PROCESS, first) > mine or mine == 19
    assert reader.read(path) == lines  # the same child, its models still loaded
    assert reader.pid == first and reader.starts == 1


def test_cancel_kills_the_child_at_once_and_the_next_clip_starts_a_fresh_one(
    reader: ScreenReader, clip: tuple[Path, list[TruthLine]]
) -> None:
    path, truth = clip
    reported: list[float] = []
    asked: list[float] = []

    def stop() -> bool:
        if len(reported) >= 2 and not asked:
            asked.append(time.monotonic())
        return bool(asked)

    with pytest.raises(JobCancelled):
        reader.read(path, should_stop=stop, progress=reported.append)
    assert time.monotonic() - asked[0] < 0.5  # within the 0.1 s poll, plus the kill
    assert reported[-1] < 0.5  # stopped early in the clip, not at its end
    assert reader.pid is None
    assert [ln.text for ln in reader.read(path)] == [t.text for t in truth]
    assert reader.starts == 2


def test_a_killed_child_is_a_readable_error_and_the_next_read_works(
    reader: ScreenReader, clip: tuple[Path, list[TruthLine]]
) -> None:
    path, truth = clip
    killed: list[int] = []

    def kill_once(fraction: float) -> None:
        if not killed and reader.pid is not None:
            killed.append(reader.pid)
            os.kill(reader.pid, signal.SIGKILL)  # as the OOM killer or a native crash would end it

    with pytest.raises(ScreenEngineStopped) as info:
        reader.read(path, progress=kill_once)
    assert "stopped unexpectedly" in info.value.message and "Retry" in info.value.message
    assert "exit code" in info.value.detail
    assert _gone(killed[0])
    assert [ln.text for ln in reader.read(path)] == [t.text for t in truth]
    assert reader.pid not in (None, killed[0])


def test_bad_files_are_clear_errors_and_the_child_keeps_serving(reader: ScreenReader, tmp_path: Path,
                                                                clip: tuple[Path, list[TruthLine]]) -> None:
    with pytest.raises(BadInput):
        reader.read(tmp_path / "missing.mp4")
    assert reader.starts == 0  # a missing file is told without starting anything
    bad = tmp_path / "notes.mp4"
    bad.write_text("not a video")
    with pytest.raises(BadInput) as info:
        reader.read(bad)
    assert "notes.mp4" in info.value.message
    child = reader.pid
    assert child is not None
    assert reader.read(clip[0])  # the same child reads the next clip
    assert reader.pid == child


def test_closing_the_services_ends_the_on_screen_text_process(services: Services) -> None:
    assert services.ocr.pid is None  # nothing started when the services were built
    pid = services.ocr.ping()["pid"]
    assert pid == services.ocr.pid and pid != os.getpid()
    services.close()
    assert services.ocr.pid is None and _gone(pid)
