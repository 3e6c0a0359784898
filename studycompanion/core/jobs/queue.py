"""The persisted job queue: one row per step of a clip's pipeline, with state, progress, errors and retries."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import update
from sqlmodel import col, select

from studycompanion.core.db.engine import Database
from studycompanion.core.db.tables import Job, utcnow
from studycompanion.core.errors import BadInput, NotFound
from studycompanion.core.types import JobState, JobStep

ACTIVE = (JobState.QUEUED, JobState.RUNNING)


class JobQueue:
    def __init__(self, db: Database) -> None:
        self.db = db

    def enqueue(self, step: JobStep, video_id: int | None, payload: dict[str, Any] | None = None) -> Job:
        """A new queued job; an active job of the same step for the same clip is returned instead."""
        with self.db.session() as s:
            if video_id is not None:
                existing = s.exec(select(Job).where(
                    Job.video_id == video_id, Job.step == step, col(Job.state).in_(ACTIVE)
                )).first()
                if existing is not None:
                    return existing
            job = Job(step=step, video_id=video_id, payload=dict(payload or {}))
            s.add(job)
            return job

    def get(self, job_id: int) -> Job:
        with self.db.session() as s:
            job = s.get(Job, job_id)
            if job is None:
                raise NotFound(f"There is no job with id {job_id}.")
            return job

    def list_jobs(self, states: Iterable[JobState] | None = None, video_id: int | None = None,
                  limit: int = 500) -> list[Job]:
        """Newest first."""
        stmt = select(Job)
        if states is not None:
            stmt = stmt.where(col(Job.state).in_(list(states)))
        if video_id is not None:
            stmt = stmt.where(Job.video_id == video_id)
        with self.db.session() as s:
            return list(s.exec(stmt.order_by(col(Job.id).desc()).limit(limit)).all())

    def count(self, states: Iterable[JobState]) -> int:
        with self.db.session() as s:
            return len(s.exec(select(Job.id).where(col(Job.state).in_(list(states)))).all())

    def claim_next(self, steps: Iterable[JobStep] | None = None) -> Job | None:
        """Atomically move the oldest queued job (of the given steps) to running."""
        step_list = list(steps) if steps is not None else list(JobStep)
        if not step_list:
            return None
        with self.db.session() as s:
            for _ in range(5):
                candidate = s.exec(select(Job).where(Job.state == JobState.QUEUED, col(Job.step).in_(step_list))
                                   .order_by(col(Job.id)).limit(1)).first()
                if candidate is None:
                    return None
                result = s.execute(
                    update(Job).where(col(Job.id) == candidate.id, col(Job.state) == JobState.QUEUED).values(
                        state=JobState.RUNNING, attempts=Job.attempts + 1, started_at=utcnow(), finished_at=None,
                        error="", error_detail="", message="", progress=0.0, eta=None,
                    )
                )
                if result.rowcount == 1:  # type: ignore[attr-defined]
                    s.flush()
                    s.refresh(candidate)
                    return candidate
            return None

    def report(self, job_id: int, progress: float | None, message: str = "", eta: float | None = None) -> None:
        values: dict[str, Any] = {"message": message, "eta": eta}
        if progress is not None:
            values["progress"] = max(0.0, min(1.0, progress))
        with self.db.session() as s:
            s.execute(update(Job).where(col(Job.id) == job_id).values(**values))

    def _finish(self, job_id: int, state: JobState, **values: Any) -> Job:
        with self.db.session() as s:
            job = s.get(Job, job_id)
            if job is None:
                raise NotFound(f"There is no job with id {job_id}.")
            job.state, job.finished_at, job.eta, job.cancel_requested = state, utcnow(), None, False
            for key, value in values.items():
                setattr(job, key, value)
            s.add(job)
            return job

    def finish(self, job_id: int, message: str = "") -> Job:
        return self._finish(job_id, JobState.DONE, progress=1.0, message=message)

    def fail(self, job_id: int, error: str, detail: str = "") -> Job:
        return self._finish(job_id, JobState.FAILED, error=error, error_detail=detail)

    def mark_cancelled(self, job_id: int) -> Job:
        return self._finish(job_id, JobState.CANCELLED, message="Cancelled")

    def request_cancel(self, job_id: int) -> Job:
        """A queued job is cancelled at once; a running one is flagged and its step stops within a second."""
        with self.db.session() as s:  # one conditional UPDATE: a worker may claim it at this very moment
            result = s.execute(update(Job).where(col(Job.id) == job_id, col(Job.state) == JobState.QUEUED).values(
                state=JobState.CANCELLED, finished_at=utcnow(), message="Cancelled", eta=None,
            ))
            if result.rowcount == 0:  # type: ignore[attr-defined]
                s.execute(update(Job).where(col(Job.id) == job_id, col(Job.state) == JobState.RUNNING)
                          .values(cancel_requested=True))
        return self.get(job_id)

    def cancel_requested(self, job_id: int) -> bool:
        with self.db.session() as s:
            job = s.get(Job, job_id)
            return bool(job is None or job.cancel_requested)

    def retry(self, job_id: int) -> Job:
        job = self.get(job_id)
        if job.state not in (JobState.FAILED, JobState.CANCELLED):
            raise BadInput(f"Job {job_id} is {job.state.value}; only failed or cancelled jobs can be retried.")
        with self.db.session() as s:
            s.execute(update(Job).where(col(Job.id) == job_id).values(
                state=JobState.QUEUED, error="", error_detail="", message="", progress=0.0, cancel_requested=False,
                finished_at=None,
            ))
        return self.get(job_id)

    def requeue(self, job_id: int, message: str = "") -> Job:
        with self.db.session() as s:
            s.execute(update(Job).where(col(Job.id) == job_id).values(
                state=JobState.QUEUED, message=message, cancel_requested=False, eta=None,
            ))
        return self.get(job_id)

    def recover_interrupted(self) -> int:
        """Jobs left running by a quit or a crash go back to the queue (their steps resume from the start)."""
        with self.db.session() as s:
            result = s.execute(update(Job).where(col(Job.state) == JobState.RUNNING).values(
                state=JobState.QUEUED, message="Resumed after restart", cancel_requested=False,
            ))
            return int(result.rowcount)  # type: ignore[attr-defined]
