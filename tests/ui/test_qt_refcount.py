"""PySide6 6.12.0 on Python 3.11 drops references to None/True: the UI package guards against it at import."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys
import studycompanion.ui  # applies the guard
from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QObject, QRunnable, QThreadPool, Signal
app = QCoreApplication([])

class R(QObject):
    ping = Signal(int)

r = R()
r.ping.connect(lambda k: None)
for k in range(50_000):          # each emit used to take a reference from True
    r.ping.emit(k)

class M(QAbstractListModel):
    def rowCount(self, parent=QModelIndex()):
        return 1
    def data(self, index, role=0):
        return None

model = M()
index = model.index(0, 0)
for _ in range(50_000):          # each override returning None used to take one from None
    index.data()

class T(QRunnable):
    def run(self):
        pass

pool = QThreadPool()
for _ in range(20_000):          # so did every background task (QRunnable.run returns None)
    pool.start(T())
pool.waitForDone()
print("survived")
"""


def test_many_emits_overrides_and_tasks_do_not_abort_the_interpreter() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=240)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "survived" in proc.stdout
