"""Jobs: the persisted queue, the pipeline that runs it, and the typed step handlers (capture, transcribe, cards)
that tie the stages together.

May import: every other core package.
"""
