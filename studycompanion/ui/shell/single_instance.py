"""One app per library: a second start hands its arguments (files, links) to the running window and exits.

The running app listens on a QLocalServer named after its library folder (and the user), so two libraries can
be open at once but one library never gets two windows, two job runners, two writers. A second start connects,
sends one JSON line {"args": [...]} (files made absolute against its own working folder), waits for "ok" and
exits; the first emits `received` with the arguments and raises its window.

Hook (studycompanion/app.py, run_gui, before build_services):
    instance = SingleInstance(server_name(app_paths(home).root))
    if instance.hand_off(open_args): return 0          # another window has this library: it got the arguments
    instance.listen(); instance.received.connect(window.open_arguments)   # after the window exists
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)
TIMEOUT_MS = 1500


def server_name(library_root: Path) -> str:
    """A name unique to this user and library folder (QLocalServer names are files or pipes: short, plain)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    digest = hashlib.sha256(f"{user}\0{Path(library_root).resolve()}".encode()).hexdigest()[:20]
    return f"studycompanion-{digest}"


def absolute_args(args: Sequence[str], cwd: Path | None = None) -> list[str]:
    """Paths as the running app must see them (its working folder is another); links and flags unchanged."""
    base = Path(cwd or Path.cwd())
    out = []
    for arg in args:
        if "://" in arg or arg.startswith("-"):
            out.append(arg)
        else:
            candidate = Path(arg).expanduser()
            out.append(str(candidate if candidate.is_absolute() else (base / candidate).resolve()))
    return out


class SingleInstance(QObject):
    received = Signal(list)  # the arguments of a second start (list[str])

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server: QLocalServer | None = None

    def hand_off(self, args: Sequence[str], timeout_ms: int = TIMEOUT_MS) -> bool:
        """True when a running instance took the arguments (then this process should exit)."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False
        payload = json.dumps({"args": absolute_args(args)}).encode() + b"\n"
        socket.write(QByteArray(payload))
        socket.flush()
        socket.waitForBytesWritten(timeout_ms)  # False when flush() already wrote it all: not an error
        reply = b""
        while b"\n" not in reply:
            if not socket.bytesAvailable() and not socket.waitForReadyRead(timeout_ms):
                reply += bytes(socket.readAll().data())  # the server may have closed right after answering
                break
            reply += bytes(socket.readAll().data())
        socket.abort()
        return reply.strip() == b"ok"

    def listen(self) -> bool:
        """Serve later starts; a socket file a crashed instance left behind is removed first."""
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            QLocalServer.removeServer(self.name)  # stale (nobody answered hand_off): take it over
            if not server.listen(self.name):
                log.warning("single instance: cannot listen on %s: %s", self.name, server.errorString())
                return False
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            buffer = bytearray()

            def read(sock: QLocalSocket = socket, buf: bytearray = buffer) -> None:
                buf.extend(bytes(sock.readAll().data()))
                if b"\n" not in buf:
                    return
                line = bytes(buf).split(b"\n", 1)[0]
                try:
                    args = json.loads(line)["args"]
                    if not isinstance(args, list):
                        raise ValueError("args is not a list")
                except (ValueError, KeyError, TypeError) as exc:
                    log.warning("single instance: a bad message (%s)", exc)
                    sock.write(QByteArray(b"bad\n"))
                    sock.flush()
                    sock.disconnectFromServer()
                    return
                sock.write(QByteArray(b"ok\n"))
                sock.flush()
                sock.disconnectFromServer()
                self.received.emit([str(a) for a in args])

            socket.readyRead.connect(read)
            socket.disconnected.connect(socket.deleteLater)

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
