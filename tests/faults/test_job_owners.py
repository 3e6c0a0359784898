"""Real processes and one job: a runner beside another runner (or the app) never takes a live job; kill -9 of
the owner puts its job back, and the next runner finishes it exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from studycompanion.core.types import JobState, JobStep
from studycompanion.paths import AppPaths
from studycompanion.services import Services, build_services
from tests.mediagen import make_mp4

CHILD = [sys.executable, "-m", "tests.faults.jobs_child"]
ROOT = Path(__file__).resolve().parents[2]


def _spawn(home: AppPaths, mode: str, log: Path, seconds: float) -> subprocess.Popen[str]:
    env = {**os.environ, "STUDYCOMPANION_HOME": str(home.root)}
    return subprocess.Popen([*CHILD, mode, str(log), str(seconds)], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for(log: Path, text: str, timeout: float = 30) -> list[str]:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        lines = log.read_text().splitlines() if log.exists() else []
        if any(text in line for line in lines):
            return lines
        time.sleep(0.05)
    raise AssertionError(f"{text!r} never appeared in {log}: {log.read_text() if log.exists() else ''}")


def _one_queued_job(services: Services, tmp_path: Path) -> int:
    services.settings.screen_text = False
    outcome = services.pipeline.add_file(make_mp4(tmp_path / "clip.mp4", seconds=1.0), cards=False)
    services.close()  # the test process holds no lease and no connection
    return outcome.jobs[0]


def test_second_runner_leaves_a_live_job_and_kill_9_hands_it_on_exactly_once(
        services: Services, home: AppPaths, tmp_path: Path) -> None:
    job_id = _one_queued_job(services, tmp_path)
    log = tmp_path / "steps.log"
    owner = _spawn(home, "run", log, 60)
    try:
        _wait_for(log, f"start {owner.pid} {job_id}")
        beside = _spawn(home, "run", log, 0.1)  # `jobs run` while the first one transcribes
        assert beside.wait(60) == 0, beside.stderr.read() if beside.stderr else ""
        assert [line.split()[1] for line in log.read_text().splitlines()] == [str(owner.pid)]
        os.kill(owner.pid, signal.SIGKILL)
        owner.wait(10)
    finally:
        if owner.poll() is None:
            owner.kill()
    after_kill = _job(home, job_id)
    assert after_kill.state == JobState.RUNNING and after_kill.owner_pid == owner.pid  # the dead owner's row
    nxt = _spawn(home, "run", log, 0.1)
    assert nxt.wait(60) == 0
    lines = log.read_text().splitlines()
    assert lines == [f"start {owner.pid} {job_id}", f"start {nxt.pid} {job_id}", f"done {nxt.pid} {job_id}"]
    done = _job(home, job_id)
    assert done.state == JobState.DONE and done.attempts == 2 and done.owner_pid is None


def test_cli_beside_the_app_does_not_take_its_job(services: Services, home: AppPaths, tmp_path: Path) -> None:
    job_id = _one_queued_job(services, tmp_path)
    log = tmp_path / "steps.log"
    app = _spawn(home, "serve", log, 3)
    try:
        _wait_for(log, f"start {app.pid} {job_id}")
        cli = _spawn(home, "run", log, 0.1)
        assert cli.wait(60) == 0
        _wait_for(log, f"done {app.pid} {job_id}")
        lines = log.read_text().splitlines()
        assert lines == [f"start {app.pid} {job_id}", f"done {app.pid} {job_id}"]
        end = time.monotonic() + 10
        while _job(home, job_id).state != JobState.DONE and time.monotonic() < end:
            time.sleep(0.05)
        job = _job(home, job_id)
        assert job.state == JobState.DONE and job.attempts == 1 and job.step == JobStep.TRANSCRIBE
    finally:
        app.kill()
        app.wait(10)


def _job(home: AppPaths, job_id: int):  # type: ignore[no-untyped-def]
    from studycompanion.core.db.engine import Database
    from studycompanion.core.jobs.queue import JobQueue

    db = Database(home.db, home.backups)
    try:
        return JobQueue(db).get(job_id)
    finally:
        db.dispose()


def test_re_adding_after_kill_9_of_add_resumes_its_step(services: Services, home: AppPaths, tmp_path: Path) -> None:
    clip = make_mp4(tmp_path / "clip.mp4", seconds=1.0)
    job_id = _one_queued_job_for(services, clip)
    log = tmp_path / "steps.log"
    owner = _spawn(home, "run", log, 60)  # stands for the `add` that was transcribing
    _wait_for(log, f"start {owner.pid} {job_id}")
    os.kill(owner.pid, signal.SIGKILL)
    owner.wait(10)
    again = build_services(home)
    try:
        again.settings.screen_text = False
        again.pipeline.handlers[JobStep.TRANSCRIBE] = lambda ctx: None
        outcome = again.pipeline.add_file(clip, cards=False)
        assert not outcome.created and outcome.resumed == [JobStep.TRANSCRIBE] and outcome.jobs == [job_id]
        again.pipeline.run_pending(video_ids=[outcome.video.id if outcome.video and outcome.video.id else 0])
        job = again.jobs.get(job_id)
        assert job.state == JobState.DONE and job.attempts == 2
    finally:
        again.close()


def _one_queued_job_for(services: Services, clip: Path) -> int:
    services.settings.screen_text = False
    outcome = services.pipeline.add_file(clip, cards=False)
    services.close()
    return outcome.jobs[0]
