"""Job leases: how long a heartbeat lasts and how often it is refreshed (the process identity is in
core/library/process.py, which the library uses for its files too)."""

from __future__ import annotations

from studycompanion.core.library.process import Owner, owner_alive, process_start_time

LEASE_SECONDS = 60.0  # a running job whose heartbeat is older than this goes back to the queue
HEARTBEAT_SECONDS = 5.0  # how often a runner refreshes the heartbeat of the jobs it runs

__all__ = ["HEARTBEAT_SECONDS", "LEASE_SECONDS", "Owner", "owner_alive", "process_start_time"]
