"""The one error family of flashgen: the CLI turns any of these into a single line."""

from __future__ import annotations

from pathlib import Path


class FlashgenError(Exception):
    """Base class.  The message says what went wrong and what to do next."""


class InputError(FlashgenError):
    """An input file cannot be used; the message names the file and the fix."""

    def __init__(self, path: Path | str, problem: str, hint: str) -> None:
        self.path = Path(path)
        super().__init__(f"{path}: {problem} — {hint}")


class OutputError(FlashgenError):
    """An output cannot be written; nothing the user had is replaced."""

    @classmethod
    def cannot_write(cls, path: Path | str, error: OSError, what: str = "") -> OutputError:
        """The error for an ``OSError`` raised writing ``path`` (``what``: "the deck", ...)."""
        return cls(
            f"{path}: cannot write{' ' + what if what else ''} ({error.strerror or error}) — "
            "check that the output folder is writable and the disk is not full"
        )


class UsageError(FlashgenError):
    """A bad option or setting (an unknown encoding, an output folder that cannot be
    written): nothing can be done until it is changed, so the CLI exits with 2."""
