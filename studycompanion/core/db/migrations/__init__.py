"""Alembic migrations of the library database, applied in order at start."""
