"""The transcribe step in the pipeline: stores segments, cancels within a second, survives a killed engine; CLI."""

from __future__ import annotations

import os
import signal
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from studycompanion.cli import main as cli_main
from studycompanion.core.db.tables import Job
from studycompanion.core.types import JobState, JobStep, VideoStatus
from studycompanion.services import Services

MEDIA = Path(__file__).parent / "fixtures" / "media"


def add_clip(services: Services, name: str, **meta: object) -> int:
    outcome = services.pipeline.add_file(MEDIA / f"{name}.mp4", transcribe=False, cards=False)
    assert outcome.video is not None and outcome.video.id is not None
    if meta:
        services.library.update_metadata(outcome.video.id, **meta)
    return outcome.video.id


def wait_for(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.02)


def run_in_background(services: Services) -> threading.Thread:
    thread = threading.Thread(target=services.pipeline.run_pending, kwargs={"workers": 1}, daemon=True)
    thread.start()
    return thread


def test_step_stores_segments_with_words_and_indexes_them(services: Services) -> None:
    vid = add_clip(services, "murmurs", title="Two murmurs you must know",
                   caption="Aortic stenosis versus mitral regurgitation", hashtags=["cardiology"])
    job_id = services.pipeline.queue_step(JobStep.TRANSCRIBE, vid)
    services.pipeline.run_pending(workers=1)
    job = services.jobs.get(job_id)
    assert job.state == JobState.DONE, job.error
    segments = services.library.transcript(vid)
    assert segments and all(s.words for s in segments)
    assert "regurgitation" in " ".join(s.text for s in segments).lower()
    assert services.library.get(vid).status == VideoStatus.TRANSCRIBED
    hits = [h for h in services.library.search("regurgitation") if h.video_id == vid and h.field == "transcript"]
    assert hits and hits[0].seconds is not None, "segments are indexed for search, with the second they are said"


def test_cancel_mid_clip_takes_effect_within_a_second(services: Services) -> None:
    vid = add_clip(services, "long_review")
    job_id = services.pipeline.queue_step(JobStep.TRANSCRIBE, vid)
    messages: list[str] = []
    services.pipeline.subscribe(lambda job: messages.append(job.message or ""))
    thread = run_in_background(services)
    wait_for(lambda: any(m.startswith("Transcribing") for m in messages))  # the engine is working on it
    engine_pid = services.engine.pid
    assert engine_pid is not None
    cancelled_at = time.monotonic()
    services.pipeline.cancel(job_id)
    wait_for(lambda: services.jobs.get(job_id).state in (JobState.CANCELLED, JobState.FAILED, JobState.DONE), 5)
    took = time.monotonic() - cancelled_at
    assert services.jobs.get(job_id).state == JobState.CANCELLED
    assert took < 1.0, f"cancel took {took:.2f} s"
    thread.join(5)
    assert services.library.transcript(vid) == []
    assert services.engine.pid is None, "the engine child was killed"
    with pytest.raises(OSError):
        os.kill(engine_pid, 0)


def _integrity(db: Path) -> str:
    with sqlite3.connect(db) as con:
        return str(con.execute("PRAGMA integrity_check").fetchone()[0])


@pytest.mark.slow
def test_killed_engine_fails_the_job_retriably_and_the_library_is_intact(services: Services) -> None:
    keep = add_clip(services, "anticoagulation")
    services.pipeline.queue_step(JobStep.TRANSCRIBE, keep)
    services.pipeline.run_pending(workers=1)
    kept_segments = services.library.transcript(keep)
    assert kept_segments

    vid = add_clip(services, "long_review")
    job_id = services.pipeline.queue_step(JobStep.TRANSCRIBE, vid)
    messages: list[str] = []
    services.pipeline.subscribe(lambda job: messages.append(job.message or ""))
    thread = run_in_background(services)
    wait_for(lambda: any(m.startswith("Transcribing") for m in messages))
    pid = services.engine.pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)  # what a native crash or the OOM killer does
    thread.join(30)

    job: Job = services.jobs.get(job_id)
    assert job.state == JobState.FAILED
    assert "transcription engine stopped unexpectedly" in (job.error or "")
    assert services.library.transcript(vid) == []
    assert services.library.transcript(keep) == kept_segments, "the other clip's transcript is untouched"
    assert _integrity(services.paths.db) == "ok"

    services.pipeline.retry(job_id)  # retriable: a fresh engine starts and finishes the clip
    services.pipeline.run_pending(workers=1)
    assert services.jobs.get(job_id).state == JobState.DONE
    assert services.library.transcript(vid)


def test_explicit_model_that_is_not_downloaded_fails_the_job_clearly(services: Services) -> None:
    vid = add_clip(services, "silent")
    job_id = services.pipeline.queue_step(JobStep.TRANSCRIBE, vid, model="small")
    services.pipeline.run_pending(workers=1)
    job = services.jobs.get(job_id)
    assert job.state == JobState.FAILED and "models download small" in (job.error or "")


def test_corrupt_media_fails_the_job_with_a_readable_message(services: Services) -> None:
    vid = add_clip(services, "beta_blockers")
    media = services.library.media_path(services.library.get(vid))
    media.write_bytes(media.read_bytes()[:20_000])  # the stored file got cut short
    job_id = services.pipeline.queue_step(JobStep.TRANSCRIBE, vid)
    services.pipeline.run_pending(workers=1)
    job = services.jobs.get(job_id)
    assert job.state == JobState.FAILED and "damaged or incomplete" in (job.error or "")


def test_cli_transcribe_and_transcript_formats(services: Services, capsys: pytest.CaptureFixture[str]) -> None:
    vid = add_clip(services, "beta_blockers", title="Beta blockers in 20 seconds",
                   caption="Metoprolol basics for your cardiology block", hashtags=["pharmacology"])
    services.close()  # the CLI builds its own services on the same home
    assert cli_main(["transcribe", str(vid)]) == 0
    assert f"{vid}\ttranscribed" in capsys.readouterr().out
    assert cli_main(["transcript", str(vid), "--format", "vtt"]) == 0
    vtt = capsys.readouterr().out
    assert vtt.startswith("WEBVTT") and " --> " in vtt and "metoprolol" in vtt.lower()
    assert cli_main(["transcript", str(vid), "--format", "srt"]) == 0
    srt = capsys.readouterr().out
    assert srt.startswith("1\n00:00:") and "," in srt.splitlines()[1]
    assert cli_main(["transcribe", "--all"]) == 0  # nothing left without a transcript
    assert "nothing to transcribe" in capsys.readouterr().out
    assert cli_main(["transcript", "999"]) == 1
    assert cli_main(["models", "--json"]) == 0
    assert '"tiny.en"' in capsys.readouterr().out
