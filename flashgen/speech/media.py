"""Recordings as media files: synthesised once, encoded as MP3, cached, named by a hash.

A recording is keyed by (engine, engine version, voice, reading, text) and the
encoding; its media file name is a hash of that key, so a rebuild names it the same (the
package stays byte-identical with ``SOURCE_DATE_EPOCH``) and Anki, which keys media by
name, never collects two copies.  The files live in the cache folder
(``$FLASHGEN_CACHE_DIR``/``speech``), so a rebuild reads them instead of synthesising.
The cache is also what makes a rebuild byte-identical: eSpeak NG carries some state from
one utterance to the next (a reading said after another comes out a few samples longer
or shorter; seeding its random generator or re-initialising it does not reset that), so
the bytes of a new recording depend on what the process said before it.  The name does
not: it is the hash of the key.

MP3, not WAV or Ogg: Anki plays MP3 on every platform (AnkiMobile on iOS does not play
Ogg), and a sentence of eSpeak's 22 kHz speech is a ninth of its WAV size (see
``MP3_QUALITY``).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from flashgen.errors import FlashgenError, OutputError
from flashgen.resources.cache import atomic_write_bytes, cache_dir
from flashgen.speech.engine import SpeechEngine
from flashgen.speech.reading import Reading, sentence_reading, word_reading

if TYPE_CHECKING:
    from flashgen.datatypes import AnnotatedSentence, AnnotatedToken

# LAME's variable bit rate at this quality (soundfile's compression_level: 0 best, 1
# smallest).  Measured on a 5.8 s sentence of eSpeak's 22 kHz voice (16-bit WAV: 353
# kbit/s): bit rate, and signal-to-noise ratio of the decoded file against the
# synthesised wave: 0.5 → 71 kbit/s, 29 dB; 0.7 → 50, 25 dB; 0.9 → 40, 22 dB; 0.99 → 31,
# 18 dB (constant bit rates do worse: 41 kbit/s, 19 dB).  0.9 keeps a buzzy synthetic
# voice intact at a ninth of the WAV size (python benchmarks/audio.py --encodings).
MP3_QUALITY = 0.9
MEDIA_PREFIX = "flashgen-"


class AudioLibrary:
    """The recordings of one build: :meth:`word` and :meth:`sentence` give a note's
    ``[sound:…]`` field, and :attr:`files` the media files those fields name."""

    def __init__(self, engine: SpeechEngine, folder: Path | None = None) -> None:
        self.engine = engine
        self.folder = folder or cache_dir() / "speech"
        self._files: dict[str, Path] = {}
        self._encoding = f"mp3-vbr{MP3_QUALITY}-{_encoder_version()}"

    @property
    def files(self) -> Mapping[str, Path]:
        """Every media file made or found so far, by its name in the deck."""
        return self._files

    def word(self, token: AnnotatedToken) -> str:
        """The ``[sound:…]`` of the word said alone ("" if there is nothing to say)."""
        return self.sound(word_reading(token))

    def sentence(self, sentence: AnnotatedSentence) -> str:
        """The ``[sound:…]`` of the whole sentence ("" if there is nothing to say)."""
        return self.sound(sentence_reading(sentence.zh, sentence.tokens))

    def sound(self, reading: Reading | None) -> str:
        if reading is None:
            return ""
        name = self.media_name(reading)
        if name not in self._files:
            path = self.folder / name
            if not _looks_like_mp3(path):
                data = self._encode(reading)
                try:
                    self.folder.mkdir(parents=True, exist_ok=True)
                    atomic_write_bytes(path, data)
                except OSError as e:
                    raise OutputError(
                        f"{self.folder}: cannot store the audio ({e.strerror or e}) — set "
                        "FLASHGEN_CACHE_DIR to a writable folder, or build without --audio"
                    ) from None
            self._files[name] = path
        return f"[sound:{name}]"

    def media_name(self, reading: Reading) -> str:
        """The media file name of ``reading``: a hash of everything its sound depends on."""
        e = self.engine
        key = "\0".join((e.name, e.version, e.voice, reading.spoken, reading.text, self._encoding))
        return f"{MEDIA_PREFIX}{hashlib.sha256(key.encode('utf-8')).hexdigest()[:24]}.mp3"

    def _encode(self, reading: Reading) -> bytes:
        import numpy as np
        import soundfile

        wave = self.engine.synthesize(reading.spoken)
        if not wave.samples:
            raise FlashgenError(
                f"{self.engine.name} said nothing for {reading.text!r} ({reading.spoken}) — "
                "build without --audio and report this text"
            )
        samples = np.frombuffer(wave.samples, dtype="<i2")
        out = io.BytesIO()
        soundfile.write(
            out,
            samples,
            wave.rate,
            format="MP3",
            subtype="MPEG_LAYER_III",
            compression_level=MP3_QUALITY,
            bitrate_mode="VARIABLE",
        )
        return out.getvalue()


def _looks_like_mp3(path: Path) -> bool:
    """Whether ``path`` starts as the MP3 files made here do (a frame's sync bits; or an
    ID3 tag, as other encoders write).  Entries are written atomically, so a file is whole
    unless something else damaged it; an empty or foreign file is made again."""
    try:
        with path.open("rb") as f:
            head = f.read(3)
    except OSError:
        return False
    return head == b"ID3" or (len(head) == 3 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)


def _encoder_version() -> str:
    # The MP3 bytes depend on libsndfile's LAME; a new one gives new files, never a mix.
    import soundfile

    return str(soundfile.__libsndfile_version__)
