"""The library model and grid at scale: lazy pages, bounded memory, the grid proxy, job badges, thumbnails."""

from __future__ import annotations

import threading

from PySide6.QtCore import QSize, QThread
from pytestqt.qtbot import QtBot

from studycompanion.core.db.tables import Job
from studycompanion.core.types import JobState, JobStep, VideoStatus
from studycompanion.services import Services
from studycompanion.ui.common.thumbnails import ThumbnailCache
from studycompanion.ui.common.worker import Worker
from studycompanion.ui.jobs.events import JobEvents
from studycompanion.ui.library.delegate import ClipDelegate
from studycompanion.ui.library.grid import ClipGridView
from studycompanion.ui.library.model import ClipSource, LibraryModel, LibraryQuery, QueryKind
from tests.ui.bulk_library import fill

N = 20_000


def _model(services: Services, worker: Worker) -> LibraryModel:
    thumbs = ThumbnailCache(worker)
    model = LibraryModel(ClipSource(services.library), worker, thumbs)
    thumbs.setParent(model)
    return model


def test_pages_are_read_lazily_and_memory_stays_bounded(qtbot: QtBot, services: Services) -> None:
    fill(services, N)
    worker = Worker()
    model = _model(services, worker)
    model.set_query(LibraryQuery())
    qtbot.waitUntil(lambda: not model.is_loading, timeout=10_000)
    assert model.rowCount() == N
    assert model.pages_read == 1  # the count and the first page only
    first = model.item(0)
    assert first is not None and first.title.endswith(f"#{N - 1}")  # newest first

    # a row far down is not read until asked for; then only its page arrives
    far = N - 5
    assert model.item(far) is None
    qtbot.waitUntil(lambda: model.item(far) is not None, timeout=5000)
    item = model.item(far)
    assert item is not None and item.title.endswith("#4")
    assert model.pages_read == 2

    # walking the whole list keeps at most MAX_PAGES pages in memory
    for page in range(0, N // model.PAGE, 7):
        model.item(page * model.PAGE)
    qtbot.waitUntil(lambda: not model._pending, timeout=20_000)
    assert len(model._pages) <= model.MAX_PAGES
    assert len(model._index.row_of_id) <= model.MAX_PAGES * model.PAGE
    worker.wait()


def test_the_grid_view_only_asks_for_visible_cells(qtbot: QtBot, services: Services) -> None:
    fill(services, N, thumbnails=True)
    worker = Worker()
    model = _model(services, worker)
    view = ClipGridView(model, ClipDelegate(thumbs=model.thumbs))
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    model.set_query(LibraryQuery())
    qtbot.waitUntil(lambda: model.rowCount() == N, timeout=10_000)
    columns = view.proxy.columns
    bar = view.style().pixelMetric(view.style().PixelMetric.PM_ScrollBarExtent)
    assert columns == (view.viewport().width() - (0 if view.verticalScrollBar().isVisible() else bar)) // 184
    assert view.proxy.rowCount() == -(-N // columns)

    # jump to the end: the last page is read, nothing in between
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.item(N - 1) is not None, timeout=5000)
    assert model.pages_read <= 4  # (the time it takes is bench/library_scale.py's, never asserted here)
    # cells map to model rows; the last row's trailing cells are empty and disabled
    last = view.proxy.cell(N - 1)
    assert view.proxy.source_row(last) == N - 1
    if N % columns:
        empty = view.proxy.index(last.row(), columns - 1)
        assert view.proxy.source_row(empty) is None and not view.proxy.flags(empty)
    # thumbnails of what is on screen get decoded
    qtbot.waitUntil(lambda: model.data(model.index(N - 1), model.ThumbRole) is not None, timeout=5000)

    # the list mode is one clip per row; the selection survives the switch
    view.select_source_rows([N - 2], N - 2)
    view.set_grid(False)
    assert view.proxy.columns == 1 and view.proxy.rowCount() == N
    assert view.selected_source_rows() == [N - 2]
    worker.wait()


def test_job_events_reach_the_ui_thread_and_badges_follow_them(qtbot: QtBot, services: Services) -> None:
    video, _ = services.library.create_queued("tiktok", "1", "https://www.tiktok.com/@a/video/1")
    assert video.id is not None
    worker = Worker()
    model = _model(services, worker)
    model.set_query(LibraryQuery())
    qtbot.waitUntil(lambda: model.rowCount() == 1 and model.item(0) is not None, timeout=5000)
    events = JobEvents(services.pipeline)
    got: list[tuple[Job, bool]] = []
    ui_thread = QThread.currentThread()
    events.job_changed.connect(lambda job: (got.append((job, QThread.currentThread() is ui_thread)),
                                            model.set_job(job)))

    def from_worker_thread() -> None:  # what the pipeline does while a job runs
        for p in (0.1, 0.2, 0.3, 0.4):
            services.pipeline._emit(Job(id=7, video_id=video.id, step=JobStep.CAPTURE, state=JobState.RUNNING,
                                        progress=p))

    t = threading.Thread(target=from_worker_thread)
    t.start()
    t.join()
    qtbot.waitUntil(lambda: bool(got), timeout=3000)
    assert all(on_ui for _, on_ui in got)
    assert len(got) == 1 and got[0][0].progress == 0.4  # a burst is coalesced to its latest state
    badge = model.job_badge(video.id)
    assert badge is not None and badge.label == "Downloading 40%"
    assert model.data(model.index(0), model.JobRole) == badge

    services.library.set_status(video.id, VideoStatus.FAILED, "This video is private.")
    services.pipeline._emit(Job(id=7, video_id=video.id, step=JobStep.CAPTURE, state=JobState.FAILED))
    qtbot.waitUntil(lambda: model.job_badge(video.id or 0) is None, timeout=3000)
    qtbot.waitUntil(lambda: (it := model.item(0)) is not None and it.status == VideoStatus.FAILED, timeout=3000)
    assert model.item(0).error == "This video is private."  # type: ignore[union-attr]
    assert model.item(0).title == "TikTok clip by @a"  # type: ignore[union-attr]
    events.close()
    worker.wait()


def test_favourites_and_tag_queries(qtbot: QtBot, services: Services) -> None:
    fill(services, 700, thumbnails=False)
    worker = Worker()
    model = _model(services, worker)
    model.set_query(LibraryQuery(QueryKind.FAVOURITES))
    qtbot.waitUntil(lambda: not model.is_loading, timeout=5000)
    assert model.rowCount() == services.library.count_videos(favourite=True) == 100
    model.set_query(LibraryQuery(QueryKind.TAG, tag="Cardio"))  # a parent tag includes its children
    qtbot.waitUntil(lambda: not model.is_loading and model.query.kind == QueryKind.TAG, timeout=5000)
    assert model.rowCount() == services.library.count_videos(tag="Cardio") > 0
    item = model.item(0)
    assert item is not None and any(t.startswith("Cardio") for t in item.tags)
    worker.wait()


def test_thumbnail_cache_decodes_off_the_ui_thread(qtbot: QtBot, services: Services) -> None:
    from tests.ui.bulk_library import make_thumbnails

    folder = services.paths.media / "t"
    names = make_thumbnails(folder, 3)
    worker = Worker()
    cache = ThumbnailCache(worker)
    ready: list[str] = []
    cache.ready.connect(ready.append)
    path = str(folder / names[0])
    size = QSize(100, 120)
    assert cache.cover(path, size, 8, 2.0) is None  # not yet: it is made in the background
    qtbot.waitUntil(lambda: ready == [path], timeout=5000)
    pixmap = cache.cover(path, size, 8, 2.0)
    assert pixmap is not None and pixmap.size() == QSize(200, 240) and pixmap.devicePixelRatio() == 2.0
    corner = pixmap.toImage().pixelColor(0, 0)
    assert corner.alpha() == 0  # rounded corners are transparent
    assert pixmap.toImage().pixelColor(100, 120).alpha() == 255
    # another size: the first stands in until the new one is made
    assert cache.cover(path, QSize(50, 60), 8, 1.0) is pixmap
    qtbot.waitUntil(lambda: (p := cache.cover(path, QSize(50, 60), 8, 1.0)) is not None and p.width() == 50,
                    timeout=5000)
    assert cache.cover(str(folder / "missing.jpg"), size) is None
    qtbot.waitUntil(cache.is_idle, timeout=5000)
    assert cache.cover(str(folder / "missing.jpg"), size) is None and cache.is_idle()  # not retried
    worker.wait()
