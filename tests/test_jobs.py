"""The persisted job queue and the pipeline: chaining, failures, crashes, cancel, retry, resume."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest

from studycompanion.core.errors import UserError
from studycompanion.core.jobs.pipeline import StepContext
from studycompanion.core.types import JobState, JobStep, VideoStatus
from studycompanion.services import Services
from tests.mediagen import make_mp4


@pytest.fixture(autouse=True)
def _no_screen_step(services: Services) -> None:
    """These tests are about the queue: the chain is transcribe -> cards (the screen-text step has its own tests)."""
    services.settings.screen_text = False


@pytest.fixture
def clip(tmp_path: Path) -> Path:
    return make_mp4(tmp_path / "clip.mp4", seconds=1.0)


def test_add_file_chains_screen_text_transcribe_then_cards(services: Services, clip: Path) -> None:
    services.settings.screen_text = True  # the app's default (the fixture switches it off)
    order: list[tuple[JobStep, int | None]] = []
    for step in (JobStep.SCREEN, JobStep.TRANSCRIBE, JobStep.CARDS):
        services.pipeline.handlers[step] = lambda ctx, step=step: order.append((step, ctx.video_id))
    outcome = services.pipeline.add_file(clip)
    services.pipeline.run_pending()
    vid = outcome.video.id if outcome.video else None
    assert order == [(JobStep.SCREEN, vid), (JobStep.TRANSCRIBE, vid), (JobStep.CARDS, vid)]
    jobs = services.jobs.list_jobs(video_id=vid)
    assert [j.state for j in jobs] == [JobState.DONE, JobState.DONE, JobState.DONE]
    # the fake cards step made no card: "cards" only when there are cards, else the clip stays transcribed
    assert services.library.get(vid or 0).status == VideoStatus.TRANSCRIBED


def test_no_transcribe_queues_nothing(services: Services, clip: Path) -> None:
    outcome = services.pipeline.add_file(clip, transcribe=False)
    assert outcome.jobs == [] and services.jobs.list_jobs() == []


def test_failure_is_readable_and_stops_the_chain(services: Services, clip: Path) -> None:
    def boom(ctx: StepContext) -> None:
        raise UserError("The audio could not be decoded.", "av error 1234")

    ran_cards: list[int] = []
    services.pipeline.handlers[JobStep.TRANSCRIBE] = boom
    services.pipeline.handlers[JobStep.CARDS] = lambda ctx: ran_cards.append(1)
    outcome = services.pipeline.add_file(clip)
    services.pipeline.run_pending()
    (job,) = services.jobs.list_jobs(video_id=outcome.video.id if outcome.video else None)
    assert job.state == JobState.FAILED and job.error == "The audio could not be decoded."
    assert job.error_detail == "av error 1234" and ran_cards == []


def test_crash_in_a_step_fails_the_job_with_details(services: Services, clip: Path) -> None:
    services.pipeline.handlers[JobStep.TRANSCRIBE] = lambda ctx: 1 / 0  # type: ignore[func-returns-value]
    outcome = services.pipeline.add_file(clip, cards=False)
    services.pipeline.run_pending()
    (job,) = services.jobs.list_jobs(video_id=outcome.video.id if outcome.video else None)
    assert job.state == JobState.FAILED
    assert "division by zero" in job.error and "ZeroDivisionError" in job.error_detail
    retried = services.pipeline.retry(job.id or 0)
    assert retried.state == JobState.QUEUED
    services.pipeline.handlers[JobStep.TRANSCRIBE] = lambda ctx: None
    services.pipeline.run_pending()
    again = services.jobs.get(job.id or 0)
    assert again.state == JobState.DONE and again.attempts == 2


def test_cancel_a_running_job_within_a_second(services: Services, clip: Path) -> None:
    started = threading.Event()
    progress_seen: list[float] = []

    def slow(ctx: StepContext) -> None:
        started.set()
        for i in range(1000):
            ctx.progress(i / 1000, "working")
            progress_seen.append(i / 1000)
            time.sleep(0.01)

    services.pipeline.handlers[JobStep.TRANSCRIBE] = slow
    outcome = services.pipeline.add_file(clip, cards=False)
    runner = threading.Thread(target=services.pipeline.run_pending)
    runner.start()
    assert started.wait(5)
    time.sleep(0.3)
    job_id = outcome.jobs[0]
    assert services.jobs.get(job_id).progress > 0  # progress is persisted while it runs
    t0 = time.monotonic()
    services.pipeline.cancel(job_id)
    runner.join(5)
    assert time.monotonic() - t0 < 1.0
    assert services.jobs.get(job_id).state == JobState.CANCELLED
    assert len(progress_seen) < 1000


def test_cancel_requested_from_another_process_is_seen(services: Services, clip: Path) -> None:
    started = threading.Event()

    def slow(ctx: StepContext) -> None:
        started.set()
        while True:
            ctx.check_cancelled()
            time.sleep(0.02)

    services.pipeline.handlers[JobStep.TRANSCRIBE] = slow
    outcome = services.pipeline.add_file(clip, cards=False)
    runner = threading.Thread(target=services.pipeline.run_pending)
    runner.start()
    assert started.wait(5)
    services.jobs.request_cancel(outcome.jobs[0])  # only the database flag, as the CLI in another process does
    runner.join(3)
    assert not runner.is_alive()
    assert services.jobs.get(outcome.jobs[0]).state == JobState.CANCELLED


def test_interrupted_jobs_resume_at_next_start(services: Services, clip: Path) -> None:
    outcome = services.pipeline.add_file(clip, cards=False)
    job = services.jobs.claim_next()
    assert job is not None and job.state == JobState.RUNNING and job.owner_pid == os.getpid()
    assert services.jobs.recover_interrupted() == 0  # its owner (this process) is alive: nobody takes it
    _set_owner(services, job.id, pid=_dead_pid())  # the app crashes here
    assert services.jobs.recover_interrupted() == 1
    seen: list[int | None] = []
    services.pipeline.handlers[JobStep.TRANSCRIBE] = lambda ctx: seen.append(ctx.video_id)
    services.pipeline.run_pending()
    assert seen == [outcome.video.id if outcome.video else None]


def test_quitting_requeues_running_work(services: Services, clip: Path) -> None:
    started = threading.Event()

    def slow(ctx: StepContext) -> None:
        started.set()
        while True:
            ctx.progress(0.5)
            time.sleep(0.02)

    services.pipeline.handlers[JobStep.TRANSCRIBE] = slow
    outcome = services.pipeline.add_file(clip, cards=False)
    services.pipeline.start(workers=1)
    assert started.wait(5)
    services.pipeline.stop()
    assert services.jobs.get(outcome.jobs[0]).state == JobState.QUEUED


def test_enqueue_dedupes_active_jobs_and_cancel_queued(services: Services, clip: Path) -> None:
    video, _ = services.library.add_file(clip)
    a = services.jobs.enqueue(JobStep.TRANSCRIBE, video.id)
    b = services.jobs.enqueue(JobStep.TRANSCRIBE, video.id)
    assert a.id == b.id
    assert services.pipeline.cancel(a.id or 0).state == JobState.CANCELLED
    with pytest.raises(UserError):
        services.jobs.retry(services.jobs.enqueue(JobStep.CARDS, video.id).id or 0)  # queued: nothing to retry


def test_deleting_a_clip_while_its_job_runs_keeps_the_workers_alive(services: Services, tmp_path: Path) -> None:
    started = threading.Event()

    def slow(ctx: StepContext) -> None:
        started.set()
        while True:
            ctx.check_cancelled()
            time.sleep(0.02)

    done: list[int | None] = []
    services.pipeline.handlers[JobStep.TRANSCRIBE] = slow
    first = services.pipeline.add_file(make_mp4(tmp_path / "a.mp4", seconds=1.0), cards=False)
    services.pipeline.start(workers=1)
    try:
        assert started.wait(5)
        assert first.video is not None and first.video.id is not None
        services.pipeline.cancel(first.jobs[0])
        services.library.delete(first.video.id)  # what the clip view's Delete does
        services.pipeline.handlers[JobStep.TRANSCRIBE] = lambda ctx: done.append(ctx.video_id)
        second = services.pipeline.add_file(make_mp4(tmp_path / "b.mp4", seconds=1.2), cards=False)
        deadline = time.monotonic() + 5
        while not done and time.monotonic() < deadline:
            time.sleep(0.05)
        assert second.video is not None and done == [second.video.id]  # the same worker went on
    finally:
        services.pipeline.stop()


def test_cancelling_a_queued_download_says_so_on_the_clip(services: Services) -> None:
    video, _ = services.library.create_queued("web", "x1", "http://127.0.0.1:9/clip.mp4")
    job_id = services.pipeline.queue_capture(video)
    assert services.pipeline.cancel(job_id).state == JobState.CANCELLED
    clip = services.library.get(video.id or 0)
    assert clip.status == VideoStatus.FAILED and "cancelled" in clip.error.lower()


def test_a_clip_without_speech_finishes_with_a_note(services: Services, tmp_path: Path) -> None:
    """A silent clip is transcribed to nothing; its cards step says so instead of failing the clip."""
    from studycompanion.core.jobs import cards_step as card_step

    services.pipeline.handlers[JobStep.TRANSCRIBE] = lambda ctx: services.library.set_transcript(ctx.video_id, [])
    services.pipeline.handlers[JobStep.CARDS] = card_step.make_step(
        services.library, services.settings, services.paths, services.card_store)
    outcome = services.pipeline.add_file(make_mp4(tmp_path / "quiet.mp4", seconds=1.0))
    services.pipeline.run_pending()
    jobs = {j.step: j for j in services.jobs.list_jobs(video_id=outcome.video.id if outcome.video else None)}
    assert jobs[JobStep.CARDS].state == JobState.DONE
    assert "no speech" in jobs[JobStep.CARDS].message.lower()


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def _set_owner(services: Services, job_id: int | None, **values: object) -> None:
    from sqlalchemy import update

    from studycompanion.core.db.tables import Job

    with services.db.session() as s:
        s.execute(update(Job).where(Job.id == job_id).values(
            **{("owner_" + k if k in ("pid", "started", "host") else k): v for k, v in values.items()}))


def test_a_live_owner_keeps_its_job_a_reused_pid_or_stale_heartbeat_does_not(services: Services, clip: Path) -> None:
    from studycompanion.core.db.tables import utcnow

    services.pipeline.add_file(clip, cards=False)
    job = services.jobs.claim_next()
    assert job is not None and job.id is not None and job.heartbeat_at is not None
    assert services.jobs.recover_interrupted() == 0
    _set_owner(services, job.id, started=(job.owner_started or 0) - 1000)  # same pid, another process: reused
    assert services.jobs.recover_interrupted() == 1
    job = services.jobs.claim_next()
    assert job is not None and job.id is not None
    _set_owner(services, job.id, heartbeat_at=utcnow() - timedelta(seconds=services.jobs.lease_seconds + 5))
    assert services.jobs.recover_interrupted() == 1  # alive, but its heartbeat stopped: the lease expired
    assert services.jobs.get(job.id).state == JobState.QUEUED and "heartbeat" in services.jobs.get(job.id).message


def test_a_runner_that_lost_its_lease_writes_nothing(services: Services, clip: Path) -> None:
    from studycompanion.core.jobs.queue import LeaseLost

    services.pipeline.add_file(clip, cards=False)
    job = services.jobs.claim_next()
    assert job is not None and job.id is not None
    _set_owner(services, job.id, pid=_dead_pid())
    assert services.jobs.recover_interrupted() == 1
    again = services.jobs.claim_next()  # the next runner (here the same process, which is its owner again)
    assert again is not None and again.id == job.id and again.attempts == 2
    _set_owner(services, job.id, pid=_dead_pid())  # ...now owned by someone else
    assert services.jobs.report(job.id, 0.5) is False
    with pytest.raises(LeaseLost):
        services.jobs.finish(job.id)
    assert services.jobs.get(job.id).state == JobState.RUNNING


def test_adding_an_existing_clip_resumes_its_unfinished_steps(services: Services, clip: Path) -> None:
    services.pipeline.handlers[JobStep.TRANSCRIBE] = lambda ctx: 1 / 0  # type: ignore[func-returns-value]
    first = services.pipeline.add_file(clip)
    services.pipeline.run_pending()
    assert services.jobs.list_jobs(video_id=first.video.id if first.video else None)[0].state == JobState.FAILED
    ran: list[JobStep] = []
    for step in (JobStep.TRANSCRIBE, JobStep.CARDS):
        services.pipeline.handlers[step] = lambda ctx, step=step: ran.append(step)
    again = services.pipeline.add_file(clip)
    assert not again.created and again.resumed == [JobStep.TRANSCRIBE, JobStep.CARDS]
    services.pipeline.run_pending()
    assert ran == [JobStep.TRANSCRIBE, JobStep.CARDS]
    third = services.pipeline.add_file(clip)  # the chain finished: nothing to resume
    assert third.resumed == [] and third.jobs == []


def test_a_clip_with_nothing_in_it_says_why(services: Services, clip: Path) -> None:
    services.pipeline.handlers[JobStep.TRANSCRIBE] = lambda ctx: services.library.set_transcript(
        ctx.video_id, [])  # silence: the engine heard no segment
    outcome = services.pipeline.add_file(clip)
    services.pipeline.run_pending()
    video = services.library.get(outcome.video.id if outcome.video and outcome.video.id else 0)
    assert video.status == VideoStatus.TRANSCRIBED and "speech" in video.error.lower()
    cards_job = next(j for j in services.jobs.list_jobs(video_id=video.id) if j.step == JobStep.CARDS)
    assert cards_job.state == JobState.DONE and "speech" in cards_job.message.lower()


def test_the_heartbeat_keeps_a_long_step_its_lease(services: Services, clip: Path) -> None:
    services.jobs.lease_seconds = 0.6
    services.pipeline.heartbeat_seconds = 0.1

    def long_step(ctx: StepContext) -> None:
        time.sleep(1.5)  # no progress reported: only the heartbeat thread says it is alive

    services.pipeline.handlers[JobStep.TRANSCRIBE] = long_step
    outcome = services.pipeline.add_file(clip, cards=False)
    runner = threading.Thread(target=services.pipeline.run_pending)
    runner.start()
    taken = 0
    while runner.is_alive():
        taken += services.jobs.recover_interrupted()  # another process looking for orphans, all the time
        time.sleep(0.05)
    runner.join()
    (job,) = services.jobs.list_jobs(video_id=outcome.video.id if outcome.video else None)
    assert taken == 0 and job.state == JobState.DONE and job.attempts == 1
