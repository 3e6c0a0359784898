"""Fixtures every window test shares: the background worker the views run their I/O on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from studycompanion.ui.common.worker import Worker


@pytest.fixture
def worker() -> Iterator[Worker]:
    """A Worker whose callbacks land on the test's Qt thread; waited for at the end, so no job outlives a test."""
    w = Worker()
    yield w
    w.wait(10_000)
