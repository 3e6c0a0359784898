"""The student's library: clips and their files, tags, the demo clip.

May import: core.db and the base modules (types, errors, settings, media, paths).
"""
