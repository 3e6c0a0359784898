"""`python -m studycompanion`: the GUI with no arguments, otherwise the CLI."""

from __future__ import annotations

import sys

if __name__ == "__main__":
    if sys.argv[1:2] == ["--transcribe-worker"]:  # a frozen bundle starts its transcription engine this way
        from studycompanion.core.transcribe.worker import main as worker_main

        worker_main()
        sys.exit(0)
    from studycompanion.cli import main

    sys.exit(main())
