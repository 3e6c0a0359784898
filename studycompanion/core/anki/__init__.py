"""Anki: notes and note types, .apkg export with stable ids, the AnkiConnect client.

May import: core.review, core.interests, core.cards and everything below.
"""
