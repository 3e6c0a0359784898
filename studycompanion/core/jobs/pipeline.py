"""Runs the persisted jobs: capture -> transcribe -> cards, with progress, cancel, retries and resume."""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studycompanion.core.db.tables import Job, Video
from studycompanion.core.errors import JobCancelled, NotFound, UserError
from studycompanion.core.jobs.lease import HEARTBEAT_SECONDS
from studycompanion.core.jobs.queue import ACTIVE, JobQueue, LeaseLost
from studycompanion.core.library.clips import Library
from studycompanion.core.types import JobState, JobStep, VideoStatus

log = logging.getLogger(__name__)

# how many jobs of a step may run at once (one transcription engine, a few downloads)
DEFAULT_LIMITS = {JobStep.CAPTURE: 2, JobStep.SCREEN: 1, JobStep.TRANSCRIBE: 1, JobStep.CARDS: 1}
NEXT_STATUS_ON_FAIL = {JobStep.CAPTURE: VideoStatus.FAILED}
JobListener = Callable[[Job], None]


class StepContext:
    """What a step handler gets: its job, progress reporting and cancellation."""

    def __init__(self, pipeline: Pipeline, job: Job, cancel_event: threading.Event) -> None:
        assert job.id is not None
        self.job_id: int = job.id
        self.video_id: int | None = job.video_id
        self.payload: dict[str, Any] = dict(job.payload)
        self.cancel_event = cancel_event
        self._pipeline = pipeline
        self._last_write = 0.0
        self._last_poll = 0.0
        self.lease_lost = False  # another runner took the job (this one's heartbeat had expired): write nothing

    def progress(self, fraction: float | None, message: str = "", eta: float | None = None) -> None:
        now = time.monotonic()
        if now - self._last_write >= 0.2 or (fraction is not None and fraction >= 1.0):
            self._last_write = now
            if not self._pipeline.queue.report(self.job_id, fraction, message, eta):
                self.lease_lost = True
                self.cancel_event.set()
            self._pipeline.notify(self.job_id)
        self.check_cancelled()

    def cancelled(self) -> bool:
        if self.cancel_event.is_set():
            return True
        now = time.monotonic()
        if now - self._last_poll >= 0.5:  # another process (the CLI, the app) may have asked
            self._last_poll = now
            if self._pipeline.queue.cancel_requested(self.job_id):
                self.cancel_event.set()
        return self.cancel_event.is_set()

    def check_cancelled(self) -> None:
        if self.cancelled():
            raise JobCancelled()


StepHandler = Callable[[StepContext], "str | None"]  # an optional note for the finished job


@dataclass
class AddOutcome:
    source: str
    video: Video | None
    created: bool
    error: UserError | None = None
    jobs: list[int] = field(default_factory=list)
    resumed: list[JobStep] = field(default_factory=list)  # an existing clip: the unfinished steps now queued
    in_progress: list[JobStep] = field(default_factory=list)  # an existing clip: steps already queued or running


class Pipeline:
    def __init__(self, library: Library, queue: JobQueue, handlers: dict[JobStep, StepHandler],
                 limits: dict[JobStep, int] | None = None, *, screen_text: Callable[[], bool] | None = None) -> None:
        self.library = library
        self.queue = queue
        self.handlers = handlers
        self._screen_text = screen_text  # whether new clips get a SCREEN step (the setting, read each time)
        self.limits = dict(limits or DEFAULT_LIMITS)
        self._listeners: list[JobListener] = []
        self._lock = threading.Lock()
        self._running: dict[int, tuple[JobStep, threading.Event]] = {}
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._lost: set[int] = set()  # running here, but the lease went to another runner
        self._heart: threading.Thread | None = None
        self.heartbeat_seconds = HEARTBEAT_SECONDS
        self._last_recovery = 0.0

    # ---- listeners --------------------------------------------------------------------------------

    def subscribe(self, listener: JobListener) -> None:
        self._listeners.append(listener)

    def notify(self, job_id: int) -> None:
        if not self._listeners:
            return
        try:
            job = self.queue.get(job_id)
        except UserError:
            return
        self._emit(job)

    def _emit(self, job: Job) -> None:
        for listener in list(self._listeners):
            try:
                listener(job)
            except Exception:  # a listener must never break a job
                log.exception("job listener failed")

    # ---- adding -----------------------------------------------------------------------------------

    def follow_ups(self, transcribe: bool, cards: bool) -> list[str]:
        steps = []
        if transcribe:
            if self._screen_text is not None and self._screen_text() and JobStep.SCREEN in self.handlers:
                steps.append(JobStep.SCREEN.value)
            steps.append(JobStep.TRANSCRIBE.value)
            if cards:
                steps.append(JobStep.CARDS.value)
        return steps

    def add_file(self, path: Path, *, transcribe: bool = True, cards: bool = True,
                 tags: Iterable[str] = (), metadata: dict[str, Any] | None = None) -> AddOutcome:
        video, created = self.library.add_file(path, tags, metadata)
        outcome = AddOutcome(str(path), video, created)
        if created:
            outcome.jobs = self._start_chain(video, self.follow_ups(transcribe, cards))
            return outcome
        if tags:
            assert video.id is not None
            self.library.tags.tag(video.id, tags)
        self._resume(outcome, transcribe, cards)
        return outcome

    def _resume(self, outcome: AddOutcome, transcribe: bool, cards: bool) -> None:
        """An existing clip added again: its unfinished steps are queued again (a crash or a failure stopped
        them), or reported as in progress when another runner has them."""
        video = outcome.video
        assert video is not None and video.id is not None
        self.queue.recover_interrupted()  # a killed `add` left its job running: its owner is gone
        active = [j for j in self.queue.list_jobs(video_id=video.id) if j.state in ACTIVE]
        if active:  # running in a live process: in progress there; queued (a dead owner's, say): resumed here
            order = list(JobStep).index
            outcome.in_progress = sorted({j.step for j in active if j.state == JobState.RUNNING}, key=order)
            outcome.resumed = sorted({j.step for j in active if j.state == JobState.QUEUED}, key=order)
            outcome.jobs = [j.id for j in active if j.state == JobState.QUEUED and j.id is not None]
            self._wake.set()
            return
        video_id = video.id
        video = self.library.get(video_id)
        wanted = self.follow_ups(transcribe, cards)
        if video.status in (VideoStatus.TRANSCRIBED, VideoStatus.CARDS) and wanted:
            wanted = [s for s in wanted if s not in (JobStep.SCREEN, JobStep.TRANSCRIBE)]  # the transcript is there
        if video.status == VideoStatus.CARDS or (video.status == VideoStatus.TRANSCRIBED and self._has_cards_job(
                video_id)):
            wanted = []
        if wanted:
            outcome.jobs = self._start_chain(video, wanted)
            outcome.resumed = [JobStep(s) for s in wanted]

    def _has_cards_job(self, video_id: int) -> bool:
        jobs = self.queue.list_jobs(video_id=video_id)
        return any(j.step == JobStep.CARDS and j.state == JobState.DONE for j in jobs)

    def _start_chain(self, video: Video, steps: Sequence[str], **extra: Any) -> list[int]:
        if not steps:
            return []
        first, rest = JobStep(steps[0]), list(steps[1:])
        job = self.queue.enqueue(first, video.id, {"then": rest, **extra})
        self._wake.set()
        assert job.id is not None
        return [job.id]

    def queue_capture(self, video: Video, *, transcribe: bool = True, cards: bool = True,
                      discard_on_failure: bool = False) -> int:
        steps = [JobStep.CAPTURE.value, *self.follow_ups(transcribe, cards)]
        return self._start_chain(video, steps, discard_on_failure=discard_on_failure)[0]

    def queue_step(self, step: JobStep, video_id: int, then: Sequence[str] = (), **extra: Any) -> int:
        job = self.queue.enqueue(step, video_id, {"then": list(then), **extra})
        self._wake.set()
        assert job.id is not None
        return job.id

    # ---- running ----------------------------------------------------------------------------------

    def run_job(self, job: Job) -> Job:
        """Run one claimed job to its end state, then queue the next step of its chain.

        Never raises: the clip (and so the job row) may be deleted while the step runs, and a worker thread
        that died here would leave the queue stalled until the next start."""
        assert job.id is not None
        with self._lock:
            claimed = self._running.get(job.id)
            event = claimed[1] if claimed else threading.Event()  # keep the claim's event: a stop may be set
            self._running[job.id] = (job.step, event)
        if self._stop.is_set():
            event.set()
        self._ensure_heartbeat()
        result = job
        try:
            self.notify(job.id)
            result = self._execute(job, StepContext(self, job, event))
        except LeaseLost:  # another runner took it over (this one stalled past its lease), or its clip was deleted
            try:
                result = self.queue.get(job.id)
                log.warning("job %s (%s): lease lost, left to the runner that took it", job.id, job.step.value)
            except NotFound:  # the clip, and with it this job, was deleted while it ran
                result = job.model_copy(update={"state": JobState.CANCELLED, "message": "The clip was deleted"})
        except NotFound:  # the clip, and so this job, was deleted while it ran
            result = job.model_copy(update={"state": JobState.CANCELLED, "message": "The clip was deleted"})
        except Exception:  # bookkeeping failed: the job's end is lost, not the worker
            log.exception("job %s (%s): could not record its end", job.id, job.step.value)
        finally:
            with self._lock:
                self._running.pop(job.id, None)
                self._lost.discard(job.id)
        self._emit(result)  # the in-memory row: a discarded clip's job is gone from the database
        return result

    def _execute(self, job: Job, ctx: StepContext) -> Job:
        assert job.id is not None
        try:
            if job.video_id is not None and job.step == JobStep.CAPTURE:
                self.library.set_status(job.video_id, VideoStatus.DOWNLOADING)
            handler = self.handlers.get(job.step)
            if handler is None:
                raise UserError(f"No handler for the {job.step.value} step.")
            note = handler(ctx)
            ctx.check_cancelled()
        except JobCancelled:
            if ctx.lease_lost or job.id in self._lost:
                raise LeaseLost(f"job {job.id}") from None
            if self._stop.is_set() and not self.queue.cancel_requested(job.id):
                return self.queue.requeue(job.id, "Paused: resumes at the next start")  # quitting loses nothing
            result = self.queue.mark_cancelled(job.id)
            self._after_failure(job, None)
            return result
        except UserError as exc:
            log.info("job %s (%s) failed: %s", job.id, job.step.value, exc.message)
            result = self.queue.fail(job.id, exc.message, exc.detail)
            self._after_failure(job, exc.message)
            return result
        except Exception as exc:  # a bug or an engine crash: a readable message, details kept
            log.exception("job %s (%s) crashed", job.id, job.step.value)
            result = self.queue.fail(job.id, f"{job.step.value.capitalize()} failed: {exc}", traceback.format_exc())
            self._after_failure(job, str(exc))
            return result
        result = self.queue.finish(job.id, note if isinstance(note, str) else "")
        if job.step == JobStep.CARDS and job.video_id is not None:
            # "Cards ready" only when there are cards: a transcript without key points stays "Transcribed"
            has_cards = self.library.card_count(job.video_id) > 0
            # nothing came out: the clip says why ("No speech was heard ..."), not a bare status
            reason = "" if has_cards else (note if isinstance(note, str) and note else self._why_no_cards(job.video_id))
            self.library.set_status(job.video_id, VideoStatus.CARDS if has_cards else VideoStatus.TRANSCRIBED, reason)
        then = [str(s) for s in job.payload.get("then", [])]
        if then and job.video_id is not None:
            self.queue_step(JobStep(then[0]), job.video_id, then[1:])
        return result

    def _why_no_cards(self, video_id: int) -> str:
        if not self.library.transcript(video_id):
            return "No speech found: there is nothing to make cards from."
        return "No key points were found in the transcript, so no cards were made."

    def _after_failure(self, job: Job, message: str | None) -> None:
        if job.video_id is None:
            return
        if job.step == JobStep.CAPTURE:
            if job.payload.get("discard_on_failure"):
                try:
                    self.library.delete(job.video_id)
                except UserError:
                    pass
            else:
                status = VideoStatus.FAILED if message is not None else VideoStatus.QUEUED
                self.library.set_status(job.video_id, status, message or "")

    # ---- leases -----------------------------------------------------------------------------------

    def _ensure_heartbeat(self) -> None:
        with self._lock:
            if self._heart is not None and self._heart.is_alive():
                return
            self._heart = threading.Thread(target=self._beat, daemon=True, name="job-heartbeat")
            self._heart.start()

    def _beat(self) -> None:
        """Refresh the lease of every job running here while any runs; a lost lease stops its step."""
        idle_since: float | None = None
        while True:
            with self._lock:
                ids = list(self._running)
            if not ids:
                idle_since = idle_since or time.monotonic()
                if time.monotonic() - idle_since > 2 * self.heartbeat_seconds:
                    with self._lock:
                        if not self._running:
                            self._heart = None
                            return
            else:
                idle_since = None
                try:
                    lost = self.queue.heartbeat(ids)
                except Exception:  # the disk, a vanished folder: the step itself will fail and say so
                    log.warning("job heartbeat failed", exc_info=True)
                    lost = set()
                with self._lock:
                    for job_id in lost:
                        running = self._running.get(job_id)
                        if running is not None:
                            self._lost.add(job_id)
                            running[1].set()
            time.sleep(self.heartbeat_seconds if ids else min(0.5, self.heartbeat_seconds))

    def recover_orphans(self, every: float = 0.0) -> int:
        """Re-queue jobs whose owner died (at most once per `every` seconds); claiming calls it now and then."""
        now = time.monotonic()
        if every and now - self._last_recovery < every:
            return 0
        self._last_recovery = now
        try:
            return self.queue.recover_interrupted()
        except Exception:
            log.warning("could not look for orphaned jobs", exc_info=True)
            return 0

    def _claim(self, video_ids: Collection[int] | None = None) -> Job | None:
        self.recover_orphans(every=self.heartbeat_seconds)
        with self._lock:
            busy: dict[JobStep, int] = {}
            for step, _event in self._running.values():
                busy[step] = busy.get(step, 0) + 1
            free = [s for s in JobStep if busy.get(s, 0) < self.limits.get(s, 1)]
            job = self.queue.claim_next(free, video_ids)
            if job is not None and job.id is not None:
                self._running[job.id] = (job.step, threading.Event())
            return job

    def run_pending(self, workers: int = 2, video_ids: Collection[int] | None = None) -> None:
        """Run queued jobs (and the steps they chain) until none is left; for the CLI and tests.

        With `video_ids`, only those clips' jobs run (`add` and `import` run their own; `jobs run` the rest)."""
        wanted = frozenset(video_ids) if video_ids is not None else None
        if self.library.db.read_only:
            return

        def worker() -> None:
            while True:
                job = self._claim(wanted)
                if job is None:
                    with self._lock:
                        if not self._running:
                            return
                    time.sleep(0.05)
                    continue
                self.run_job(job)

        threads = [threading.Thread(target=worker, daemon=True) for _ in range(max(1, workers))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    def start(self, workers: int = 3) -> None:
        """Background workers for the app: they sleep until a job is queued, and stop with `stop()`."""
        if self.library.db.read_only:  # a read-only library runs nothing (its jobs wait for a writable start)
            return
        self._stop.clear()
        for _ in range(max(1, workers)):
            t = threading.Thread(target=self._serve, daemon=True, name="pipeline-worker")
            t.start()
            self._threads.append(t)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                job = self._claim()
            except Exception:  # e.g. the database is busy or the disk full: try again, never die
                log.exception("could not claim a job")
                self._stop.wait(2.0)
                continue
            if job is None:
                self._wake.wait(1.0)
                self._wake.clear()
                continue
            self.run_job(job)

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        """Cancel what runs and wait for the workers (a quit: running jobs resume at the next start)."""
        self._stop.set()
        self._wake.set()
        with self._lock:
            for _step, event in self._running.values():
                event.set()
        for t in self._threads:
            t.join(timeout)
        self._threads.clear()

    def cancel(self, job_id: int) -> Job:
        job = self.queue.request_cancel(job_id)
        with self._lock:
            running = self._running.get(job_id)
        if running is not None:
            running[1].set()
        elif job.state == JobState.CANCELLED and job.step == JobStep.CAPTURE and job.video_id is not None:
            self.library.set_status(job.video_id, VideoStatus.FAILED, "Download cancelled")  # offer a retry
        self.notify(job_id)
        return job

    def unsubscribe(self, listener: JobListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def retry(self, job_id: int) -> Job:
        job = self.queue.retry(job_id)
        if job.video_id is not None and job.step == JobStep.CAPTURE:
            self.library.set_status(job.video_id, VideoStatus.QUEUED)
        self._wake.set()
        self.notify(job_id)
        return job

    def is_running(self, job_id: int) -> bool:
        with self._lock:
            return job_id in self._running
