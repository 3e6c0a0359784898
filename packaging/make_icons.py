"""Render resources/icons/app.svg into the per-platform app icons the bundle and the desktop entry use.

Writes packaging/icons/studycompanion.png (512 px), .ico (Windows, 16-256 px) and .icns (macOS, 16-1024 px),
and packaging/linux/studycompanion.png (256 px, the desktop entry's icon). The outputs are committed so a
release build needs no rendering step; run this again after the SVG changes:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "app.svg"
ICONS = ROOT / "packaging" / "icons"
LINUX = ROOT / "packaging" / "linux"


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return Image.open(io.BytesIO(bytes(data.data()))).convert("RGBA")


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"cannot read {SOURCE}", file=sys.stderr)
        return 1
    ICONS.mkdir(parents=True, exist_ok=True)
    LINUX.mkdir(parents=True, exist_ok=True)
    big = render(renderer, 1024)
    render(renderer, 512).save(ICONS / "studycompanion.png", optimize=True)
    render(renderer, 256).save(LINUX / "studycompanion.png", optimize=True)
    ico_sizes = [(s, s) for s in (16, 24, 32, 48, 64, 128, 256)]
    render(renderer, 256).save(ICONS / "studycompanion.ico", sizes=ico_sizes)
    big.save(ICONS / "studycompanion.icns")  # Pillow writes every ICNS size from the 1024 px image
    for path in sorted([*ICONS.iterdir(), LINUX / "studycompanion.png"]):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
