"""``python -m flashgen`` and the ``flashgen`` command.

The entry point is here rather than in :mod:`flashgen.cli` so that a Ctrl-C while the
CLI's own modules (rich, argparse) are still being imported is already caught: it ends
the run with one line and exit code 130, not a traceback of the import.
"""

from __future__ import annotations

import os
import sys


def run() -> None:
    try:
        from flashgen.cli import run as run_cli
    except KeyboardInterrupt:
        sys.stderr.write("flashgen: interrupted\n")
        sys.stderr.flush()
        os._exit(130)
    run_cli()


if __name__ == "__main__":
    run()
