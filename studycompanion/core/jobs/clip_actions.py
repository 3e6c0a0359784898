"""What a student does to whole clips (delete, retry), with its policy in one place for the app and the CLI.

Deleting stops the clip's running jobs first (a step must never write into a clip that is gone); retrying picks
the right step for where the clip stopped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from studycompanion.core.jobs.pipeline import Pipeline
from studycompanion.core.jobs.queue import JobQueue
from studycompanion.core.library.clips import Library
from studycompanion.core.types import JobState, JobStep, VideoStatus


@dataclass
class RetryOutcome:
    retried_jobs: list[int]  # failed or cancelled jobs queued again
    new_jobs: list[int]  # fresh jobs for clips that had none to retry
    nothing_to_do: list[int]  # clips that are fine as they are


class ClipActions:
    def __init__(self, library: Library, queue: JobQueue, pipeline: Pipeline) -> None:
        self.library = library
        self.queue = queue
        self.pipeline = pipeline

    def delete(self, video_ids: Sequence[int]) -> None:
        """Stop each clip's running or queued jobs, then delete the clip, its files and its cards."""
        for vid in video_ids:
            for job in self.queue.list_jobs([JobState.RUNNING, JobState.QUEUED], video_id=vid):
                if job.id is not None:
                    self.pipeline.cancel(job.id)
            self.library.delete(vid)

    def retry(self, video_ids: Sequence[int]) -> RetryOutcome:
        """Retry each clip's newest failed or cancelled job; a failed or never-downloaded link gets a new download,
        a downloaded clip without a transcript a new transcription (then cards)."""
        out = RetryOutcome([], [], [])
        for vid in video_ids:
            jobs = self.queue.list_jobs([JobState.FAILED, JobState.CANCELLED], video_id=vid)
            if jobs and jobs[0].id is not None:
                out.retried_jobs.append(int(self.pipeline.retry(jobs[0].id).id or 0))
                continue
            video = self.library.get(vid)
            if video.status in (VideoStatus.FAILED, VideoStatus.QUEUED) and video.platform != "local":
                out.new_jobs.append(int(self.pipeline.queue_capture(video)))
            elif video.status == VideoStatus.READY:
                out.new_jobs.append(int(self.pipeline.queue_step(JobStep.TRANSCRIBE, vid, [JobStep.CARDS.value])))
            else:
                out.nothing_to_do.append(vid)
        return out
