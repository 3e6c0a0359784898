"""`python -m studycompanion`: the GUI with no arguments, otherwise the CLI."""

from __future__ import annotations

import sys

from studycompanion.cli import main

if __name__ == "__main__":
    sys.exit(main())
