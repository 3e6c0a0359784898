"""Render the clip view (and the export / settings dialogs) offscreen to PNGs, to look at them without the app.

    .venv/bin/python tools/preview_clip_view.py OUT_DIR [--home DIR] [--clip PATH] [--dark]

Builds a library in a temporary STUDYCOMPANION_HOME (or --home, reused when it already holds the clip), adds
the clip with the real pipeline (transcription and cards), then shows each widget and saves QWidget.grab().
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _wait(app: object, seconds: float, until: object = None) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()  # type: ignore[attr-defined]
        if until is not None and until():  # type: ignore[operator]
            return
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--home", type=Path)
    parser.add_argument("--clip", type=Path, default=ROOT / "tests/fixtures/media/murmurs.mp4")
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="sc-preview-"))
    os.environ["STUDYCOMPANION_HOME"] = str(home)

    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    from studycompanion.core.cards.store import CardStore
    from studycompanion.core.jobs import cards_step as card_step
    from studycompanion.paths import app_paths
    from studycompanion.services import build_services
    from studycompanion.ui.clip.view import ClipView
    from studycompanion.ui.common.worker import Worker
    from studycompanion.ui.dialogs.export import ExportDialog
    from studycompanion.ui.dialogs.settings import SettingsDialog

    app = QApplication(sys.argv)
    app.setStyle("Fusion")
    if args.dark:
        pal = QPalette()
        for role, color in ((QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.WindowText, "#eeeeee"),
                            (QPalette.ColorRole.Base, "#1f1f1f"), (QPalette.ColorRole.AlternateBase, "#2a2a2a"),
                            (QPalette.ColorRole.Text, "#eeeeee"), (QPalette.ColorRole.Button, "#353535"),
                            (QPalette.ColorRole.ButtonText, "#eeeeee"), (QPalette.ColorRole.Highlight, "#3d7bd9")):
            pal.setColor(role, QColor(color))
        app.setPalette(pal)
    services = build_services(app_paths(home))
    videos = services.library.list_videos()
    if not videos:
        outcome = services.pipeline.add_file(args.clip, tags=["Cardio::Murmurs"])
        services.pipeline.run_pending(1)
        assert outcome.video is not None and outcome.video.id is not None
        video_id = outcome.video.id
        services.library.update_metadata(video_id, title="Systolic murmurs in 14 seconds",
                                         creator_handle="dr.heartsounds", creator_name="Dr. Amara Okafor",
                                         source_url="https://www.tiktok.com/@dr.heartsounds/video/7301234567890")
        store = CardStore(services.db)
        if not store.list_cards(video_ids=[video_id]):
            card_step.generate_cards(services.library, store, services.settings, video_id)
        services.library.set_notes(video_id, "Ask about the Gallavardin phenomenon.")
    else:
        assert videos[0].id is not None
        video_id = videos[0].id

    worker = Worker()
    width, height = (int(v) for v in args.size.split("x"))
    view = ClipView(services, worker)
    view.resize(width, height)
    view.show()
    view.show_clip(video_id, at_seconds=4.0)
    _wait(app, 10, lambda: view.current_video() is not None and view.transcript.lines())
    _wait(app, 1.5)
    args.out.mkdir(parents=True, exist_ok=True)
    view.grab().save(str(args.out / "clip_transcript.png"))
    view.tabs.setCurrentWidget(view.keypoints)
    _wait(app, 0.5)
    view.grab().save(str(args.out / "clip_keypoints.png"))
    view.tabs.setCurrentWidget(view.cards)
    _wait(app, 3, lambda: bool(view.cards.preview_text()))
    _wait(app, 0.5)
    view.grab().save(str(args.out / "clip_cards.png"))

    export = ExportDialog(services, worker, view, video_id=video_id)
    export.show()
    _wait(app, 1.5)
    export.grab().save(str(args.out / "export_dialog.png"))
    export.close()
    settings = SettingsDialog(services, worker, view)
    settings.show()
    _wait(app, 1.5)
    settings.grab().save(str(args.out / "settings_dialog.png"))
    settings.close()
    view.close()
    worker.wait(5000)
    services.close()
    print(f"home: {home}\nPNGs in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
