"""Fixtures for the main-window tests: the window on a temporary library, with or without the pipeline running.

Import into a test module:  from tests.ui.window_fixtures import make_window, window  # noqa: F401
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from studycompanion.services import Services
from studycompanion.ui.common.worker import Worker
from studycompanion.ui.shell.main_window import MainWindow

WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def make_window(qtbot: QtBot, services: Services) -> Iterator[WindowFactory]:
    """Build (and later tear down) main windows; `pipeline=True` starts the background workers like the app."""
    made: list[tuple[MainWindow, Worker]] = []
    started = False

    def build(*, pipeline: bool = False, svc: Services | None = None) -> MainWindow:
        nonlocal started
        svc = svc or services
        worker = Worker()
        svc.jobs.recover_interrupted()
        window = MainWindow(svc, worker)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        if pipeline:
            svc.pipeline.start(workers=3)
            started = True
        made.append((window, worker))
        qtbot.waitUntil(lambda: not window.library_model.is_loading, timeout=5000)
        return window

    yield build
    if started:
        services.pipeline.stop()
    for window, worker in made:
        window.close()
        worker.wait(10_000)


@pytest.fixture
def window(make_window: WindowFactory) -> MainWindow:
    return make_window()
