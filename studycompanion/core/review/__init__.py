"""Review: FSRS sessions over accepted cards, by topic or For You, with history.

May import: core.interests and everything below.
"""
