"""Pronunciation: a word or sentence → numbered pinyin with tone sandhi → speech → MP3.

- :mod:`.reading`: what to say (the sentence's own readings, numbers, pauses), with
  :mod:`.sandhi` and :mod:`.numbers`;
- :mod:`.engine`: what an engine promises; :mod:`.espeak`: eSpeak NG, the one engine;
- :mod:`.media`: recordings cached in the cache folder, named by a hash, for the deck.
"""

from flashgen.speech.engine import SpeechEngine, Waveform
from flashgen.speech.media import AudioLibrary
from flashgen.speech.reading import Reading, sentence_reading, word_reading

__all__ = [
    "AudioLibrary",
    "Reading",
    "SpeechEngine",
    "Waveform",
    "sentence_reading",
    "word_reading",
]
