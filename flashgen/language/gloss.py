"""Glosses: the CC-CEDICT entry whose reading matches the chosen pinyin, cleaned for display.

Cleaning: senses stay in CC-CEDICT's order (most common first) except that
``variant of``, ``surname``, ``old``/archaic senses and cross-references go last,
and are dropped where the word has other senses (a label at the head of a sense, "(literary)
but; however", holds for each of its meanings); pronunciation notes
(``Taiwan pr. [...]``) are not meanings and are dropped; classifiers (``CL:个[ge4]``)
go to their own field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from flashgen.datatypes import DictEntry, Gloss, Idiom, Kind
from flashgen.language.pinyin import cedict_syllable
from flashgen.language.segment import dictionary_parts, jieba_tag
from flashgen.resources.cedict import Cedict, load_cedict
from flashgen.text.script import to_traditional

_CL = re.compile(r"^CL:(.*)$")
# Pronunciation notes, dropped (a tuple for str.startswith: cheaper than a regex).
_DROP = ("Taiwan pr.", "also pr.", "pr. ", "(Tw) pr.")
# trad|simp[pin1 yin1] or simp[pin1 yin1] -> simp (cross-references in senses).
_XREF = re.compile(r"(?:[^\s|\[\],;:()]+\|)?([^\s|\[\],;:()]+)\[([^\]]+)\]")
_LAST = re.compile(
    r"^(?:\((?:old|archaic|literary|dialect|Tw|Cantonese)\)|(?:old |archaic )?variant of|"
    r"surname |see |used in |abbr\. for |erroneous variant|Japanese variant|"
    r"\(bound form\)|(?:old|archaic)\b)",
    re.IGNORECASE,
)


def normalise_syllable(s: str) -> str:
    """``Ying1`` -> ``ying1``; ``lu:4`` -> ``lv4``; ``r5`` stays ``r5``; no tone -> tone 5."""
    s = cedict_syllable(s).replace("ü", "v")
    return s if s[-1:].isdigit() else s + "5"


def reading_key(pinyin: str | Sequence[str]) -> tuple[str, ...]:
    if isinstance(pinyin, str):
        return _reading_key(pinyin)
    return _syllables_key(pinyin if isinstance(pinyin, tuple) else tuple(pinyin))


# Keyed by the readings of a text's words: a few thousand distinct ones (memoised because
# the English match asks for the same word's key again at each of its occurrences).
@lru_cache(maxsize=1 << 15)
def _syllables_key(syllables: tuple[str, ...]) -> tuple[str, ...]:
    # filter(None): a syllable's normal form is never empty.
    return tuple(filter(None, map(_key_syllable, syllables)))


# Keyed by CC-CEDICT's pinyin strings (and a text's readings): a few tens of thousands.
@lru_cache(maxsize=1 << 16)
def _reading_key(pinyin: str) -> tuple[str, ...]:
    return tuple(filter(None, map(_key_syllable, pinyin.split())))


@lru_cache(maxsize=1 << 14)
def _key_syllable(s: str) -> str | None:
    """A reading key's syllable for ``s``; None for a token without a letter (not a
    syllable).  Each distinct token is worked out once: CC-CEDICT and the texts' readings
    use a few thousand, and every new word's key is made of them."""
    return normalise_syllable(s) if any(c.isalpha() for c in s) else None


def _toneless(key: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(s.rstrip("012345") for s in key)


def entries_for_reading(
    cedict: Cedict, word: str, syllables: Sequence[str], kind: Kind
) -> tuple[DictEntry, ...]:
    """The entries of ``word`` read as ``syllables``; common (lower-case) entries first.

    Falls back to the same syllables with any tone (tone sandhi of 一/不, neutral tones
    written with a full tone in the dictionary), then to all entries.
    """
    entries = cedict.lookup(word)
    if len(entries) < 2:
        # Nothing to choose between (most words): each step below keeps the one entry.
        return entries
    key = reading_key(syllables)
    exact = [e for e in entries if reading_key(e.pinyin) == key]
    chosen = exact or [e for e in entries if _toneless(reading_key(e.pinyin)) == _toneless(key)]
    chosen = chosen or list(entries)
    proper = [e for e in chosen if e.pinyin[:1].isupper()]
    common = [e for e in chosen if not e.pinyin[:1].isupper()]
    # A name is glossed from its proper-noun entry; anything else from its common one.
    return tuple(proper + common if kind == "name" else (common or proper))


def _clean_sense(sense: str) -> str:
    # "(idiom)" is what the Kind field already says.
    sense = sense.replace(" (idiom)", "").replace("(idiom) ", "")
    # A cross-reference has a "[": most senses have none, and skip the regex.
    if "[" not in sense:
        return sense.strip()
    return _XREF.sub(_xref_word, sense).strip()


def _xref_word(m: re.Match[str]) -> str:
    return m.group(1)


def _split_senses(sense: str) -> list[str]:
    """Split at "; " outside parentheses: "to tell; to inform" -> two senses."""
    # The common cases without the loop: no ";" (one sense), or no bracket at all (every
    # ";" is outside brackets; a lone closing one would make the depth negative).
    if ";" not in sense:
        one = sense.strip()
        return [one] if one else []
    if "(" not in sense and "[" not in sense and ")" not in sense and "]" not in sense:
        return [p.strip() for p in sense.split(";") if p.strip()]
    parts, depth, start = [], 0, 0
    for i, c in enumerate(sense):
        depth += c in "(["
        depth -= c in ")]"
        if c == ";" and depth == 0:
            parts.append(sense[start:i])
            start = i + 1
    parts.append(sense[start:])
    return [p.strip() for p in parts if p.strip()]


# CC-CEDICT's labels of a sense of another register than ordinary modern Chinese.  Not
# "(bound form)": CC-CEDICT labels so the commonest meanings of some characters ("(bound
# form) up; upper; above; previous" of 上), spread, they dropped "above" from 上.
_REGISTER = re.compile(r"^\((?:old|archaic|literary|dialect|Tw|Cantonese)\) ")


def _labelled(parts: list[str]) -> list[str]:
    """The meanings of one CC-CEDICT sense, each with the register label the sense
    starts with: CC-CEDICT labels a sense once, before all its meanings ("(literary) but;
    however"), and "however" alone read as an ordinary meaning of 第.

    >>> _labelled(["(literary) but", "however"])
    ['(literary) but', '(literary) however']
    """
    if len(parts) < 2:
        return parts
    m = _REGISTER.match(parts[0])
    if m is None:
        return parts
    return [parts[0], *(p if p.startswith("(") else m.group() + p for p in parts[1:])]


def clean(entries: Sequence[DictEntry]) -> Gloss | None:
    """Display senses and classifiers from one or more entries of the same reading."""
    senses: list[str] = []
    last: list[str] = []
    classifiers: list[str] = []
    for e in entries:
        for raw in e.senses:
            m = _CL.match(raw) if raw.startswith("CL:") else None
            if m:
                for cl in m.group(1).split(","):
                    cl = cl.split("|")[-1].strip()
                    if cl and cl not in classifiers:
                        classifiers.append(cl)
                continue
            if raw.startswith(_DROP):
                continue
            # Some entries pack several senses into one ("to tell; to inform"): they are
            # separate meanings for display and for matching the English.
            for part in _labelled(_split_senses(_clean_sense(raw))):
                if part in senses or part in last:
                    continue
                (last if _LAST.match(part) else senses).append(part)
    kept = senses or last
    if not kept:
        return None
    return Gloss(tuple(kept), tuple(classifiers), "cedict")


def idiom_gloss(idiom: Idiom) -> Gloss | None:
    """An idiom missing from CC-CEDICT: the list's Chinese explanation as the list writes
    it.  No character-by-character gloss: a character's first sense is seldom its sense
    in the idiom (肆 "four (banker's anti-fraud numeral)" in 大肆挥霍)."""
    if not idiom.explanation:
        return None
    return Gloss((idiom.explanation,), (), "idiom-list")


def gloss_for(
    word: str, syllables: Sequence[str], kind: Kind, idiom: Idiom | None = None
) -> tuple[Gloss | None, DictEntry | None]:
    """The gloss of ``word`` (simplified) read as ``syllables``, and the entry it came from."""
    return _gloss_for(word, tuple(syllables), kind, idiom)


# A text repeats its words: each (word, reading) is glossed once.  Bounded, so that a
# 20 MB text does not keep every word it ever met.
@lru_cache(maxsize=1 << 15)
def _gloss_for(
    word: str, syllables: tuple[str, ...], kind: Kind, idiom: Idiom | None
) -> tuple[Gloss | None, DictEntry | None]:
    cedict = load_cedict()
    entries = entries_for_reading(cedict, word, syllables, kind)
    if entries:
        # Merge entries that share the first entry's reading and case (several lines
        # of CC-CEDICT for the same word and reading), never across readings.
        if len(entries) == 1:
            same: Sequence[DictEntry] = entries
        else:
            key = reading_key(entries[0].pinyin)
            same = [
                e
                for e in entries
                if reading_key(e.pinyin) == key
                and e.pinyin[:1].isupper() == entries[0].pinyin[:1].isupper()
            ]
        gloss = clean(same)
        if gloss is not None:
            gloss = _without_transliteration(gloss, syllables)
            return _follow_variant(cedict, gloss, syllables, kind), _written(word, same)
    if idiom is not None:
        return idiom_gloss(idiom), None
    if kind == "word" and len(word) > 1 and jieba_tag(word) != "i":
        # A word the segmenter kept whole though CC-CEDICT lacks it (代工厂).  Not an
        # idiom of jieba's (以寡敌众): an idiom's characters seldom mean there what they
        # mean alone (肆 "four" in 大肆挥霍), so it has no meaning rather than theirs.
        return parts_gloss(dictionary_parts(word), syllables), None
    return None, None


# A row that only points to another word: its headword is no standard form of this one
# (㽞 "old variant of 留", 傢 "used in 傢伙").
_POINTER = re.compile(
    r"^(?:\(\w+\) )?(?:(?:old|archaic|unofficial|erroneous|Japanese) )?(?:variant of|used in) ",
    re.IGNORECASE,
)


def points_elsewhere(sense: str) -> bool:
    """Whether ``sense`` only points to another word ("used in 自个儿", "variant of 留"):
    it names a word and translates nothing."""
    return _POINTER.match(sense) is not None


def _written(word: str, same: Sequence[DictEntry]) -> DictEntry | None:
    """The row of ``same`` (one reading's rows) whose traditional form the card shows: not
    one that only points to another word; the one OpenCC writes the word as, if any (台
    tái: 臺, not the 台 of "(classical) you"); else the first.  None when every row points."""
    rows = [
        e for e in same if not all(_POINTER.match(s) for s in e.senses if not s.startswith("CL:"))
    ]
    if not rows:
        return None
    written = to_traditional(word)
    return next((e for e in rows if e.traditional == written), rows[0])


_NOT_LETTER = re.compile(r"[^a-z]")


def _without_transliteration(gloss: Gloss, syllables: Sequence[str]) -> Gloss:
    """Drop a sense that is just the word's pinyin ("guanxi" for 关系): it means nothing
    new and gives the answer away on a Recall card.  Kept if it is the only sense."""
    if len(gloss.senses) < 2:
        return gloss
    spelled = "".join(s.rstrip("012345") for s in reading_key(syllables)).replace("v", "u")
    kept = tuple(s for s in gloss.senses if _NOT_LETTER.sub("", s.lower()) != spelled)
    if not kept or len(kept) == len(gloss.senses):
        return gloss
    return Gloss(kept, gloss.classifiers, gloss.source)


_VARIANT_OF = re.compile(r"^(?:(?:old )?variant of|see) (\S+?)(?:\s|$)")


def _follow_variant(cedict: Cedict, gloss: Gloss, syllables: Sequence[str], kind: Kind) -> Gloss:
    """纪录 is only "variant of 记录", 缄口不言 only "see 闭口不言": show 记录's meaning
    (闭口不言's), after the note."""
    m = _VARIANT_OF.match(gloss.senses[0])
    if len(gloss.senses) != 1 or not m:
        return gloss
    target = entries_for_reading(cedict, m.group(1), syllables, kind)
    key = reading_key(target[0].pinyin) if target else ()
    found = clean([e for e in target if reading_key(e.pinyin) == key])
    if found is None:
        return gloss
    return Gloss(
        (*found.senses, gloss.senses[0]), found.classifiers or gloss.classifiers, gloss.source
    )


def with_sense_first(gloss: Gloss, sense: str) -> Gloss:
    """The same gloss with the sense that matched the sentence's English moved first."""
    if sense not in gloss.senses or gloss.senses[0] == sense:
        return gloss
    rest = tuple(s for s in gloss.senses if s != sense)
    return Gloss((sense, *rest), gloss.classifiers, gloss.source)


def parts_gloss(parts: Sequence[str], syllables: Sequence[str]) -> Gloss | None:
    """A word CC-CEDICT lacks that the segmenter keeps whole (代工厂, 空域, 访华): the
    meanings of its dictionary parts side by side, as one sense with source ``parts``
    (the card says it is a compound).  None when a part has no meaning.

    >>> parts_gloss(["代", "工厂"], ["dai4", "gong1", "chang3"]).senses
    ('代 to substitute, to act on behalf of others + 工厂 factory',)
    """
    cedict = load_cedict()
    shown, at = [], 0
    for part in parts:
        meaning = _part_meaning(cedict, part, syllables[at : at + len(part)])
        if meaning is None:
            return None
        shown.append(f"{part} {meaning}")
        at += len(part)
    return Gloss((" + ".join(shown),), (), "parts")


# How many senses of each part are shown: the first are a character's commonest.
_PART_SENSES = 2


def _part_meaning(cedict: Cedict, part: str, syllables: Sequence[str]) -> str | None:
    entries = entries_for_reading(cedict, part, syllables, "word")
    if len(part) == 1 and jieba_tag(part) in _PLACE_TAGS:
        # A character that stands for a country in compounds is read as that country
        # (俄 in 俄方 is Russia, not "suddenly"; 华 in 访华 China, not "magnificent"):
        # CC-CEDICT's proper-noun entry of the same reading that is an abbreviation.
        # Only where jieba's dictionary calls the character itself an abbreviation or
        # a place: 保 (a verb there) in 保值 is not Bulgaria.
        key = _toneless(reading_key(syllables))
        for e in cedict.lookup(part):
            if (
                e.pinyin[:1].isupper()
                and _toneless(reading_key(e.pinyin)) == key
                and any("abbr. for" in s for s in e.senses)
            ):
                entries = (e,)
                break
    gloss = clean(entries) if entries else None
    if gloss is None:
        return None
    senses = [_ABBR.sub("", s) for s in gloss.senses[:_PART_SENSES]]
    return ", ".join(senses)


_PLACE_TAGS = frozenset({"j", "ns"})
_ABBR = re.compile(r"^(?:\(bound form\) )?(?:abbr\. for )?")
