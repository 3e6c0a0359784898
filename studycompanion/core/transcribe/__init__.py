"""Speech to text: the transcription service, the engine child process and its worker, model registry and
downloads, the clip's prompt, the medical vocabulary and lexicon correction, subtitle formats.

May import: core.library, core.db and the base modules.
"""
