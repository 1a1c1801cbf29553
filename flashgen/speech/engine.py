"""What a speech engine promises: numbered pinyin in, mono 16-bit samples out.

An engine is named by what makes its sound (``name``, ``version``, ``voice``): those go
into the cache key and the media file names, so a new engine version or voice gives new
files, never stale audio under an old name.  A second engine (a neural voice, say) is one
more class with these four members.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Waveform:
    """Synthesised speech: mono signed 16-bit samples at ``rate`` Hz."""

    samples: bytes  # little-endian int16
    rate: int
    # Where each syllable of the reading starts, in seconds from the start (as far as the
    # engine tells; empty if it does not): the tone test looks at one syllable's pitch.
    syllable_starts: tuple[float, ...] = ()


class SpeechEngine(Protocol):
    """Speaks a reading: numbered pinyin syllables separated by spaces, with ``,`` and
    ``.`` for the pauses of punctuation, e.g. ``"ni2 hao3 , shi4 jie4 ."``."""

    @property
    def name(self) -> str: ...

    @property
    def version(self) -> str: ...

    @property
    def voice(self) -> str: ...

    def synthesize(self, reading: str) -> Waveform: ...
