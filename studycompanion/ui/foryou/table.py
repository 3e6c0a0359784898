"""What the For You page lists: core.interests' ranking with its reasons, or the newest clips when that is not
available. `for_you_rows` is the one place to change when the ranking changes.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from studycompanion.services import Services
from studycompanion.ui.library.model import RowNote

log = logging.getLogger(__name__)
LIMIT = 100
MAX_REASONS = 2


def for_you_rows(services: Services, limit: int = LIMIT) -> tuple[list[RowNote], str]:
    """Runs on the worker: the rows to show, best first, and a note above them."""
    try:
        items = services.interests.for_you(limit)
    except Exception:  # the ranking must never take the page down
        log.exception("For You ranking failed; showing the newest clips")
    else:
        rows = []
        for item in items:
            reasons = [r for r in item.reasons if r] or [item.reason]
            rows.append(RowNote(item.video_id, item.title, reason=" · ".join(reasons[:MAX_REASONS])))
        return rows, QCoreApplication.translate("ForYouTable", "Ranked by your interests: the topics you tag, search "
                                                               "for and watch, and what is due for review.")
    newest = services.library.list_videos(limit=limit)
    new = QCoreApplication.translate("ForYouTable", "New in your library")
    rows = [RowNote(v.id, v.title, reason=new) for v in newest if v.id is not None]
    return rows, QCoreApplication.translate("ForYouTable", "Your newest clips.")
