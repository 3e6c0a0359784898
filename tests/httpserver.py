"""A local HTTP server for offline download tests: files with Range support, pages, errors, drops, slow bodies."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/octet-stream"
    headers: dict[str, str] = field(default_factory=dict)
    # Misbehaviour, for the failure tests:
    drop_after: int | None = None  # close the connection after this many body bytes ...
    drop_times: int = 0  # ... on this many requests (then serve normally)
    chunk: int = 64 * 1024  # body write size
    delay: float = 0.0  # sleep after each chunk (a slow server)
    stall_after: int | None = None  # send this many bytes, then hang until release_stalls() or stop()
    ranges: bool = True  # honour Range requests (206); False ignores them (200 with the whole body)
    send_length: bool = True  # False: no Content-Length, the body ends when the connection closes


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that hang up early (yt-dlp's 512-byte probe, cancelled downloads) are expected


@dataclass
class SeenRequest:
    method: str
    path: str
    headers: dict[str, str]


class ClipServer:
    """A threaded HTTP server on 127.0.0.1 with routes added by the test."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[SeenRequest] = []
        self.active_media = 0  # video/* bodies being sent right now
        self.max_active_media = 0  # the most at once (checks a download concurrency limit)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._release = threading.Event()  # set: stalled responses hang up instead of waiting
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence stderr
                pass

            def do_HEAD(self) -> None:  # noqa: N802
                server._serve(self, head=True)

            def do_GET(self) -> None:  # noqa: N802
                server._serve(self, head=False)

        self._httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self.port = self._httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), name="clip-server", daemon=True)

    # --- set-up -----------------------------------------------------------------------------------------
    def start(self) -> ClipServer:
        self._thread.start()
        return self

    def release_stalls(self) -> None:
        """Hang up every stalled response (and stall no more): the client sees a broken connection."""
        self._release.set()
        with self._lock:
            for route in self.routes.values():
                route.stall_after = None

    def stop(self) -> None:
        self._stopping.set()
        self._release.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> ClipServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def url(self, path: str) -> str:
        return self.base_url + (path if path.startswith("/") else "/" + path)

    def add(self, path: str, route: Route) -> str:
        with self._lock:
            self.routes[path] = route
        return self.url(path)

    def add_file(self, path: str, body: bytes, content_type: str = "video/mp4", **kw: Any) -> str:
        return self.add(path, Route(body=body, content_type=content_type, **kw))

    def add_page(self, path: str, html: str, status: int = 200) -> str:
        return self.add(path, Route(status=status, body=html.encode(), content_type="text/html; charset=utf-8"))

    def add_status(self, path: str, status: int, body: str = "") -> str:
        text = body or f"<html><body><h1>{status}</h1></body></html>"
        return self.add(path, Route(status=status, body=text.encode(), content_type="text/html; charset=utf-8"))

    def requests_for(self, path: str) -> list[SeenRequest]:
        with self._lock:
            return [r for r in self.requests if r.path.split("?", 1)[0] == path]

    # --- serving ----------------------------------------------------------------------------------------
    def _serve(self, h: BaseHTTPRequestHandler, head: bool) -> None:
        path = h.path.split("?", 1)[0]
        with self._lock:
            self.requests.append(SeenRequest(h.command, h.path, {k.lower(): v for k, v in h.headers.items()}))
            route = self.routes.get(path)
            dropping = False
            if route is not None and not head and route.drop_after is not None and route.drop_times > 0:
                route.drop_times -= 1
                dropping = True
        if route is None:
            route = Route(status=404, body=b"<html><body>not found</body></html>", content_type="text/html")
        body = route.body
        status = route.status
        extra: dict[str, str] = dict(route.headers)
        start = 0
        range_header = h.headers.get("Range")
        if status == 200 and route.ranges:
            extra["Accept-Ranges"] = "bytes"
            m = re.match(r"bytes=(\d+)-(\d*)$", range_header or "")
            if m:
                first = int(m[1])
                last = int(m[2]) if m[2] else len(body) - 1
                if first >= len(body):
                    h.send_response(416)
                    h.send_header("Content-Range", f"bytes */{len(body)}")
                    h.send_header("Content-Length", "0")
                    h.end_headers()
                    return
                last = min(last, len(body) - 1)
                status = 206
                extra["Content-Range"] = f"bytes {first}-{last}/{len(body)}"
                start = first
                body = body[first : last + 1]
        h.send_response(status)
        h.send_header("Content-Type", route.content_type)
        if route.send_length:
            h.send_header("Content-Length", str(len(body)))
        else:
            h.send_header("Connection", "close")
            h.close_connection = True
        for key, value in extra.items():
            h.send_header(key, value)
        h.end_headers()
        if head:
            return
        limit = len(body)
        if dropping and route.drop_after is not None:
            limit = min(limit, max(0, route.drop_after - start))
        stall_at = None if route.stall_after is None else max(0, route.stall_after - start)
        sent = 0
        counted = route.content_type.startswith("video/")
        if counted:
            with self._lock:
                self.active_media += 1
                self.max_active_media = max(self.max_active_media, self.active_media)
        try:
            while sent < limit:
                end = min(limit, sent + route.chunk)
                if stall_at is not None and sent <= stall_at < end:
                    end = stall_at
                if end > sent:
                    h.wfile.write(body[sent:end])
                    h.wfile.flush()
                    sent = end
                if stall_at is not None and sent == stall_at:
                    self._release.wait()
                    h.connection.shutdown(socket.SHUT_RDWR)
                    h.close_connection = True
                    return
                if route.delay:
                    time.sleep(route.delay)
                    if self._stopping.is_set():
                        return
            if dropping:
                h.wfile.flush()
                h.connection.shutdown(socket.SHUT_RDWR)
                h.close_connection = True
        except (BrokenPipeError, ConnectionResetError, OSError):
            h.close_connection = True
        finally:
            if counted:
                with self._lock:
                    self.active_media -= 1


def og_page(
    video_url: str,
    title: str = "Cardiac cycle in 60 seconds",
    description: str = "Systole vs diastole #cardiology #physiology #medschool",
    image_url: str | None = None,
) -> str:
    """An HTML page that announces its clip with Open Graph tags (what shared-clip pages look like)."""
    image = f'<meta property="og:image" content="{image_url}">' if image_url else ""
    return f"""<!doctype html>
<html><head>
<meta charset="utf-8">
<title>{title} | MedClips</title>
<meta property="og:title" content="{title}">
<meta property="og:description" content="{description}">
<meta property="og:type" content="video.other">
<meta property="og:video" content="{video_url}">
<meta property="og:video:type" content="video/mp4">
{image}
</head><body><h1>{title}</h1><p>{description}</p></body></html>
"""


NO_VIDEO_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Lecture notes</title>
<meta property="og:title" content="Lecture notes"></head>
<body><p>Just text, no clip here.</p></body></html>
"""

ServerFactory = Callable[[], ClipServer]
