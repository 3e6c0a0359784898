"""Queueing an import: one transaction per chunk, progress, favourites keep their date, index rows, jobs."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import event, text

from studycompanion.core.capture.importers import ImportChoice, read_import
from studycompanion.core.capture.queueing import queue_batch
from studycompanion.core.db import search_index
from studycompanion.core.types import JobState, JobStep, VideoStatus
from studycompanion.services import Services


def export(path: Path, favs: int, likes: int) -> Path:
    data = {"Activity": {
        "Favorite Videos": {"FavoriteVideoList": [
            {"Date": "2024-03-01 18:22:05", "Link": f"https://www.tiktokv.com/share/video/{7300000000000000000 + i}/"}
            for i in range(favs)]},
        "Like List": {"ItemFavoriteList": [
            {"Date": "2024-02-01 09:00:00", "Link": f"https://www.tiktokv.com/share/video/{7400000000000000000 + i}/"}
            for i in range(likes)]}}}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_one_transaction_per_chunk_with_progress(services: Services, tmp_path: Path) -> None:
    batch = read_import(export(tmp_path / "u.json", 700, 500), choice=ImportChoice.BOTH)
    commits: list[int] = []
    event.listen(services.db.engine, "commit", lambda conn: commits.append(1))
    seen: list[tuple[int, int]] = []
    result = queue_batch(batch, services.library, services.pipeline, progress=lambda d, t: seen.append((d, t)),
                         chunk=500)
    assert len(result.new) == len(result.jobs) == 1200
    assert len(commits) == 3  # 1,200 links: three chunks, one commit each (not three per link)
    assert seen == [(0, 1200), (500, 1200), (1000, 1200), (1200, 1200)]
    again = queue_batch(batch, services.library, services.pipeline)
    assert again.new == [] and sorted(again.existing) == sorted(result.new)


def test_queued_rows_are_what_the_single_path_writes(services: Services, tmp_path: Path) -> None:
    batch = read_import(export(tmp_path / "u.json", 2, 1), choice=ImportChoice.BOTH)
    result = queue_batch(batch, services.library, services.pipeline, transcribe=True, cards=False)
    fav = services.library.get(result.new[0])
    like = services.library.get(result.new[2])
    assert fav.status == VideoStatus.QUEUED and fav.favourite and fav.favourited_at is not None
    assert fav.favourited_at.replace(tzinfo=None).isoformat() == "2024-03-01T18:22:05"
    assert not like.favourite and like.favourited_at is None
    jobs = {j.video_id: j for j in services.jobs.list_jobs()}
    assert all(jobs[v].step == JobStep.CAPTURE and jobs[v].state == JobState.QUEUED for v in result.new)
    assert jobs[fav.id].payload == {"then": ["transcribe"], "discard_on_failure": False}
    # the index row is the one search_index.reindex writes, so search finds the clip by its link at once
    with services.db.session() as s:
        before = s.execute(text("SELECT * FROM clip_fts WHERE rowid = :id"), {"id": fav.id}).all()
        search_index.reindex(s, fav.id)
        after = s.execute(text("SELECT * FROM clip_fts WHERE rowid = :id"), {"id": fav.id}).all()
    assert before == after and len(before) == 1
