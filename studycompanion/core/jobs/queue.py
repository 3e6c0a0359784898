"""The persisted job queue: one row per step of a clip's pipeline, with state, progress, errors, retries and leases.

A running job holds a lease (core/jobs/lease.py): its owner's host, pid and start time, and a heartbeat the
owner refreshes. Only a job whose owner is gone or whose heartbeat expired goes back to the queue; the owner's
writes (progress, its end) are conditional on still holding the lease, so a job is never finished twice.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import timedelta
from typing import Any

from sqlalchemy import update
from sqlmodel import col, select

from studycompanion.core.db.engine import Database
from studycompanion.core.db.tables import Job, utcnow
from studycompanion.core.errors import BadInput, NotFound
from studycompanion.core.jobs.lease import LEASE_SECONDS, Owner, owner_alive
from studycompanion.core.types import JobState, JobStep

ACTIVE = (JobState.QUEUED, JobState.RUNNING)
NO_OWNER: dict[str, Any] = {"owner_host": "", "owner_pid": None, "owner_started": None, "heartbeat_at": None}


class LeaseLost(Exception):
    """This process no longer holds the job's lease (it expired and another runner took the job)."""


def _owned_by(owner: Owner) -> Any:
    """Running under this process's lease: host, pid and the process's start time (a reused pid is another)."""
    same = (col(Job.state) == JobState.RUNNING) & (col(Job.owner_host) == owner.host) & (
        col(Job.owner_pid) == owner.pid)
    if owner.started is not None:
        same = same & ((col(Job.owner_started).is_(None)) | (col(Job.owner_started) == owner.started))
    return same


class JobQueue:
    def __init__(self, db: Database, owner: Owner | None = None, lease_seconds: float = LEASE_SECONDS) -> None:
        self.db = db
        self.owner = owner or Owner.this_process()
        self.lease_seconds = lease_seconds

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

    def claim_next(self, steps: Iterable[JobStep] | None = None,
                   video_ids: Collection[int] | None = None) -> Job | None:
        """Atomically move the oldest queued job (of the given steps, of the given clips) to running."""
        step_list = list(steps) if steps is not None else list(JobStep)
        if not step_list or (video_ids is not None and not video_ids):
            return None
        with self.db.session() as s:
            for _ in range(5):
                stmt = select(Job).where(Job.state == JobState.QUEUED, col(Job.step).in_(step_list))
                if video_ids is not None:  # `add` / `import` run their own clips' jobs only (issue 17)
                    stmt = stmt.where(col(Job.video_id).in_(sorted(video_ids)))
                candidate = s.exec(stmt.order_by(col(Job.id)).limit(1)).first()
                if candidate is None:
                    return None
                result = s.execute(
                    update(Job).where(col(Job.id) == candidate.id, col(Job.state) == JobState.QUEUED).values(
                        state=JobState.RUNNING, attempts=Job.attempts + 1, started_at=utcnow(), finished_at=None,
                        error="", error_detail="", message="", progress=0.0, eta=None,
                        owner_host=self.owner.host, owner_pid=self.owner.pid, owner_started=self.owner.started,
                        heartbeat_at=utcnow(),
                    )
                )
                if result.rowcount == 1:  # type: ignore[attr-defined]
                    s.flush()
                    s.refresh(candidate)
                    return candidate
            return None

    def report(self, job_id: int, progress: float | None, message: str = "", eta: float | None = None) -> bool:
        """Progress of a job this process runs (it refreshes the heartbeat too). False: the lease is lost."""
        values: dict[str, Any] = {"message": message, "eta": eta, "heartbeat_at": utcnow()}
        if progress is not None:
            values["progress"] = max(0.0, min(1.0, progress))
        with self.db.session() as s:
            result = s.execute(update(Job).where(col(Job.id) == job_id, _owned_by(self.owner)).values(**values))
            return bool(result.rowcount)  # type: ignore[attr-defined]

    def heartbeat(self, job_ids: Iterable[int]) -> set[int]:
        """Refresh the lease of the jobs this process runs; returns the ids whose lease it no longer holds."""
        ids = list(job_ids)
        if not ids:
            return set()
        with self.db.session() as s:
            s.execute(update(Job).where(col(Job.id).in_(ids), _owned_by(self.owner)).values(heartbeat_at=utcnow()))
            held = set(s.exec(select(Job.id).where(col(Job.id).in_(ids), _owned_by(self.owner))).all())
        return set(ids) - {i for i in held if i is not None}

    def holds(self, job: Job) -> bool:
        return job.state == JobState.RUNNING and job.owner_host == self.owner.host and job.owner_pid == self.owner.pid

    def _finish(self, job_id: int, state: JobState, **values: Any) -> Job:
        with self.db.session() as s:
            job = s.get(Job, job_id)
            if job is None:
                raise NotFound(f"There is no job with id {job_id}.")
            if job.state == JobState.RUNNING and job.owner_pid is not None and not self.holds(job):
                raise LeaseLost(f"job {job_id} is run by {job.owner_host}:{job.owner_pid} now")
            job.state, job.finished_at, job.eta, job.cancel_requested = state, utcnow(), None, False
            for key, value in NO_OWNER.items():
                setattr(job, key, value)
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
        """Give back a job this process runs (a quit: it resumes at the next start)."""
        with self.db.session() as s:
            s.execute(update(Job).where(col(Job.id) == job_id, _owned_by(self.owner)).values(
                state=JobState.QUEUED, message=message, cancel_requested=False, eta=None, **NO_OWNER,
            ))
        return self.get(job_id)

    def recover_interrupted(self) -> int:
        """Running jobs whose owner is gone (its process ended, or its pid now names another process) or whose
        heartbeat expired go back to the queue (their steps resume from the start). A live owner's job is
        never taken. Returns how many were re-queued."""
        now = utcnow()
        expiry = now - timedelta(seconds=self.lease_seconds)
        with self.db.session() as s:
            running = s.exec(select(Job).where(Job.state == JobState.RUNNING)).all()
            recovered = 0
            for job in running:
                alive = owner_alive(job.owner_host, job.owner_pid, job.owner_started)
                beat = job.heartbeat_at
                if beat is not None and beat.tzinfo is None:
                    beat = beat.replace(tzinfo=now.tzinfo)
                expired = beat is None or beat < expiry
                if alive is not False and not expired:
                    continue
                why = "its process ended" if alive is False else "its heartbeat stopped"
                result = s.execute(update(Job).where(  # only if nobody refreshed or took it meanwhile
                    col(Job.id) == job.id, col(Job.state) == JobState.RUNNING,
                    col(Job.owner_pid) == job.owner_pid if job.owner_pid is not None else col(Job.owner_pid).is_(None),
                    col(Job.heartbeat_at) == job.heartbeat_at if job.heartbeat_at is not None
                    else col(Job.heartbeat_at).is_(None),
                ).values(state=JobState.QUEUED, message=f"Resumed: {why}", cancel_requested=False, eta=None,
                         **NO_OWNER))
                recovered += int(result.rowcount)  # type: ignore[attr-defined]
            return recovered
