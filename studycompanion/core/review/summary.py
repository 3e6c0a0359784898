"""A review session's summary and how it is said: counts, recall, and due times in words ("tomorrow at 9:00").

Part of review (core/review/sessions.py re-exports every name here).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo

from studycompanion.core.review.items import Grade


@dataclass
class ReviewSummary:
    session_id: int
    scope: str
    started_at: datetime
    finished_at: datetime | None
    planned: int
    reviewed: int  # grades given (a card graded twice counts twice)
    cards: int  # distinct cards seen
    counts: dict[Grade, int] = field(default_factory=dict)
    seconds: float = 0.0
    again_cards: list[int] = field(default_factory=list)
    next_due: datetime | None = None
    due_times: list[datetime] = field(default_factory=list)  # when each card of the session is due next

    @property
    def recall(self) -> float | None:
        """Share of first answers that were not Again."""
        return None if not self.reviewed else 1 - self.counts.get(Grade.AGAIN, 0) / self.reviewed

    def lines(self, now: datetime | None = None, tz: tzinfo | None = None) -> list[str]:
        """The session in plain words, times in the student's own time zone (`tz`, default: the computer's)."""
        now = (now or self.finished_at or datetime.now(UTC)).astimezone(tz)
        minutes, secs = int(self.seconds // 60), int(self.seconds % 60)
        took = f"{minutes} min {secs} s" if minutes else f"{secs} s"
        out = [f"{_n(self.reviewed, 'answer')} on {_n(self.cards, 'card')} in {took} ({self.scope})."]
        out.append("  ".join(f"{g.label} {self.counts.get(g, 0)}" for g in Grade))
        if self.recall is not None:
            out.append(f"You recalled {self.recall:.0%} of them.")
        out.append(due_sentence(self.due_times, now, tz))
        return out


def _n(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def when_words(when: datetime, now: datetime, tz: tzinfo | None = None) -> str:
    """'at 14:05', 'tomorrow at 9:00', 'on Friday 4 December at 9:00', in local time."""
    local, today = when.astimezone(tz), now.astimezone(tz).date()
    clock = f"{local.hour}:{local.minute:02d}"
    days = (local.date() - today).days
    if days <= 0:
        return f"today at {clock}"
    if days == 1:
        return f"tomorrow at {clock}"
    if days < 7:
        return f"on {local:%A} at {clock}"
    return f"on {local:%A} {local.day} {local:%B} at {clock}"


def due_sentence(due_times: Sequence[datetime], now: datetime, tz: tzinfo | None = None) -> str:
    """'3 cards to see again today, the next one at 14:05; after that, the next tomorrow at 9:00.'"""
    if not due_times:
        return "No card of this session is scheduled yet."
    local_now = now.astimezone(tz)
    end_of_day = datetime.combine(local_now.date() + timedelta(days=1), datetime.min.time(), local_now.tzinfo)
    ordered = sorted(due_times)
    today = [d for d in ordered if d < end_of_day]
    later = [d for d in ordered if d >= end_of_day]
    if today:
        first = today[0]
        when = "now" if first <= now else when_words(first, now, tz).removeprefix("today ")
        text = f"{_n(len(today), 'card')} to see again today, the next one {when}"
        if later:
            text += f"; after today, the next one {when_words(later[0], now, tz)}"
        return text + "."
    return f"Nothing more to see today: the next card {when_words(later[0], now, tz)}."
