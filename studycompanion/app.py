"""The desktop app's composition root: the QApplication, the services, the worker, the main window, `main()`."""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

log = logging.getLogger(__name__)

APP_NAME = "StudyCompanion"
# How long a Python thread may hold the GIL while another waits for it. Background steps (card media, database
# writes) are Python threads; at the default 5 ms, a repaint that crosses into Qt and back many times can queue
# behind them for tens of milliseconds. 1 ms keeps the UI thread's waits short for a small cost to throughput.
GIL_SWITCH_INTERVAL_S = 0.001
# The garbage collector's full passes stop every thread. Ranking For You over 100k clips makes ~10^6 short-lived
# objects on the worker; at the default thresholds that set off passes of 100-150 ms over the whole heap, and the
# window froze meanwhile (measured: 153 ms; with this, 19 ms). Objects made at start-up are frozen out of the
# scans (gc.freeze) and the young generation is collected less often.
GC_THRESHOLDS = (20_000, 50, 100)


def configure_runtime() -> None:
    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
    gc.set_threshold(*GC_THRESHOLDS)


def freeze_startup_objects() -> None:
    """Once the window is built: what start-up made lives as long as the app, keep it out of every later GC pass."""
    gc.collect()
    gc.freeze()


def _qt_app(argv: Sequence[str]) -> object:
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    existing = QCoreApplication.instance()
    if existing is not None:
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(APP_NAME)
    QGuiApplication.setDesktopFileName("studycompanion")
    app = QApplication(list(argv) or [APP_NAME])
    return app


def _headless() -> bool:
    """Linux without X11 / Wayland and no platform chosen: Qt would abort instead of opening a window."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _quit_on_signals(app: object, window: object) -> object:
    """Ctrl+C / SIGTERM in the terminal that started the app close it properly (state saved, jobs paused)."""
    import signal

    from PySide6.QtCore import QTimer

    def close(*_args: object) -> None:
        window.close()  # type: ignore[attr-defined]
        app.quit()  # type: ignore[attr-defined]

    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            signal.signal(sig, close)
        except (ValueError, OSError):  # not the main thread, or not supported here
            pass
    timer = QTimer()
    timer.timeout.connect(lambda: None)  # lets Python run its signal handlers while Qt waits for events
    timer.start(300)
    return timer


def run_gui(*, screenshot: Path | None = None, view: str = "library", home: Path | None = None,
            argv: Sequence[str] = (), size: tuple[int, int] | None = None, paths: Sequence[str] = ()) -> int:
    """Open the app and run its event loop; with `screenshot`, save a PNG of `view` once painted (at `size`, else
    1280x800), then exit. `paths` (files, exports, links) are added once the window is up; when another window
    already has this library open, they are handed to it instead and this process exits 0 (one app per library:
    never two job runners on one library)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from studycompanion.core.db.engine import DamagedLibrary
    from studycompanion.core.errors import UserError
    from studycompanion.paths import app_paths
    from studycompanion.services import build_services
    from studycompanion.ui.common.i18n import install_translators
    from studycompanion.ui.common.icons import app_icon
    from studycompanion.ui.common.theme import apply_theme
    from studycompanion.ui.common.worker import Worker
    from studycompanion.ui.shell.library_health import offer_repair
    from studycompanion.ui.shell.main_window import MainWindow
    from studycompanion.ui.shell.single_instance import SingleInstance, server_name

    if _headless():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # instead of Qt aborting for want of a display
    if screenshot is None and os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        print("warning: no display: the app runs offscreen and no window will be visible (Ctrl+C quits). "
              "`studycompanion gui --screenshot PATH` saves a picture of it.", file=sys.stderr, flush=True)
    configure_runtime()
    app = _qt_app(argv or sys.argv[:1])
    assert isinstance(app, QApplication)
    translators = install_translators(app)  # before any window: every tr() string is looked up once made
    library = app_paths(home) if home else app_paths()
    instance = None
    if screenshot is None:
        instance = SingleInstance(server_name(library.root))
        if instance.hand_off(list(paths)):
            print("StudyCompanion is already open with this library: it got the files and links.", file=sys.stderr)
            return 0
        instance.listen()  # before the services: a start racing this one finds us and hands off
    app.setWindowIcon(app_icon())
    theme = apply_theme(app)
    try:
        services = build_services(library)
        theme.set_appearance(services.settings.appearance)
    except DamagedLibrary as exc:
        outcome = offer_repair(library, exc) if screenshot is None else None
        if outcome is None:
            print(f"error: {exc.message}", file=sys.stderr)
            return 1
        print(outcome, file=sys.stderr)
        try:
            services = build_services(library)
        except UserError as again:
            QMessageBox.critical(None, APP_NAME, f"StudyCompanion cannot open its library.\n\n{again.message}")
            print(f"error: {again.message}", file=sys.stderr)
            return 1
        services.notices.append(outcome)
    except UserError as exc:
        if screenshot is None:
            QMessageBox.critical(None, APP_NAME, f"StudyCompanion cannot open its library.\n\n{exc.message}")
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    worker = Worker(app)
    if screenshot is None:
        services.jobs.recover_interrupted()  # jobs a quit or crash left running resume from their step
    window = MainWindow(services, worker, restore_state=screenshot is None)
    freeze_startup_objects()
    taker = None
    if screenshot is not None:
        from studycompanion.ui.shell.screenshot import ScreenshotTaker

        taker = ScreenshotTaker(window, view, screenshot, size=size)
        taker.start()
    else:
        assert instance is not None
        instance.received.connect(window.open_arguments)  # a later start's files and links
        window.show()
        if view != "library":
            window.show_view(view)
        if not services.read_only:
            services.pipeline.start(workers=max(3, services.settings.download_concurrency + 2))
        if paths:
            window.open_arguments(list(paths))
    quit_on_interrupt = _quit_on_signals(app, window)
    try:
        code = app.exec()
    finally:
        if instance is not None:
            instance.close()
        services.pipeline.stop()
        worker.wait(10_000)
        services.close()
        del theme, quit_on_interrupt, translators
    if taker is not None and not taker.saved:
        return 1
    return int(code)
