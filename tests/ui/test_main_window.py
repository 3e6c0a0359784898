"""The main window end to end: add a clip from a local site, search, tag, cancel a job, first run, saved layout."""
# ruff: noqa: F811  (pytest fixtures imported from tests.ui.window_fixtures are parameters here)

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from studycompanion.core.types import JobState, JobStep, Segment, VideoStatus
from studycompanion.services import Services, build_services
from studycompanion.ui.library.model import CLIP_IDS_MIME, QueryKind
from studycompanion.ui.library.sidebar import NavKind, NavTarget
from studycompanion.ui.shell.main_window import MainWindow
from studycompanion.ui.shell.window_state import WindowState
from tests.conftest_http import PAGE_DESCRIPTION, PAGE_TITLE
from tests.httpserver import ClipServer, og_page
from tests.ui.window_fixtures import WindowFactory, make_window, window  # noqa: F401


def _queued(services: Services, pid: str, title: str, *, platform: str = "tiktok") -> int:
    video, _ = services.library.create_queued(platform, pid, f"https://www.tiktok.com/@doc/video/{pid}")
    assert video.id is not None
    services.library.update_metadata(video.id, title=title)
    services.library.set_status(video.id, VideoStatus.READY)
    return video.id


def _titles(win: MainWindow) -> list[str]:
    model = win.library_model
    items = [model.item(r) for r in range(model.rowCount())]
    return [it.title for it in items if it is not None]


@pytest.mark.slow
def test_paste_a_link_and_the_clip_goes_through_the_pipeline(qtbot: QtBot, make_window: WindowFactory,
                                                              services: Services, clip_site: ClipServer,
                                                              speech_clip: Path) -> None:
    # a page with real speech, so that transcription and cards have something to work on
    clip_site.add_file("/murmurs.mp4", speech_clip.read_bytes())
    clip_site.add_page("/murmurs.html", og_page(clip_site.url("/murmurs.mp4"), PAGE_TITLE, PAGE_DESCRIPTION,
                                                clip_site.url("/thumb.jpg")))
    win = make_window(pipeline=True)
    assert win.library_view.stack.currentWidget() is win.library_view.empty  # first run: the welcome page
    url = clip_site.url("/murmurs.html")
    QGuiApplication.clipboard().setText(url)
    qtbot.keyClick(win.library_view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # Ctrl+V anywhere

    # the clip appears at once, before its download finished
    qtbot.waitUntil(lambda: win.library_model.rowCount() == 1, timeout=5000)
    assert win.library_view.stack.currentWidget() is win.library_view.view
    video_id = services.library.list_videos()[0].id
    assert video_id is not None

    def all_done() -> bool:
        jobs = services.jobs.list_jobs(video_id=video_id)
        return bool(jobs) and all(j.state in (JobState.DONE, JobState.FAILED) for j in jobs) and \
            {j.step for j in jobs} == {JobStep.CAPTURE, JobStep.TRANSCRIBE, JobStep.CARDS}

    qtbot.waitUntil(all_done, timeout=120_000)
    jobs = services.jobs.list_jobs(video_id=video_id)
    assert all(j.state == JobState.DONE for j in jobs), [(j.step, j.error) for j in jobs]
    # the card shows the downloaded clip: its page title, a finished status, no progress badge, its thumbnail
    qtbot.waitUntil(lambda: _titles(win) == [PAGE_TITLE], timeout=5000)
    qtbot.waitUntil(lambda: (it := win.library_model.item(0)) is not None and it.status == VideoStatus.CARDS,
                    timeout=5000)
    item = win.library_model.item(0)
    assert item is not None and item.thumbnail
    qtbot.waitUntil(lambda: win.library_model.job_badge(video_id) is None, timeout=5000)
    qtbot.waitUntil(lambda: win.library_model.data(win.library_model.index(0), win.library_model.ThumbRole)
                    is not None, timeout=5000)
    # the Jobs page lists the three steps, done, under the clip's title
    win.show_view("jobs")
    qtbot.waitUntil(lambda: sum(1 for r in win.jobs_view.model.rows if r.job.video_id == video_id) == 3,
                    timeout=5000)
    qtbot.waitUntil(lambda: all(r.clip == PAGE_TITLE for r in win.jobs_view.model.rows), timeout=5000)


def test_search_narrows_the_view_and_opens_the_clip_at_the_second(qtbot: QtBot, services: Services,
                                                                  make_window: WindowFactory) -> None:
    a = _queued(services, "1001", "Heart murmurs for Step 1")
    b = _queued(services, "1002", "Loop diuretics in 60 seconds")
    _queued(services, "1003", "DKA made simple")
    services.library.set_transcript(b, [Segment(0.0, 3.0, "Loop diuretics act on the thick ascending limb."),
                                        Segment(3.0, 7.5, "Furosemide causes hypokalemia and ototoxicity.")])
    win = make_window()
    qtbot.waitUntil(lambda: len(_titles(win)) == 3, timeout=5000)

    qtbot.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Ctrl+F focuses the search box
    qtbot.waitUntil(win.search.hasFocus, timeout=2000)
    qtbot.keyClicks(win.search, "murmur")
    qtbot.waitUntil(lambda: _titles(win) == ["Heart murmurs for Step 1"], timeout=5000)
    assert win.library_model.query.kind == QueryKind.SEARCH
    assert win.library_view.count_label.text() == "1 match"
    assert "[" in (win.library_model.item(0).snippet or "")  # type: ignore[union-attr]

    win.search.clear()
    qtbot.keyClicks(win.search, "furosem")  # a word said in the transcript, typed halfway
    qtbot.waitUntil(lambda: _titles(win) == ["Loop diuretics in 60 seconds"], timeout=5000)
    hit = win.library_model.item(0)
    assert hit is not None and hit.seconds == pytest.approx(3.0) and "Furosemide" in hit.snippet

    opened: list[tuple[int, float | None]] = []
    win.clip_view.show_clip = lambda vid, at=None: opened.append((vid, at))  # type: ignore[method-assign]
    qtbot.keyClick(win.search, Qt.Key.Key_Return)  # Enter moves into the results
    qtbot.waitUntil(win.library_view.view.hasFocus, timeout=2000)
    qtbot.keyClick(win.library_view.view, Qt.Key.Key_Return)  # and Enter opens the clip at the second
    assert opened == [(b, pytest.approx(3.0))]
    assert win.current_page() == "clip"

    win.close_clip()
    win.search.clear()  # clearing shows the whole library again
    qtbot.waitUntil(lambda: len(_titles(win)) == 3, timeout=5000)
    assert win.library_model.query.kind == QueryKind.ALL
    assert a in [win.library_model.item(r).id for r in range(3)]  # type: ignore[union-attr]


def test_tags_assigned_in_the_ui_persist(qtbot: QtBot, services: Services, make_window: WindowFactory,
                                         monkeypatch: pytest.MonkeyPatch, home: object) -> None:
    vid = _queued(services, "2001", "Heart murmurs for Step 1")
    other = _queued(services, "2002", "Beta blockers you need to know")
    win = make_window()
    qtbot.waitUntil(lambda: len(_titles(win)) == 2, timeout=5000)
    row = win.library_model.row_of(vid)
    assert row is not None
    win.library_view.select_row(row)

    # the context menu's "Add tags…" asks for names, then tags the selection in the background
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Cardio::Murmurs, #step1", True))
    menu = win.library_view.clip_actions.menu(win.library_view, win.library_view.selected_items())
    next(a for a in menu.actions() if a.text() == "Add tags…").trigger()
    qtbot.waitUntil(lambda: services.library.tags.tags_for(vid) == ["Cardio::Murmurs", "step1"], timeout=5000)
    qtbot.waitUntil(lambda: set(win.sidebar.tag_names()) == {"Cardio", "Cardio::Murmurs", "step1"}, timeout=5000)
    assert win.sidebar._tag_items["Cardio"].text(1) == "1"

    # dropping a clip on a tag in the sidebar tags it too
    mime = QMimeData()
    mime.setData(CLIP_IDS_MIME, f"[{other}]".encode())
    target = win.sidebar._tag_items["step1"]
    pos = win.sidebar.visualItemRect(target).center()
    drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    win.sidebar.dropEvent(drop)
    qtbot.waitUntil(lambda: services.library.tags.tags_for(other) == ["step1"], timeout=5000)
    qtbot.waitUntil(lambda: win.sidebar._tag_items.get("step1") is not None
                    and win.sidebar._tag_items["step1"].text(1) == "2", timeout=5000)

    # choosing a tag in the sidebar filters the library to its clips
    win.sidebar.setCurrentItem(win.sidebar._tag_items["Cardio"])
    qtbot.waitUntil(lambda: _titles(win) == ["Heart murmurs for Step 1"], timeout=5000)
    win.close()

    # a fresh start on the same library shows them again
    again = build_services(services.paths)
    try:
        win2 = make_window(svc=again)
        qtbot.waitUntil(lambda: set(win2.sidebar.tag_names()) == {"Cardio", "Cardio::Murmurs", "step1"},
                        timeout=5000)
        qtbot.waitUntil(lambda: win2.library_model.item(win2.library_model.row_of(vid) or 0) is not None,
                        timeout=5000)
        item = win2.library_model.item(win2.library_model.row_of(vid))  # type: ignore[arg-type]
        assert item is not None and item.tags == ("Cardio::Murmurs", "step1")
        win2.close()
    finally:
        again.close()


def test_cancel_a_running_job_from_the_jobs_page(qtbot: QtBot, services: Services, make_window: WindowFactory,
                                                 clip_site: ClipServer) -> None:
    win = make_window(pipeline=True)
    win.adding.add_text(clip_site.url("/stall.mp4"))  # the download stalls: the job keeps running
    qtbot.waitUntil(lambda: win.library_model.rowCount() == 1, timeout=5000)
    win.show_view("jobs")
    assert win.current_page() == "jobs"

    def running_row() -> int | None:
        for i, row in enumerate(win.jobs_view.model.rows):
            if row.job.state == JobState.RUNNING and row.job.step == JobStep.CAPTURE:
                return i
        return None

    qtbot.waitUntil(lambda: running_row() is not None, timeout=20_000)
    job = win.jobs_view.model.job_at(running_row() or 0)
    assert job is not None and job.id is not None
    video_id = job.video_id
    assert video_id is not None
    qtbot.waitUntil(lambda: (b := win.library_model.job_badge(video_id)) is not None
                    and b.state == JobState.RUNNING, timeout=5000)
    win.jobs_view.select_job(job.id)
    assert win.jobs_view.cancel_button.isEnabled() and not win.jobs_view.retry_button.isEnabled()
    qtbot.mouseClick(win.jobs_view.cancel_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: services.jobs.get(job.id).state == JobState.CANCELLED, timeout=5000)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: win.jobs_view.model.job_at(win.jobs_view.model.row_of(job.id) or 0).state  # type: ignore[union-attr,arg-type]
                    == JobState.CANCELLED, timeout=5000)
    qtbot.waitUntil(lambda: win.library_model.job_badge(video_id) is None, timeout=5000)
    assert win.jobs_view.retry_button.isEnabled() and not win.jobs_view.cancel_button.isEnabled()
    assert "Cancelled" in win.jobs_view.details_text.text()
    # the clip stays in the library, waiting for a retry
    assert services.library.get(video_id).status == VideoStatus.QUEUED

    # Retry queues it again: the download starts over (and is cancelled again to end the test)
    qtbot.mouseClick(win.jobs_view.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: services.jobs.get(job.id).state == JobState.RUNNING, timeout=10_000)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: win.jobs_view.cancel_button.isEnabled(), timeout=5000)
    qtbot.mouseClick(win.jobs_view.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: services.jobs.get(job.id).state == JobState.CANCELLED, timeout=5000)  # type: ignore[arg-type]


def test_a_failed_job_shows_its_error_and_copies_the_details(qtbot: QtBot, services: Services,
                                                             make_window: WindowFactory) -> None:
    vid = _queued(services, "3001", "A private clip")
    job = services.jobs.enqueue(JobStep.CAPTURE, vid, {})
    assert services.jobs.claim_next([JobStep.CAPTURE]) is not None
    assert job.id is not None
    services.jobs.fail(job.id, "This video is private.", "yt-dlp: ERROR: status code 10204")
    win = make_window()
    win.show_view("jobs")
    qtbot.waitUntil(lambda: win.jobs_view.select_job(job.id or 0), timeout=5000)
    assert "This video is private." in win.jobs_view.details_text.text()
    assert win.jobs_view.copy_button.isEnabled()
    qtbot.mouseClick(win.jobs_view.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert "This video is private." in copied and "status code 10204" in copied


def test_window_layout_is_restored_from_the_data_folder(qtbot: QtBot, services: Services,
                                                        make_window: WindowFactory) -> None:
    win = make_window()
    win.splitter.setSizes([300, 980])
    win.set_grid(False)
    saved = win.splitter.sizes()
    win.close()
    assert (services.paths.root / "window.ini").is_file()  # in the data folder, not the user's Qt settings
    stored = WindowState(services.paths)
    assert stored.sizes("splitter") == saved and stored.bytes("geometry") is not None
    win2 = make_window()
    # the sidebar gets its saved width back, as far as the (offscreen, 800 px) screen leaves room for the pages
    total = sum(win2.splitter.sizes())
    room = total - max(win2.splitter.widget(1).minimumSizeHint().width(), 300)
    assert win2.splitter.sizes()[0] == max(180, min(saved[0], room))
    assert not win2.library_view.grid and win2.list_action.isChecked()


def test_dropping_a_file_adds_it(qtbot: QtBot, services: Services, window: MainWindow, sample_mp4: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(sample_mp4))])
    drop = QDropEvent(QPointF(QPoint(400, 300)), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: window.library_model.rowCount() == 1, timeout=10_000)
    video = services.library.list_videos()[0]
    assert video.platform == "local" and video.status == VideoStatus.READY
    assert "Added 1 clip" in window.message_bar.text.text()


def test_sidebar_navigation_and_favourites(qtbot: QtBot, services: Services, make_window: WindowFactory) -> None:
    a = _queued(services, "4001", "Asthma stepwise therapy")
    _queued(services, "4002", "Gout flares")
    win = make_window()
    qtbot.waitUntil(lambda: len(_titles(win)) == 2, timeout=5000)
    win.library_view.clip_actions.set_favourite([a], True)
    qtbot.waitUntil(lambda: win.sidebar.favourites_item.text(1) == "1", timeout=5000)
    win.sidebar.setCurrentItem(win.sidebar.favourites_item)
    qtbot.waitUntil(lambda: _titles(win) == ["Asthma stepwise therapy"], timeout=5000)
    assert win.library_view.title.text() == "Favourites"
    win.sidebar.setCurrentItem(win.sidebar.foryou_item)
    assert win.current_page() == "foryou"
    foryou = win.foryou_view
    ranked = lambda: len(foryou.items())  # noqa: E731
    qtbot.waitUntil(lambda: ranked() == 2, timeout=10_000)
    win.navigate(NavTarget(NavKind.JOBS))
    assert win.current_page() == "jobs"
    win.sidebar.setCurrentItem(win.sidebar.review_item)
    assert win.current_page() == "review"
