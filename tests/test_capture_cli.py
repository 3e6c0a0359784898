"""End to end over a local server: `add URL`, `import FILE`, the capture step in the pipeline (cancel, retry)."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path
from typing import Any

import pytest

from studycompanion.cli import main
from studycompanion.core import media
from studycompanion.core.capture.step import incoming_dir
from studycompanion.core.types import JobState, VideoStatus
from studycompanion.paths import AppPaths
from studycompanion.services import Services, build_services
from tests.conftest_http import PAGE_TITLE
from tests.httpserver import ClipServer

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any, str]:
    capsys.readouterr()
    rc = main(list(argv))
    out = capsys.readouterr()
    return rc, json.loads(out.out) if out.out.strip() else None, out.err


def media_files(home: AppPaths) -> list[Path]:
    return sorted(p for p in home.media.rglob("*") if p.is_file()) if home.media.exists() else []


def library_rows(home: AppPaths) -> list[tuple[Any, ...]]:
    svc = build_services(home)
    try:
        return [(v.id, v.platform, v.platform_id, v.status.value, v.media_file) for v in svc.library.list_videos()]
    finally:
        svc.close()


def test_add_page_stores_a_playable_clip(home: AppPaths, clip_site: ClipServer,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = run_json(capsys, "add", clip_site.url("/page.html"), "--no-transcribe", "--json")
    assert rc == 0, err
    assert out[0]["created"] and out[0]["error"] is None
    svc = build_services(home)
    try:
        video = svc.library.get(out[0]["id"])
        assert video.status == VideoStatus.READY
        assert video.title == PAGE_TITLE
        assert video.hashtags == ["cardiology", "physiology", "medschool"]
        assert video.platform == "web" and video.source_url == clip_site.url("/page.html")
        path = svc.library.media_path(video)
        info = media.probe(path)
        assert info.has_video and info.has_audio and info.duration == pytest.approx(1.5, abs=0.1)
        assert video.thumbnail_file and (home.media / video.thumbnail_file).exists()
        assert video.info_file and json.loads((home.media / video.info_file).read_text())["title"] == PAGE_TITLE
    finally:
        svc.close()
    assert not list((home.media / ".incoming").glob("capture-*"))
    # the same page again is the same clip
    rc, out, _ = run_json(capsys, "add", clip_site.url("/page.html?utm_source=chat"), "--no-transcribe", "--json")
    assert rc == 0 and out[0]["created"] is False


def test_failed_adds_leave_the_library_as_it_was(home: AppPaths, clip_site: ClipServer,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    rc, _, err = run_json(capsys, "add", clip_site.url("/clip.mp4"), "--no-transcribe", "--json")
    assert rc == 0, err
    before_rows, before_files = library_rows(home), media_files(home)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    messages = {}
    for name, url in {
        "dead": clip_site.url("/missing.html"),
        "no video": clip_site.url("/novideo.html"),
        "unsupported": "https://www.tiktok.com/@someone",
        "unreachable": f"http://127.0.0.1:{closed}/clip.mp4",
    }.items():
        capsys.readouterr()
        rc = main(["add", url, "--no-transcribe"])
        err = capsys.readouterr().err
        assert rc == 1, name
        lines = [line for line in err.splitlines() if line.startswith("error:")]
        assert len(lines) == 1, err
        messages[name] = lines[0]
        assert library_rows(home) == before_rows, name
        assert media_files(home) == before_files, name
    assert "404" in messages["dead"]
    assert "No video" in messages["no video"]
    assert "not a single video" in messages["unsupported"]
    assert "Could not reach" in messages["unreachable"]
    assert len({m.split(": ", 2)[-1] for m in messages.values()}) == 4  # each its own message


def write_export(path: Path, links: list[str], likes: list[str] = ()) -> Path:  # type: ignore[assignment]
    data = {"Activity": {
        "Favorite Videos": {"FavoriteVideoList": [{"Date": f"2024-03-0{i + 1} 10:00:00", "Link": link}
                                                  for i, link in enumerate(links)]},
        "Like List": {"ItemFavoriteList": [{"Date": "2024-01-01 10:00:00", "Link": link} for link in likes]},
    }}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_import_tiktok_export_queue_only_twice(home: AppPaths, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    favs = [f"https://www.tiktokv.com/share/video/730000000000000000{i}/" for i in range(3)]
    export = write_export(tmp_path / "user_data_tiktok.json", [*favs, favs[0], "nonsense"],
                          likes=["https://www.tiktok.com/@a/video/7400000000000000001"])
    rc, out, err = run_json(capsys, "import", str(export), "--queue-only", "--json")
    assert rc == 0, err
    assert (out["new"], out["existing"], out["invalid"]) == (3, 0, 1)
    assert out["invalid_entries"] == [{"position": "Activity › Favorite Videos › FavoriteVideoList[4]",
                                       "raw": "nonsense", "reason": "'nonsense' is not a link."}]
    assert out["duplicates_in_file"] == 1 and out["skipped_likes"] == 1 and out["downloaded"] == 0
    rc, listed, _ = run_json(capsys, "list", "--json")
    assert sorted(v["status"] for v in listed) == ["queued"] * 3
    assert all(v["favourite"] and v["favourited_at"].startswith("2024-03-0") for v in listed)
    assert {v["platform_id"] for v in listed} == {f"730000000000000000{i}" for i in range(3)}
    # the same export again adds nothing; a different link form of the same clip is no new clip either
    rc, out, _ = run_json(capsys, "import", str(export), "--queue-only", "--json")
    assert (out["new"], out["existing"]) == (0, 3)
    other = tmp_path / "links.txt"
    other.write_text("https://www.tiktok.com/@dr/video/7300000000000000001\n", encoding="utf-8")
    rc, out, _ = run_json(capsys, "import", str(other), "--queue-only", "--json")
    assert (out["new"], out["existing"]) == (0, 1)
    rc, out, _ = run_json(capsys, "import", str(export), "--queue-only", "--likes", "--json")
    assert (out["new"], out["existing"]) == (1, 0)
    rc, listed, _ = run_json(capsys, "list", "--json")
    assert len(listed) == 4
    assert sum(1 for v in listed if not v["favourite"]) == 1  # a like is not a favourite


def test_import_links_downloads_with_bounded_concurrency(home: AppPaths, clip_site: ClipServer, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    links = tmp_path / "links.txt"
    links.write_text(
        f"# cardio\n{clip_site.url('/clip.mp4')}\n{clip_site.url('/page.html')}\nnot a link\n"
        f"{clip_site.url('/missing.html')}\n{clip_site.url('/slow.mp4')}\n",
        encoding="utf-8",
    )
    rc, out, _ = run_json(capsys, "import", str(links), "--no-transcribe", "--json")
    assert rc == 1  # one download failed
    assert (out["new"], out["existing"], out["invalid"]) == (4, 0, 1)
    assert out["invalid_entries"][0]["position"] == "line 4"
    assert out["downloaded"] == 3
    assert len(out["failed"]) == 1 and "404" in out["failed"][0]["error"]
    rc, listed, _ = run_json(capsys, "list", "--json")
    status = {v["source_url"]: v["status"] for v in listed}
    assert status[clip_site.url("/missing.html")] == "failed"  # a queued clip fails with its reason
    assert sorted(status.values()) == ["failed", "ready", "ready", "ready"]
    rc, out, _ = run_json(capsys, "import", str(links), "--no-transcribe", "--json")
    assert rc == 0 and (out["new"], out["existing"]) == (0, 4)


def wait_for(predicate: Any, timeout: float = 15.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError("condition not reached")


def test_pipeline_cancel_within_a_second_then_retry_resumes(services: Services, clip_server: ClipServer,
                                                            sample_mp4: Path) -> None:
    data = sample_mp4.read_bytes()
    url = clip_server.add_file("/slow.mp4", data, chunk=1024, delay=0.05)
    video, _ = services.library.create_queued("direct", url, url)
    job_id = services.pipeline.queue_capture(video, transcribe=False)
    services.pipeline.start(workers=1)
    wait_for(lambda: services.jobs.get(job_id).progress > 0)
    asked = time.monotonic()
    services.pipeline.cancel(job_id)
    wait_for(lambda: services.jobs.get(job_id).state == JobState.CANCELLED, timeout=5)
    assert time.monotonic() - asked < 1.0
    assert video.id is not None
    part = incoming_dir(services.paths, video.id) / "media.mp4.part"
    assert part.exists()  # kept: a retry continues from here
    services.pipeline.retry(job_id)
    wait_for(lambda: services.jobs.get(job_id).state == JobState.DONE, timeout=30)
    done = services.library.get(video.id)
    assert done.status == VideoStatus.READY
    assert services.library.media_path(done).read_bytes() == data
    ranges = [r.headers.get("range") for r in clip_server.requests_for("/slow.mp4")]
    assert any(r and not r.startswith("bytes=0-") for r in ranges), ranges
    assert not incoming_dir(services.paths, video.id).exists()


@pytest.mark.parametrize("concurrency", [1, 2])
def test_import_downloads_at_most_n_at_once(home: AppPaths, clip_server: ClipServer, sample_mp4: Path,
                                            tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            concurrency: int) -> None:
    from tests.httpserver import og_page

    data = sample_mp4.read_bytes()
    lines = []
    for i in range(4):
        video = clip_server.add_file(f"/v{i}.mp4", data, chunk=4096, delay=0.04)
        lines.append(clip_server.add_page(f"/p{i}.html", og_page(video, f"Clip {i}", "#slow")))
    links = tmp_path / "links.txt"
    links.write_text("\n".join(lines), encoding="utf-8")
    rc, out, err = run_json(capsys, "import", str(links), "--no-transcribe", "--json",
                            "--concurrency", str(concurrency))
    assert rc == 0, err
    assert out["downloaded"] == 4
    assert clip_server.max_active_media == concurrency


# ---- issue 17: --inspect / --both, standard input, own clips only -------------------------------------------


def test_import_inspect_both_and_stdin(home: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    favs = [f"https://www.tiktokv.com/share/video/730000000000000000{i}/" for i in range(2)]
    likes = [f"https://www.tiktokv.com/share/video/740000000000000000{i}/" for i in range(3)]
    export = write_export(tmp_path / "user_data_tiktok.json", favs, likes=[*likes, favs[0]])
    rc, out, _ = run_json(capsys, "import", str(export), "--inspect", "--json")
    assert rc == 0 and (out["favourites"], out["likes"], out["in_both"], out["both"]) == (2, 4, 1, 5)
    assert library_rows(home) == []  # inspecting imports nothing
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(export.read_bytes())))
    rc, out, err = run_json(capsys, "import", "-", "--both", "--queue-only", "--json")
    assert rc == 0, err
    assert (out["new"], out["in_both"], out["skipped_likes"], out["choice"]) == (5, 1, 0, "both")
    assert sum(1 for row in library_rows(home) if row[3] == "queued") == 5


def test_import_says_posts_are_skipped(home: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    posts = tmp_path / "export.txt"
    posts.write_text("".join(f"Date: 2023-01-0{i + 1} 00:00:00\nLink: https://www.tiktokv.com/share/video/"
                             f"710000000000000000{i}/\nLike(s): 4\n\n" for i in range(3)), encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(posts), "--queue-only"]) == 0
    out = capsys.readouterr().out
    assert "new: 0" in out and "3 of your own posts were skipped" in out
    assert library_rows(home) == []


def test_add_and_import_run_only_their_own_clips(home: AppPaths, clip_site: ClipServer, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    links = tmp_path / "later.txt"
    links.write_text(f"{clip_site.url('/slow.mp4')}\n", encoding="utf-8")
    rc, queued, _ = run_json(capsys, "import", str(links), "--queue-only", "--no-transcribe", "--json")
    assert rc == 0 and queued["new"] == 1
    rc, out, err = run_json(capsys, "add", clip_site.url("/clip.mp4"), "--no-transcribe", "--json")
    assert rc == 0, err
    mine = tmp_path / "mine.txt"
    mine.write_text(f"{clip_site.url('/page.html')}\n", encoding="utf-8")
    rc, out, err = run_json(capsys, "import", str(mine), "--no-transcribe", "--json")
    assert rc == 0 and out["downloaded"] == 1, err
    status = {row[0]: row[3] for row in library_rows(home)}
    assert status[queued["new_ids"][0]] == "queued"  # the earlier import's clip was left for `jobs run`
    assert not clip_site.requests_for("/slow.mp4")
    capsys.readouterr()
    assert main(["jobs", "run"]) == 0
    assert {row[0]: row[3] for row in library_rows(home)}[queued["new_ids"][0]] == "ready"
