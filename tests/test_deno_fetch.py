"""yt-dlp's JS runtime fetched on the first YouTube link where the app did not ship one (issue 17, bundle size):
from a local server standing in for PyPI, verified against the pinned sha256, resumed after a drop, and never
fetched for a non-YouTube link."""

from __future__ import annotations

import hashlib
import io
import stat
import sys
import zipfile
from pathlib import Path

import pytest

from studycompanion.core.capture import deno_fetch, env
from studycompanion.core.capture.deno_fetch import DENO_VERSION, DenoUnavailable, DenoWheel, fetch_deno
from studycompanion.core.capture.download import Capturer
from studycompanion.core.capture.options import DownloadProgress
from studycompanion.core.settings import Settings
from studycompanion.paths import AppPaths
from tests.httpserver import ClipServer, Route

ROOT = Path(__file__).resolve().parent.parent

BINARY = b"#!/bin/sh\necho deno " + DENO_VERSION.encode() + b"\n" + b"#" * 300_000  # padded: the drop test


def _wheel() -> bytes:
    buf = io.BytesIO()
    name = "deno.exe" if sys.platform == "win32" else "deno"
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("deno/__init__.py", "")
        zf.writestr(f"deno-{DENO_VERSION}.data/scripts/{name}", BINARY)
    return buf.getvalue()


@pytest.fixture
def pypi(clip_server: ClipServer, monkeypatch: pytest.MonkeyPatch) -> tuple[ClipServer, bytes]:
    body = _wheel()
    path = f"ab/cd/deno-{DENO_VERSION}-py3-none-test.whl"
    monkeypatch.setattr(deno_fetch, "WHEELS", {deno_fetch.platform_key(): DenoWheel(
        path, hashlib.sha256(body).hexdigest(), len(body))})
    monkeypatch.setattr(env, "_installed_deno", lambda: None)  # as in the bundle: no wheel, no system deno
    clip_server.add(f"/packages/{path}", Route(body=body, chunk=16_384))
    return clip_server, body


def test_the_pinned_wheels_cover_the_desktop_platforms() -> None:
    assert set(deno_fetch.WHEELS) >= {("linux", "x86_64"), ("darwin", "arm64"), ("darwin", "x86_64"),
                                      ("win32", "x86_64")}
    for wheel in deno_fetch.WHEELS.values():
        assert len(wheel.sha256) == 64 and wheel.size > 30_000_000
        assert wheel.filename.startswith(f"deno-{DENO_VERSION}-")


def test_deno_is_fetched_once_verified_and_used(pypi: tuple[ClipServer, bytes], tmp_path: Path) -> None:
    server, _ = pypi
    assert env.deno_exe(tmp_path) is None
    seen: list[tuple[int, int]] = []
    path = fetch_deno(tmp_path, base_url=f"{server.base_url}/packages", progress=lambda d, t, _n: seen.append((d, t)))
    assert path.read_bytes() == BINARY
    if sys.platform != "win32":
        assert path.stat().st_mode & stat.S_IXUSR
    assert env.deno_exe(tmp_path) == str(path), "yt-dlp is handed the fetched deno"
    assert seen and seen[-1][0] == seen[-1][1], "progress reaches the whole size"
    assert not list((tmp_path / "tools" / ".partial").iterdir()), "the wheel is not kept, only the binary"
    fetch_deno(tmp_path, base_url=f"{server.base_url}/packages")
    assert len([r for r in server.requests if r.path.endswith(".whl")]) == 1, "the second call fetches nothing"


def test_a_damaged_download_is_refused(pypi: tuple[ClipServer, bytes], tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    server, body = pypi
    wheel = next(iter(deno_fetch.WHEELS.values()))
    monkeypatch.setattr(deno_fetch, "WHEELS", {deno_fetch.platform_key(): DenoWheel(wheel.path, "0" * 64, len(body))})
    with pytest.raises(DenoUnavailable, match="damaged"):
        fetch_deno(tmp_path, base_url=f"{server.base_url}/packages")
    assert env.deno_exe(tmp_path) is None
    assert not list((tmp_path / "tools" / ".partial").glob("*.whl*")), "the bad file is not kept"


def test_a_dropped_fetch_resumes(clip_server: ClipServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = _wheel()
    path = "ef/01/deno-drop.whl"
    monkeypatch.setattr(deno_fetch, "WHEELS", {deno_fetch.platform_key(): DenoWheel(
        path, hashlib.sha256(body).hexdigest(), len(body))})
    clip_server.add(f"/packages/{path}", Route(body=body, chunk=16_384, drop_after=100_000, drop_times=1))
    assert fetch_deno(tmp_path, base_url=f"{clip_server.base_url}/packages").read_bytes() == BINARY
    ranges = [r.headers.get("range") for r in clip_server.requests_for(f"/packages/{path}")]
    assert ranges[0] is None and ranges[1] and int(ranges[1].split("=")[1].rstrip("-")) > 0


def test_offline_says_what_youtube_needs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(env, "_installed_deno", lambda: None)
    with pytest.raises(DenoUnavailable, match="YouTube links need deno") as caught:
        fetch_deno(tmp_path, base_url="http://127.0.0.1:9/packages", timeout=2)
    assert "once" in caught.value.message


def test_an_unknown_platform_says_how_to_get_deno(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deno_fetch, "platform_key", lambda: ("sunos5", "sparc"))
    with pytest.raises(DenoUnavailable, match=r"deno\.com"):
        fetch_deno(tmp_path)


def test_a_youtube_download_fetches_it_first_and_a_file_link_never(pypi: tuple[ClipServer, bytes], tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    server, _ = pypi
    monkeypatch.setattr(deno_fetch, "PYPI_FILES", f"{server.base_url}/packages")
    downloader = Capturer(AppPaths(tmp_path), Settings())
    server.add("/clip.mp4", Route(status=404))
    with pytest.raises(Exception):  # noqa: B017, PT011 - the 404 itself is test_capture_errors' business
        downloader.download(f"{server.base_url}/clip.mp4", tmp_path / "clip")
    assert env.deno_exe(tmp_path) is None, "a direct file link never fetches deno"
    notes: list[DownloadProgress] = []
    with pytest.raises(Exception):  # noqa: B017, PT011 - youtube.com itself is out of reach in tests
        downloader.download("https://www.youtube.com/shorts/dQw4w9WgXcQ", tmp_path / "yt", progress_cb=notes.append)
    assert env.deno_exe(tmp_path), "the YouTube link fetched deno before yt-dlp ran"
    assert notes and notes[0].message().startswith("Fetching YouTube support (deno, once): ")


def test_a_youtube_download_goes_on_without_it_when_pypi_is_out_of_reach(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(env, "_installed_deno", lambda: None)
    monkeypatch.setattr(deno_fetch, "PYPI_FILES", "http://127.0.0.1:9/packages")
    downloader = Capturer(AppPaths(tmp_path), Settings())
    with caplog.at_level("WARNING"), pytest.raises(Exception) as caught:  # noqa: PT011 - youtube.com is out of reach
        downloader.download("https://www.youtube.com/shorts/dQw4w9WgXcQ", tmp_path / "yt")
    assert not isinstance(caught.value, DenoUnavailable), "yt-dlp was still tried"
    assert "without a JS runtime" in caplog.text


def test_a_second_process_waits_for_the_first_fetch(pypi: tuple[ClipServer, bytes], tmp_path: Path) -> None:
    """The window and a CLI `add` fetching at once: one request, both get the binary (a file lock, not a thread
    lock)."""
    import subprocess
    import sys as _sys

    server, body = pypi
    wheel = next(iter(deno_fetch.WHEELS.values()))
    server.add(f"/packages/{wheel.path}", Route(body=body, chunk=16_384, delay=0.01))
    script = f"""
import sys
from pathlib import Path
from studycompanion.core.capture import deno_fetch
deno_fetch.WHEELS = {{deno_fetch.platform_key(): deno_fetch.DenoWheel({wheel.path!r}, {wheel.sha256!r}, {wheel.size})}}
print(deno_fetch.fetch_deno(Path({str(tmp_path)!r}), base_url={server.base_url + "/packages"!r}))
"""
    procs = [subprocess.Popen([_sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, cwd=ROOT) for _ in range(2)]
    outs = [p.communicate(timeout=60) for p in procs]
    assert all(p.returncode == 0 for p in procs), [e[-1500:] for _, e in outs]
    assert {o.strip() for o, _ in outs} == {str(deno_fetch.fetched_deno(tmp_path))}
    assert len(server.requests_for(f"/packages/{wheel.path}")) == 1


def test_waiting_for_another_fetch_can_be_cancelled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading
    import time

    from studycompanion.core.errors import JobCancelled
    from studycompanion.core.filelock import locked

    monkeypatch.setattr(env, "_installed_deno", lambda: None)
    cancel = threading.Event()
    with locked(tmp_path / "tools" / ".deno.lock"):  # another download is fetching
        threading.Timer(0.3, cancel.set).start()
        started = time.monotonic()
        with pytest.raises(JobCancelled):
            fetch_deno(tmp_path, cancel=cancel, base_url="http://127.0.0.1:9/packages")
    assert time.monotonic() - started < 2


def test_a_whole_partial_file_is_verified_not_fetched_again(clip_server: ClipServer, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    body = _wheel()
    path = "cc/dd/deno-whole.whl"
    monkeypatch.setattr(deno_fetch, "WHEELS", {deno_fetch.platform_key(): DenoWheel(
        path, hashlib.sha256(body).hexdigest(), len(body))})
    staging = tmp_path / "tools" / ".partial"
    staging.mkdir(parents=True)
    (staging / (path.rsplit("/", 1)[-1] + ".part")).write_bytes(body)  # a crash after the last byte
    assert fetch_deno(tmp_path, base_url=f"{clip_server.base_url}/packages").read_bytes() == BINARY
    assert clip_server.requests_for(f"/packages/{path}") == []


def test_two_youtube_downloads_at_once_fetch_it_once(clip_server: ClipServer, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    body = _wheel()
    path = "aa/bb/deno-slow.whl"
    monkeypatch.setattr(deno_fetch, "WHEELS", {deno_fetch.platform_key(): DenoWheel(
        path, hashlib.sha256(body).hexdigest(), len(body))})
    clip_server.add(f"/packages/{path}", Route(body=body, chunk=16_384, delay=0.01))  # ~0.2 s: the two overlap
    got: list[Path] = []
    base = f"{clip_server.base_url}/packages"
    threads = [threading.Thread(target=lambda: got.append(fetch_deno(tmp_path, base_url=base))) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(got) == 2 and got[0] == got[1] and got[0].read_bytes() == BINARY
    assert len(clip_server.requests_for(f"/packages/{path}")) == 1
