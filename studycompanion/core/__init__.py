"""Plain-Python core of StudyCompanion (never imports Qt)."""
