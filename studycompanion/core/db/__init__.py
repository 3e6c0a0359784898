"""Storage: the SQLite engine (WAL, foreign keys, backups), the SQLModel tables, Alembic migrations and the FTS5
search index.

May import: core.types, core.errors, studycompanion.paths.
"""
