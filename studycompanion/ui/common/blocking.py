"""`signals_blocked(obj)`: silence a QObject's signals for a `with` block.

Used instead of QSignalBlocker: in PySide6 6.12 every QSignalBlocker drops one reference to None too many, so a
view that blocks signals on each playback tick brings the interpreter down after a few thousand ticks
("Fatal Python error: none_dealloc"). blockSignals() itself is fine.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject


@contextmanager
def signals_blocked(obj: QObject) -> Iterator[None]:
    was = obj.blockSignals(True)
    try:
        yield
    finally:
        obj.blockSignals(was)
