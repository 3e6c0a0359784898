"""The house rules that tests can hold: the socket guard, services built per library, no process-wide state."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import pytest

from studycompanion.paths import app_paths
from studycompanion.services import build_services


def test_the_socket_guard_allows_loopback_only(pytestconfig: pytest.Config) -> None:
    import pytest_socket

    allowed = set(str(pytestconfig.getoption("allow_hosts")).split(","))
    assert allowed == {"127.0.0.1", "::1", "localhost"}
    # connect() is pytest-socket's guarded version for this test, so a connection beyond loopback raises
    # SocketConnectBlockedError before any packet leaves (the address below is never dialled)
    assert socket.socket.connect is not pytest_socket._true_connect  # type: ignore[attr-defined]
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s, pytest.raises(pytest_socket.SocketConnectBlockedError):
        s.connect(("203.0.113.9", 9))  # TEST-NET-3, blocked by the guard


def test_two_libraries_in_one_process_keep_their_own_engine_log_and_capturer(tmp_path: Path) -> None:
    a = build_services(app_paths(tmp_path / "a"))
    b = build_services(app_paths(tmp_path / "b"))
    try:
        assert a.engine is not b.engine and a.capturer is not b.capturer
        assert a.capturer._inflight is not b.capturer._inflight
        logging.getLogger("studycompanion.test").warning("a line for both libraries")
        a.close()
        logging.getLogger("studycompanion.test").warning("only b is open now")
        log_a = (tmp_path / "a" / "logs" / "studycompanion.log").read_text()
        log_b = (tmp_path / "b" / "logs" / "studycompanion.log").read_text()
        assert "a line for both libraries" in log_a and "only b is open now" not in log_a
        assert "only b is open now" in log_b
    finally:
        b.close()
    assert not any(getattr(h, "baseFilename", "").startswith(str(tmp_path)) for h in logging.getLogger().handlers)
