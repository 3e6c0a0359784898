"""Delete and retry of whole clips: one policy (core/jobs/clip_actions.py) for the app's menu and the CLI."""

from __future__ import annotations

import threading
from pathlib import Path

from studycompanion.core.errors import NotFound
from studycompanion.core.jobs.pipeline import StepContext
from studycompanion.core.types import JobState, JobStep, Segment
from studycompanion.services import Services
from tests.mediagen import make_mp4


def test_delete_stops_the_running_job_first_and_removes_the_clip(services: Services, tmp_path: Path) -> None:
    started, stopped = threading.Event(), threading.Event()

    def slow(ctx: StepContext) -> None:
        started.set()
        try:
            while True:
                ctx.progress(0.5, "working")
                ctx.check_cancelled()
                threading.Event().wait(0.01)
        finally:
            stopped.set()

    services.pipeline.handlers[JobStep.TRANSCRIBE] = slow
    outcome = services.pipeline.add_file(make_mp4(tmp_path / "a.mp4", seconds=1.0), cards=False)
    assert outcome.video is not None and outcome.video.id is not None
    vid = outcome.video.id
    runner = threading.Thread(target=services.pipeline.run_pending)
    runner.start()
    assert started.wait(5)
    services.clip_actions.delete([vid])
    assert stopped.wait(2), "the step was told to stop before its clip went"
    runner.join(5)
    try:
        services.library.get(vid)
        raise AssertionError("the clip is still there")
    except NotFound:
        pass


def test_retry_requeues_the_failed_job_and_leaves_a_finished_clip_alone(services: Services, tmp_path: Path) -> None:
    services.pipeline.handlers[JobStep.TRANSCRIBE] = lambda ctx: 1 / 0  # type: ignore[func-returns-value]
    failed = services.pipeline.add_file(make_mp4(tmp_path / "a.mp4", seconds=1.0), cards=False)
    services.pipeline.run_pending()
    assert failed.video is not None and failed.video.id is not None
    (job_id,) = failed.jobs
    assert services.jobs.get(job_id).state == JobState.FAILED

    services.pipeline.handlers[JobStep.TRANSCRIBE] = lambda ctx: services.library.set_transcript(
        ctx.video_id, [Segment(0.0, 1.0, "Digoxin toxicity causes yellow vision.")])
    fine = services.pipeline.add_file(make_mp4(tmp_path / "b.mp4", seconds=1.2), cards=False)
    services.pipeline.run_pending()
    assert fine.video is not None and fine.video.id is not None

    outcome = services.clip_actions.retry([failed.video.id, fine.video.id])
    assert outcome.retried_jobs == [job_id] and outcome.new_jobs == []
    assert outcome.nothing_to_do == [fine.video.id]
    assert services.jobs.get(job_id).state == JobState.QUEUED
    services.pipeline.run_pending()
    assert services.jobs.get(job_id).state == JobState.DONE
