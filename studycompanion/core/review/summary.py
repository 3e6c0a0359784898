"""A review session's summary and how it is said: counts, recall, and due times in words ("tomorrow at 9:00").

Part of review (core/review/sessions.py re-exports every name here). The words go through core/text.py: English
for the CLI, the student's language once the window installed its translation. Day and month names are our own
(not strftime's, which follows the C locale in the CLI and the system's in the window).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo

from studycompanion.core.review.items import SCOPE_ALL, SCOPE_FOR_YOU, SCOPE_FOR_YOU_ORDER, SCOPE_VERIFIED, Grade
from studycompanion.core.text import QT_TRANSLATE_NOOP, Phrase, plural

CARD_ONE = QT_TRANSLATE_NOOP("ReviewSummary", "{n} card")
CARD_MANY = QT_TRANSLATE_NOOP("ReviewSummary", "{n} cards")
ANSWER_ONE = QT_TRANSLATE_NOOP("ReviewSummary", "{n} answer")
ANSWER_MANY = QT_TRANSLATE_NOOP("ReviewSummary", "{n} answers")
HEADLINE = QT_TRANSLATE_NOOP("ReviewSummary", "{answers} on {cards} in {took} ({scope}).")
MINUTES_SECONDS = QT_TRANSLATE_NOOP("ReviewSummary", "{minutes} min {seconds} s")
SECONDS = QT_TRANSLATE_NOOP("ReviewSummary", "{seconds} s")
GRADE_COUNT = QT_TRANSLATE_NOOP("ReviewSummary", "{grade} {n}")
GRADES = {
    Grade.AGAIN: QT_TRANSLATE_NOOP("ReviewSummary", "Again"),
    Grade.HARD: QT_TRANSLATE_NOOP("ReviewSummary", "Hard"),
    Grade.GOOD: QT_TRANSLATE_NOOP("ReviewSummary", "Good"),
    Grade.EASY: QT_TRANSLATE_NOOP("ReviewSummary", "Easy"),
}
RECALLED = QT_TRANSLATE_NOOP("ReviewSummary", "You recalled {percent}% of them.")
NOTHING_SCHEDULED = QT_TRANSLATE_NOOP("ReviewSummary", "No card of this session is scheduled yet.")
TODAY_NEXT = QT_TRANSLATE_NOOP("ReviewSummary", "{cards} to see again today, the next one {when}.")
TODAY_NEXT_LATER = QT_TRANSLATE_NOOP("ReviewSummary", "{cards} to see again today, the next one {when}; "
                                                        "after today, the next one {later}.")
NOTHING_TODAY = QT_TRANSLATE_NOOP("ReviewSummary", "Nothing more to see today: the next card {when}.")
NOW = QT_TRANSLATE_NOOP("ReviewSummary", "now")
# each time twice: any hour, and 1:xx ({one_oclock}), which some languages say apart ("a las 9:00", "a la 1:05")
AT = (QT_TRANSLATE_NOOP("ReviewSummary", "at {clock}"), QT_TRANSLATE_NOOP("ReviewSummary", "at {one_oclock}"))
TODAY_AT = (QT_TRANSLATE_NOOP("ReviewSummary", "today at {clock}"),
            QT_TRANSLATE_NOOP("ReviewSummary", "today at {one_oclock}"))
TOMORROW_AT = (QT_TRANSLATE_NOOP("ReviewSummary", "tomorrow at {clock}"),
               QT_TRANSLATE_NOOP("ReviewSummary", "tomorrow at {one_oclock}"))
WEEKDAY_AT = (QT_TRANSLATE_NOOP("ReviewSummary", "on {weekday} at {clock}"),
              QT_TRANSLATE_NOOP("ReviewSummary", "on {weekday} at {one_oclock}"))
DATE_AT = (QT_TRANSLATE_NOOP("ReviewSummary", "on {weekday} {day} {month} at {clock}"),
           QT_TRANSLATE_NOOP("ReviewSummary", "on {weekday} {day} {month} at {one_oclock}"))
WEEKDAYS = (  # date.weekday() order
    QT_TRANSLATE_NOOP("ReviewSummary", "Monday"),
    QT_TRANSLATE_NOOP("ReviewSummary", "Tuesday"),
    QT_TRANSLATE_NOOP("ReviewSummary", "Wednesday"),
    QT_TRANSLATE_NOOP("ReviewSummary", "Thursday"),
    QT_TRANSLATE_NOOP("ReviewSummary", "Friday"),
    QT_TRANSLATE_NOOP("ReviewSummary", "Saturday"),
    QT_TRANSLATE_NOOP("ReviewSummary", "Sunday"),
)
MONTHS = (
    QT_TRANSLATE_NOOP("ReviewSummary", "January"),
    QT_TRANSLATE_NOOP("ReviewSummary", "February"),
    QT_TRANSLATE_NOOP("ReviewSummary", "March"),
    QT_TRANSLATE_NOOP("ReviewSummary", "April"),
    QT_TRANSLATE_NOOP("ReviewSummary", "May"),
    QT_TRANSLATE_NOOP("ReviewSummary", "June"),
    QT_TRANSLATE_NOOP("ReviewSummary", "July"),
    QT_TRANSLATE_NOOP("ReviewSummary", "August"),
    QT_TRANSLATE_NOOP("ReviewSummary", "September"),
    QT_TRANSLATE_NOOP("ReviewSummary", "October"),
    QT_TRANSLATE_NOOP("ReviewSummary", "November"),
    QT_TRANSLATE_NOOP("ReviewSummary", "December"),
)
# a session's scope as ReviewScope.stored() kept it (English), said again at display time with its phrases


def scope_text(stored: str) -> str:
    """A stored scope ('all cards', 'Cardio (For You order), verified creators only') in the current language;
    tag names stay as they are. Inverse of ReviewScope.stored()."""
    what, verified = stored, False
    suffix = SCOPE_VERIFIED.english(what="")
    if what.endswith(suffix):
        what, verified = what.removesuffix(suffix), True
    order = SCOPE_FOR_YOU_ORDER.english(tags="")
    if what.endswith(order) and what != order:
        what = SCOPE_FOR_YOU_ORDER(tags=what.removesuffix(order))
    elif what in (SCOPE_ALL.source, SCOPE_FOR_YOU.source):
        what = (SCOPE_ALL if what == SCOPE_ALL.source else SCOPE_FOR_YOU)()
    return SCOPE_VERIFIED(what=what) if verified else what


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
        took = MINUTES_SECONDS(minutes=minutes, seconds=secs) if minutes else SECONDS(seconds=secs)
        out = [HEADLINE(answers=plural(self.reviewed, ANSWER_ONE, ANSWER_MANY),
                        cards=plural(self.cards, CARD_ONE, CARD_MANY), took=took, scope=scope_text(self.scope))]
        out.append("  ".join(GRADE_COUNT(grade=GRADES[g](), n=self.counts.get(g, 0)) for g in Grade))
        if self.recall is not None:
            out.append(RECALLED(percent=round(self.recall * 100)))
        out.append(due_sentence(self.due_times, now, tz))
        return out


def when_words(when: datetime, now: datetime, tz: tzinfo | None = None) -> str:
    """'at 14:05', 'tomorrow at 9:00', 'on Friday 4 December at 9:00', in local time."""
    local, today = when.astimezone(tz), now.astimezone(tz).date()
    days = (local.date() - today).days
    if days <= 0:
        return _at(TODAY_AT, local)
    if days == 1:
        return _at(TOMORROW_AT, local)
    weekday = WEEKDAYS[local.weekday()]()
    if days < 7:
        return _at(WEEKDAY_AT, local, weekday=weekday)
    return _at(DATE_AT, local, weekday=weekday, day=local.day, month=MONTHS[local.month - 1]())


def _at(phrases: tuple[Phrase, Phrase], local: datetime, **params: object) -> str:
    """The phrase with the local time ('9:00', '14:05'), its 1 o'clock form for 1:xx."""
    clock = f"{local.hour}:{local.minute:02d}"
    return phrases[1](one_oclock=clock, **params) if local.hour == 1 else phrases[0](clock=clock, **params)


def _later_today(when: datetime, now: datetime, tz: tzinfo | None) -> str:
    """'now' or 'at 14:05': a time later today, the day already said."""
    local = when.astimezone(tz)
    return NOW() if when <= now else _at(AT, local)


def due_sentence(due_times: Sequence[datetime], now: datetime, tz: tzinfo | None = None) -> str:
    """'3 cards to see again today, the next one at 14:05; after that, the next tomorrow at 9:00.'"""
    if not due_times:
        return NOTHING_SCHEDULED()
    local_now = now.astimezone(tz)
    end_of_day = datetime.combine(local_now.date() + timedelta(days=1), datetime.min.time(), local_now.tzinfo)
    ordered = sorted(due_times)
    today = [d for d in ordered if d < end_of_day]
    later = [d for d in ordered if d >= end_of_day]
    if today:
        cards, when = plural(len(today), CARD_ONE, CARD_MANY), _later_today(today[0], now, tz)
        if later:
            return TODAY_NEXT_LATER(cards=cards, when=when, later=when_words(later[0], now, tz))
        return TODAY_NEXT(cards=cards, when=when)
    return NOTHING_TODAY(when=when_words(later[0], now, tz))
