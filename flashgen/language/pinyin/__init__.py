"""Context-correct pinyin: one numbered syllable per Han character of each word.

Syllables are lower-case, numbered, sandhi-free (一 is always ``yi1``, 不 ``bu4``, as
CC-CEDICT writes them), with tone 5 for the neutral tone, ``v`` for ü (``lv4``, ``nve4``:
ASCII, the convention of pypinyin and of most IMEs, and unambiguous because pinyin has
no ``v`` of its own) and ``r5`` for the erhua 儿 where CC-CEDICT writes it
(一点儿 → ``yi1 dian3 r5``).  A Han character that no source can read gets
``UNKNOWN_SYLLABLE``.

How a sentence is read (``read_sentence``):

* g2pM, a small BiLSTM trained on the CPP polyphone corpus (Wikipedia sentences), reads
  the whole sentence once and gives a probability for each reading of every polyphonic
  character.
* The word's CC-CEDICT reading and pypinyin's phrase list vote (see the weights in
  :mod:`.context`).  An everyday word's dictionary reading wins: g2pM learnt majority
  readings and is confidently wrong on words like 为什么 or 了解.  A segment CC-CEDICT
  lacks is split into the fewest CC-CEDICT words first (国家银行 → 国家 + 银行: háng).
* Where CC-CEDICT has a neutral tone or erhua that g2pM reads with a full tone (衣服
  yīfu, 知识 zhīshi), CC-CEDICT wins: that is the standard Mandarin reading learners are
  taught, and the one the gloss was written for.
* A polyphone that is a word of its own (更, 处, 应) also weighs the CC-CEDICT word it
  makes with its neighbours (本|应 yīng) and, for an everyday word, its commonest reading,
  which settles near ties only (更像 gèng).  A word CC-CEDICT reads with and without a
  neutral tone takes the reading with more senses, the neutral one at a tie (地方 dìfang,
  东西 dōngxi, 多少 duōshao).
* The function words 地, 得, 只, 没 and 为, standing alone, are read from their
  neighbours (慢慢地 de, 跑得快 de, 我得走 děi, 一只 zhī, 没来 méi, 为我 wèi), where g2pM
  is systematically wrong.
* Characters g2pM does not know (rare or traditional ones; traditional text is read
  through its simplified form) get pypinyin's reading, then CC-CEDICT's.

The package, by role: :mod:`.model` is g2pM (its tables and network), :mod:`.dictionaries`
the CC-CEDICT and pypinyin readings, :mod:`.context` the choice of a reading in its
sentence, and :mod:`.formatting` every way the syllables are shown.
"""

from flashgen.language.pinyin.context import (
    COMMON_WORD_BONUS,
    LEXICAL_BONUS,
    PHRASE_BONUS,
    read_sentence,
    read_sentences,
    reading_margin,
)
from flashgen.language.pinyin.dictionaries import cedict_readings, load_tables, word_reading
from flashgen.language.pinyin.formatting import (
    UNKNOWN_SYLLABLE,
    Piece,
    cedict_syllable,
    display_pinyin,
    is_spaced,
    numbered,
    pinyin_for,
    pinyin_pieces,
    token_pieces,
    tone_marks,
    tone_marks_spaced,
    tone_of,
)

__all__ = [
    "COMMON_WORD_BONUS",
    "LEXICAL_BONUS",
    "PHRASE_BONUS",
    "UNKNOWN_SYLLABLE",
    "Piece",
    "cedict_readings",
    "cedict_syllable",
    "display_pinyin",
    "is_spaced",
    "load_tables",
    "numbered",
    "pinyin_for",
    "pinyin_pieces",
    "read_sentence",
    "read_sentences",
    "reading_margin",
    "token_pieces",
    "tone_marks",
    "tone_marks_spaced",
    "tone_of",
    "word_reading",
]
