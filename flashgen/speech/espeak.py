"""eSpeak NG through the shared library the ``espeakng-loader`` wheel ships (Linux, macOS
and Windows wheels; espeak-ng 1.52, GPL-3.0-or-later), driven with ctypes.

The voice is ``cmn-latn-pinyin``: it reads numbered pinyin, so what is spoken is exactly
the reading flashgen chose for the sentence.  (The ``cmn`` voice reading characters picks
its own readings, and Debian's 1.51 reads 妈 as "ma" + the English word "one".)

The library keeps global state and is not thread-safe: one engine per process, used from
one thread (builds synthesise in the main process, after the workers annotated).
"""

from __future__ import annotations

import ctypes
from functools import cache
from pathlib import Path
from typing import Any

from flashgen.errors import FlashgenError
from flashgen.speech.engine import Waveform

VOICE = "cmn-latn-pinyin"

_SYNCHRONOUS = 2  # AUDIO_OUTPUT_SYNCHRONOUS: samples come to the callback, no sound device
_CHARS_UTF8 = 1
_POS_CHARACTER = 1
_EVENT_LIST_TERMINATED = 0
_EVENT_WORD = 1
_RATE = 1  # espeakRATE, words per minute


class _Event(ctypes.Structure):
    # espeak_EVENT from speak_lib.h; only the fields before the union are read.
    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", ctypes.c_void_p),
    ]


_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event)
)

# Words per minute: eSpeak's default.  Each pinyin syllable is one of its words, so this
# is about 2.9 syllables a second, slower than natural speech (4-5): a learner's pace.
SPEED = 175


class EspeakEngine:
    """The eSpeak NG engine with its pinyin voice (use :func:`espeak_engine`)."""

    def __init__(self, library: Any, data_parent: Path) -> None:
        self._lib = library
        self._samples: list[bytes] = []
        self._starts: list[int] = []
        self.rate = int(library.espeak_Initialize(_SYNCHRONOUS, 0, str(data_parent).encode(), 0))
        if self.rate <= 0:
            raise FlashgenError(
                f"{data_parent}: eSpeak NG could not start (no espeak-ng-data there) — "
                "reinstall flashgen: pip install --force-reinstall espeakng-loader"
            )
        library.espeak_Info.restype = ctypes.c_char_p
        self._version: str = library.espeak_Info(None).decode("ascii", "replace")
        if library.espeak_SetVoiceByName(VOICE.encode()) != 0:
            raise FlashgenError(
                f"eSpeak NG {self._version} has no voice {VOICE!r} — "
                "reinstall flashgen: pip install --force-reinstall espeakng-loader"
            )
        library.espeak_SetParameter(_RATE, SPEED, 0)
        # Kept on the instance: ctypes must not collect the callback while C holds it.
        self._callback = _CALLBACK(self._collect)
        library.espeak_SetSynthCallback(self._callback)
        library.espeak_Synth.argtypes = [
            ctypes.c_char_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]

    @property
    def name(self) -> str:
        return "espeak-ng"

    @property
    def version(self) -> str:
        return self._version

    @property
    def voice(self) -> str:
        return f"{VOICE}@{SPEED}wpm"

    def synthesize(self, reading: str) -> Waveform:
        self._samples.clear()
        self._starts.clear()
        text = reading.encode("utf-8")
        status = self._lib.espeak_Synth(
            text, len(text) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None
        )
        if status != 0:
            raise FlashgenError(f"eSpeak NG failed ({status}) on {reading!r} — run again")
        starts = tuple(ms / 1000 for ms in self._starts)
        return Waveform(b"".join(self._samples), self.rate, starts)

    def _collect(self, wav: Any, count: int, events: Any) -> int:
        if wav and count > 0:
            self._samples.append(ctypes.string_at(wav, count * 2))
        i = 0
        while events[i].type != _EVENT_LIST_TERMINATED:
            if events[i].type == _EVENT_WORD:
                self._starts.append(events[i].audio_position)
            i += 1
        return 0  # go on


@cache
def espeak_engine() -> EspeakEngine:
    """The process's eSpeak NG engine, loaded on first use."""
    return _load()


def _load() -> EspeakEngine:
    try:
        import espeakng_loader
    except ImportError:
        raise FlashgenError(
            "eSpeak NG is not installed — reinstall flashgen (pip install -e .), "
            "which installs espeakng-loader, or build without --audio"
        ) from None
    data = Path(espeakng_loader.get_data_path())
    try:
        library = ctypes.CDLL(espeakng_loader.get_library_path())
    except OSError as e:
        raise FlashgenError(
            f"{espeakng_loader.get_library_path()}: eSpeak NG's library cannot be loaded "
            f"({e}) — reinstall espeakng-loader, or build without --audio"
        ) from None
    return EspeakEngine(library, data.parent)
