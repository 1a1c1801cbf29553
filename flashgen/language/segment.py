"""Segmentation: Chinese sentence -> typed tokens that cover it exactly.

jieba's algorithm (its most probable path through dictionary words, and its
part-of-speech HMM for unknown words) runs over a merged dictionary: jieba's own
``dict.txt`` plus every CC-CEDICT headword and every idiom, so that dictionary words
and idioms stay whole (英伟达, 至关重要).  The dictionary is a trie kept in flashgen's
cache folder (:mod:`flashgen.resources.lexicon`), and the cut is
:mod:`flashgen.language.posseg`, which
gives exactly what ``jieba.posseg.POSTokenizer`` gives over that dictionary without
loading jieba's prefix and tag tables at every start.

Traditional text is segmented through its simplified form (OpenCC ``t2s`` is a
character-for-character mapping here, so offsets are unchanged), which gives a
traditional text the same words as its simplified version.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

from flashgen.datatypes import Kind, Token
from flashgen.language.posseg import POSCutter
from flashgen.language.wordhmm import hmm_words
from flashgen.resources.cedict import Cedict, load_cedict
from flashgen.resources.idioms import Idioms, load_idioms
from flashgen.resources.levels import hsk_level
from flashgen.resources.lexicon import IDIOM_FREQ, Lexicon, load_lexicon
from flashgen.text.numerals import ZH_NUMERAL_CHARS
from flashgen.text.script import DOT_SPLIT, HAN_RANGES, NAME_DOTS, is_han_word, to_simplified
from flashgen.text.script import HAN as HAN_CHAR

HAN = HAN_RANGES

# Transliterated names joined by a middle dot (霍华德·卢特尼克) are one name.  The
# run of Han characters around the dots is longer than the name (商务部长霍华德·卢特
# 尼克在国会…); :func:`find_dot_names` trims it with jieba's name tags.
_DOT_RUN = re.compile(f"[{HAN}]+(?:[{NAME_DOTS}][{HAN}]+)+")
# Numbers: Arabic (ASCII or full-width) with separators, decimals, percent and
# Chinese magnitude units (4万亿, 50%, 1,000.5亿); or a run of Chinese numerals
# with units (一百五十, 数十亿) when the run is not a dictionary word.
_DIGITS = "0-9０-９"
_NUMBER = f"[{_DIGITS}]+(?:[.,．，][{_DIGITS}]+)*(?:[%％‰]|[十百千万亿兆]+)?"
# Latin tokens: words, acronyms with dots (A.I., U.S.), letters+digits (H20).
_LATIN = r"[A-Za-zＡ-Ｚａ-ｚ](?:[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]|[.\-'’&+](?=[A-Za-z0-9Ａ-Ｚａ-ｚ]))*\.?"
_PROTECTED_RE = f"(?P<latin>{_LATIN})|(?P<number>{_NUMBER})"
_PROTECTED = re.compile(_PROTECTED_RE)
# Tags jieba gives to pieces of transliterated personal names (卢特/nr 尼克/nrt).
_PERSON_TAGS = frozenset({"nr", "nrt", "nrfg"})
# A run of Chinese numerals, with 兆 and the approximate 数 and 几 (数十亿, 几百).
_CN_NUMERAL = re.compile(f"[{ZH_NUMERAL_CHARS}兆数几]+")

# jieba part-of-speech tags for proper names: person (nr, nrfg, nrt), place (ns),
# organisation (nt).  ``nz`` ("other proper noun") is too broad in jieba's
# dictionary (it covers brands and technical terms) to mean "name".
NAME_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nt"})


Span = tuple[int, int, Kind, str]  # start, end, kind, jieba's tag ("" where none)
# A token of one of jieba's words: its Span from the word's start, its text, and whether
# it is all magnitude units (万亿), which join a number just before them.
_Piece = tuple[int, int, Kind, str, str, bool]


@dataclass(frozen=True, slots=True)
class _Segmenter:
    lexicon: Lexicon  # the merged dictionary (jieba's counts, tags, "is known")
    pos: POSCutter  # jieba's part-of-speech cut over it
    cedict: Cedict
    idioms: Idioms
    # The tokens of each (word, tag) jieba gives, once worked out (see _segment_run).
    pieces: dict[tuple[str, str], tuple[_Piece, ...]] = field(default_factory=dict)
    # Whole sentences' tokens (see segment).
    sentences: dict[tuple[str, frozenset[str]], tuple[Token, ...]] = field(default_factory=dict)


@cache
def _segmenter() -> _Segmenter:
    lexicon = load_lexicon()
    return _Segmenter(lexicon, POSCutter(lexicon), load_cedict(), load_idioms())


def jieba_count(word: str) -> int:
    """jieba's corpus count for ``word`` (0 for words only CC-CEDICT or the idiom list has)."""
    return _segmenter().lexicon.jieba_count(word)


def jieba_tag(word: str) -> str:
    """The part-of-speech tag of ``word`` in the segmenter's dictionary ("x" if none):
    ``j`` (abbreviation) and ``ns`` (place) for 俄 and 华, ``v`` for 保."""
    return _segmenter().lexicon.tag(word)


def zipf(word: str) -> float:
    """A Zipf-scale frequency (log10 of occurrences per billion words) from jieba's counts."""
    count = jieba_count(word)
    if not count:
        return 0.0
    return round(math.log10(count / _segmenter().lexicon.total * 1e9), 2)


def _split_into_words(text: str, seg: _Segmenter) -> list[str]:
    """Split a Han run into dictionary words: fewest pieces, then the most frequent.

    >>> # 美国政府 -> 美国 / 政府 (jieba keeps it whole; CC-CEDICT does not have it)
    """
    n = len(text)
    freq = seg.lexicon.freq
    best: list[tuple[int, float, int]] = [(0, 0.0, 0)] + [(n + 1, 0.0, 0)] * n
    for end in range(1, n + 1):
        for start in range(max(0, end - 12), end):
            piece = text[start:end]
            if end - start > 1 and piece not in seg.cedict and piece not in seg.idioms:
                continue
            pieces, score, _ = best[start]
            cand = (pieces + 1, score + math.log(freq(piece) + 1), start)
            if cand[0] < best[end][0] or (cand[0] == best[end][0] and cand[1] > best[end][1]):
                best[end] = cand
    out = []
    end = n
    while end > 0:
        start = best[end][2]
        out.append(text[start:end])
        end = start
    return out[::-1]


def _kind_of_han(word: str, tag: str, seg: _Segmenter) -> Kind | None:
    """The kind of a Han token, or None when it should be split into dictionary words."""
    if word in seg.idioms:
        return "idiom"
    if (
        tag.startswith("m")
        and len(word) > 1
        and _CN_NUMERAL.fullmatch(word)
        and hsk_level(word) is None
    ):
        # 二十, 几十 are quantities; 千万 "by all means" and 万一 "in case", which jieba
        # also tags as numerals, are HSK vocabulary and stay words.
        return "number"
    if len(word) > 1 and _named_in_cedict(word, tag, seg):
        return "name"
    if word in seg.cedict or len(word) == 1:
        return "word"
    if _CN_NUMERAL.fullmatch(word):
        return "number"
    if tag in NAME_TAGS:
        return _unknown_name(word, tag, seg)
    return _unknown_word(word, tag, seg)


def _named_in_cedict(word: str, tag: str, seg: _Segmenter) -> bool:
    """A CC-CEDICT proper noun that jieba tags as a name, or as another proper noun
    (``nz``) when its English is a name too: 美圆/nz "US dollar" is an ordinary word."""
    if not seg.cedict.is_proper_noun(word):
        return False
    return tag in NAME_TAGS or (tag == "nz" and _english_is_a_name(word, seg))


_VARIANT_ROW = re.compile(r"^(?:\w+ )?variant of ")
# Words a name's English may have in lower case (Ministry of Foreign Affairs).
_NAME_LINKS = frozenset("of the and for on in at de von van da del la le".split())


def _english_is_a_name(word: str, seg: _Segmenter) -> bool:
    """Whether CC-CEDICT's first sense of ``word``, up to a bracket or comma, is written
    as a name: every word capitalised (Airbus, Wang Yi), but for "of", "the" and such."""
    # The first sense that is a meaning, not a pointer to another row (谷歌's first row
    # is "variant of 谷歌[Gu3 ge1]", its second "Google, Internet company ...").
    senses = [
        sense
        for e in seg.cedict.lookup(word)
        for sense in e.senses
        if not _VARIANT_ROW.match(sense)
    ]
    head = re.split(r"[(,;]", senses[0] if senses else "")[0].split()
    return bool(head) and all(w[:1].isupper() or w[:1].isdigit() or w in _NAME_LINKS for w in head)


def _unknown_name(word: str, tag: str, seg: _Segmenter) -> Kind | None:
    """A name jieba finds that CC-CEDICT lacks: "name", or None when it is ordinary words."""
    # jieba tags compounds of ordinary words as names too (美国政府/nt, 上周四/nt,
    # 上市公司/nt).  A real name unknown to CC-CEDICT (黄仁勋) does not split into
    # multi-character dictionary words; such a compound does.
    # 上周四 splits into 上周 + 四: one ordinary multi-character word is enough.
    # A name that splits into a dictionary word and two or more characters in a row that
    # are no word (沂蒙山区 -> 沂 / 蒙 / 山区, 长庆油田) is a name all the same: split, it
    # gave cards for 沂 and 蒙.  One character beside a word is read as words (太 / 高兴,
    # 喝 / 咖啡, 谢谢 / 您: not names).
    pieces = _split_into_words(word, seg)
    if (
        len(pieces) > 1
        and any(len(p) > 1 and p in seg.cedict and not seg.cedict.is_proper_noun(p) for p in pieces)
        and not _unknown_core(pieces)
    ):
        return None
    if len(word) == 2 and _two_words_not_a_name(word, tag, seg):
        return None
    return "name"


def _unknown_core(pieces: list[str]) -> bool:
    """Two or more single characters in a row among ``pieces``, not all of them grammar
    characters or numerals: a name's own part, which no dictionary has (沂蒙 of
    沂蒙山区, 长庆 of 长庆油田)."""
    run: list[str] = []
    for p in [*pieces, ""]:
        if len(p) == 1:
            run.append(p)
            continue
        if len(run) > 1 and not all(_stands_alone(c) for c in run):
            return True
        run = []
    return False


def _two_words_not_a_name(word: str, tag: str, seg: _Segmenter) -> bool:
    """Two characters jieba took for a name that read as two words: a person's name in
    jieba's dictionary whose first character is no surname (太贵/nr "too expensive"), or
    a place jieba's HMM made up that ends in a verb (钱藏/ns, "hide the money")."""
    first, second = word[0], word[1]
    if seg.lexicon.jieba_count(word):
        return tag in _PERSON_TAGS and not is_surname(first)
    if tag in _PERSON_TAGS:
        return False  # 陈立: given names are often verbs
    common = [e for e in seg.cedict.lookup(second) if not e.pinyin[:1].isupper()]
    return bool(common) and common[0].senses[:1] != () and common[0].senses[0].startswith("to ")


def _unknown_word(word: str, tag: str, seg: _Segmenter) -> Kind | None:
    """A word jieba knows that CC-CEDICT lacks: kept whole ("word") when splitting it
    would leave a character that is no word on its own there (代工厂 is not 代 + 工厂,
    访华 not 访 + 华); split (None) when it is a phrase of dictionary words (美国政府),
    a quantity (十分钟), a demonstrative with its measure word (这家, 这笔), grammar
    and a word (太重, 第八课, 别动: :func:`_grammar_and_word`) or content words (读完,
    试试, 打篮球: :func:`_phrase_of_words`).  Only words of jieba's
    dictionary are kept: those its HMM makes up are often wrong (中国在购买芯片上花的钱:
    not 上花)."""
    if tag.startswith(("m", "r")) or not seg.lexicon.jieba_count(word):
        return None
    pieces = _split_into_words(word, seg)
    singles = [p for p in pieces if len(p) == 1]
    if not singles:
        return None  # words of the dictionary (贯彻落实 = 贯彻 + 落实): each carded as itself
    if tag == "i" and len(word) >= 4:
        # An idiom of jieba's (以寡敌众) that the idiom list lacks; its "idioms" of three
        # characters are often phrases (坐船去), split as below.
        return "word"
    # A grammar character (本, 最, 于: Zipf 5.5 or more) is a word of its own beside a
    # dictionary word: 本周, 最强 and 领先于 split as before.  Kept whole, MSR's F1 fell
    # from 0.869 to 0.864; with this rule it stays (benchmarks/segmentation.py).
    if any(zipf(p) >= _GRAMMAR_ZIPF for p in singles) or _not_one_word(pieces, seg):
        return None
    return "word"


_GRAMMAR_ZIPF = 5.5

# A character jieba tags as an adverb (d) or pronoun (r: jieba tags 别 "don't", 该
# "should" and 另 "another" so too) this common (Zipf 5.0, once every 100,000 words: 太
# 5.3, 真 5.2, 别 5.1) is used alone; those rarer are mostly literary and bound in modern
# words (特 4.8 in 特供 "special supply", 亦, 皆, 必).  Of the words of jieba's dictionary
# that CC-CEDICT lacks, the rule below splits 587 at 5.0 (太重, 别动, 该帮, 五天); at 4.5
# 107 more, literary (何物, 诸法, 颇丰) and names (何清涟).
_FUNCTION_ZIPF = 5.0
# Units this long in jieba's dictionary are set phrases, titles and terms (真抓实干,
# 八项注意, 四氟乙烯), not grammar and a word.
_PHRASE_MAX_CHARS = 3


def _grammar_and_word(pieces: list[str], seg: _Segmenter) -> bool:
    """Whether a word of jieba's dictionary that CC-CEDICT lacks, split into ``pieces``
    (dictionary words and characters), is a phrase of grammar and a word rather than a
    compound whose parts compose: an adverb before an adjective (太 / 重 "too heavy", 真
    / 难, 越 / 少), a pronoun before a word (别 / 动 "don't move", 该 / 帮, 另 / 一面), a
    count and the measure word it counts (五 / 天, 第 / 八 / 课), a verb or adjective and
    its modal particle (懂 / 吗, 玩 / 吧).  Carded whole, such a unit was glossed by its
    parts ("太 highest, greatest + 重 heavy"); split, the word in it is a word of its own.

    Not an adverb or preposition before a verb: those characters are as often prefixes
    bound in compounds (自考, 直射, 共建, 先遣, 除湿, 同姓 among jieba's words), which the
    tags do not tell from 同住 "live together" or 未获 "did not win"."""
    tag = seg.lexicon.tag
    first, second, last = pieces[0], pieces[1], pieces[-1]
    if len(first) == 1:
        if first == "第" and second[0] in ZH_NUMERAL_CHARS:
            return True  # an ordinal: 第 / 八 / 课
        if first in ZH_NUMERAL_CHARS and len(second) == 1 and is_classifier(second):
            return True  # a count and its measure word: 五 / 天
        role = tag(first)
        if role.startswith(("d", "r")) and zipf(first) >= _FUNCTION_ZIPF:
            return role.startswith("r") or tag(second).startswith("a")
    return len(last) == 1 and tag(last).startswith("y") and tag(pieces[-2]).startswith(("v", "a"))


def _not_one_word(pieces: list[str], seg: _Segmenter) -> bool:
    """Whether a word of jieba's dictionary that CC-CEDICT lacks, split into ``pieces``,
    is a phrase rather than a word: grammar and a word (:func:`_grammar_and_word`) or
    content words (:func:`_phrase_of_words`); of two pieces at least and three characters
    at most (longer units are set phrases and terms)."""
    if len(pieces) < 2 or sum(map(len, pieces)) > _PHRASE_MAX_CHARS:
        return False
    return _grammar_and_word(pieces, seg) or _phrase_of_words(pieces, seg)


# The result and direction complements of Chinese grammar, a closed class: after a verb
# they say how its action ended (读完 "finish reading", 盖住, 拿掉, 握紧, 讲清楚) or where
# it went (搬进, 倒入, 放回, 爬起来, 送往); the word to study is the verb.
_COMPLEMENTS = frozenset(
    "完 好 到 见 懂 住 掉 开 进 入 出 回 起 死 紧 走 成 光 错 往 上 下 来 去 过 清楚 干净"
    " 起来 出来 出去 下来 下去 上来 上去 回来 回去 过来 过去 进来 进去".split()
)
# A verb this everyday (HSK levels 1-5: 读, 搬, 倒, 投) takes a complement as a phrase;
# rarer and literary ones are bound in compounds with the same characters (购进 "to
# purchase", 迈入 "to stride into", 跨入: HSK 6, 7 or none).
_EVERYDAY_LEVEL = 5
_OBJECT_VERB_LEVEL = 4


def _phrase_of_words(pieces: list[str], seg: _Segmenter) -> bool:
    """Whether a word of jieba's dictionary that CC-CEDICT lacks, split into ``pieces``,
    is a phrase of content words, each a word of its own, rather than a compound whose
    parts compose: a reduplicated verb (试 / 试 "have a try", 摇 / 摇头), a verb and its
    complement (读 / 完, 搬 / 进, 帮 / 不了, 办 / 得到), a one-character verb and a noun
    as its object (喝 / 啤酒, 打 / 篮球, 讲 / 故事).  Carded whole, such a unit was glossed
    by its parts ("喝 to drink + 啤酒 beer"), which is no word to study.

    Not a one-character verb before a one-character noun: 喝水 and 坐船 are phrases, but
    保值, 治水, 建房, 办证 are compounds with the same tags, frequencies and levels."""
    first, second = pieces[0], pieces[1]
    # Each piece an everyday word of its own (HSK 1-5): rarer characters repeated or
    # before 不 are names and set terms (峥峥, 卓不凡).
    if len(first) != 1 or not _everyday(first):
        return False
    if second[0] == first:
        return True  # reduplicated: 试 / 试, 摇 / 摇头
    if len(pieces) > 2:
        return False
    if len(second) > 1 and second[0] in "不得":
        return True  # a potential complement or a question: 帮 / 不了, 办 / 得到, 够 / 不够
    verb = _a_verb(first, seg)
    if second in _COMPLEMENTS:
        # A verb or an adjective (累 / 死, 稳 / 住), not a noun (国光, 先上来).
        return verb or seg.lexicon.tag(first).startswith("a")
    # The object a noun of the HSK lists and the verb everyday: 聚 / 烯烃, 止 / 泻药 and
    # 超 / 巨星 are terms whose verb modifies a noun, not a verb and its object.
    # The verb of HSK 1-4 (打, 讲, 弹): 代 (HSK 5) of 代工厂 "contract factory" is bound
    # to 工 in 代工, which CC-CEDICT lacks.
    # Nor a verb of several readings (弹 tán / dàn, 打, 喝): kept whole, the unit is read
    # as one word, whose dictionaries vote for the verb's reading (弹钢琴 tán); split,
    # g2pM read the lone 弹 of 她每天弹钢琴 dàn "bullet".
    level = hsk_level(first)
    return (
        verb
        and level is not None
        and level <= _OBJECT_VERB_LEVEL
        and len(second) > 1
        and seg.lexicon.tag(second).startswith("n")
        and hsk_level(second) is not None
        and len({p.lower() for p in seg.cedict.pinyins(first)}) == 1
    )


def _everyday(word: str) -> bool:
    """Whether ``word`` is an everyday word: one of HSK levels 1 to 5."""
    level = hsk_level(word)
    return level is not None and level <= _EVERYDAY_LEVEL


def _a_verb(char: str, seg: _Segmenter) -> bool:
    """Whether ``char`` is a verb: jieba tags it one, or CC-CEDICT's first common reading
    of it starts with a verb ("to wear", for 穿, which jieba tags ``zg``) and jieba does
    not tag it a noun (省 "province", first "to save" in CC-CEDICT)."""
    tag = seg.lexicon.tag(char)
    if tag.startswith("v"):
        return True
    common = [e for e in seg.cedict.lookup(char) if not e.pinyin[:1].isupper()]
    return (
        tag != "n"
        and bool(common)
        and common[0].senses[:1] != ()
        and common[0].senses[0].startswith("to ")
    )


def _stands_alone(char: str) -> bool:
    """Whether a character left over when a word is split is a word of its own there: a
    grammar character (本, 最, 于: Zipf 5.5 or more) or a numeral (上周四 -> 上周 + 四)."""
    return zipf(char) >= _GRAMMAR_ZIPF or bool(_CN_NUMERAL.fullmatch(char))


def is_grammar_character(char: str) -> bool:
    """Whether ``char`` is a grammar character or a numeral, a word of its own beside
    any other (:func:`_stands_alone`: 本, 最, 于, 四)."""
    return _stands_alone(char)


def in_cedict(word: str) -> bool:
    """Whether CC-CEDICT has ``word`` (simplified) as a headword."""
    return word in _segmenter().cedict


def dictionary_parts(word: str) -> list[str]:
    """``word`` split into CC-CEDICT words and idioms (fewest pieces, then the most
    frequent), single characters where there is none.

    >>> dictionary_parts("代工厂")
    ['代', '工厂']
    """
    return _split_into_words(word, _segmenter())


_NUMBER_RE = re.compile(f"^{_NUMBER}$")
_LATIN_RE = re.compile(f"^{_LATIN}$")


def _classify_other(text: str) -> Kind:
    if HAN_CHAR.search(text):
        return "word"
    if _NUMBER_RE.match(text):
        return "number"
    if _LATIN_RE.match(text):
        return "latin"
    return "punct"


def _segment_run(
    sentence: str, simp: str, start: int, stop: int, seg: _Segmenter, out: list[Token]
) -> None:
    """Append the tokens of ``sentence[start:stop]`` (``simp``: the sentence simplified)."""
    pos = start
    known = seg.pieces
    same = sentence is simp  # then a token's text is its piece's
    # tuple.__new__ as Token._make uses it: the named tuple's own __new__ is a Python
    # function, twice the time per token (measured: 0.97 against 0.42 µs).
    new = tuple.__new__
    cut = seg.pos.cut(simp[start:stop])
    if "们" in simp:
        _plural_whole(cut, seg)
    for word_tag in cut:
        pieces = known.get(word_tag)
        if pieces is None:
            word = word_tag[0]
            pieces = tuple(
                (s, e, k, t, word[s:e], bool(_MAGNITUDES.match(word, s, e)))
                for s, e, k, t in _pieces(*word_tag, seg)
            )
            if len(known) >= _PIECES_KEPT:
                known.clear()  # bounded; the pieces only depend on the word and tag
            known[word_tag] = pieces
        for s, e, kind, tag, text, magnitude in pieces:
            s += pos
            e += pos
            # Tokens are contiguous: the last one ends where this one starts.
            if magnitude and out and out[-1].kind == "number":
                # A magnitude unit jieba cut off a number joins it (三十 / 万亿 -> 三十万亿).
                s, kind, tag = out.pop().start, "number", ""
                text = sentence[s:e]
            elif not same:
                text = sentence[s:e]
            out.append(new(Token, (text, s, e, kind, tag)))
        pos += len(word_tag[0])


# Most words ending in 们 (the plural pronouns) need no look.
_PRONOUNS = frozenset("我们 你们 您们 他们 她们 它们 咱们".split())


def _plural_whole(cut: list[tuple[str, str]], seg: _Segmenter) -> None:
    """Move the plural suffix 们 onto the whole noun it follows, in place: jieba's path
    cuts 老人们 as 老 / 人们 and 年轻人们 as 年轻 / 人们, because 人们 "people" is a
    frequent word, which carded 老 "old" alone; 们 makes a plural of the noun 老人,
    which CC-CEDICT has and jieba tags a noun (老人 / 们, as MSR's hand segmentation
    cuts it)."""
    for k in range(1, len(cut)):
        word = cut[k][0]
        if word[-1] != "们" or word in _PRONOUNS:
            continue
        first, first_tag = cut[k - 1]
        # An adjective or noun before it (老, 年轻), not a verb or preposition (令 / 为
        # 人们: 令人 and 为人 are words, but here 人们 is the object).
        if len(word) >= 2 and first_tag.startswith(("a", "n")):
            noun = first + word[:-1]
            tag = seg.lexicon.tag(noun)
            if tag.startswith("n") and noun in seg.cedict and not seg.cedict.is_proper_noun(noun):
                cut[k - 1] = (noun, tag)
                cut[k] = ("们", seg.lexicon.tag("们"))


# (word, tag) pairs whose tokens are kept: on Tatoeba's 210,000 tokens there are 25,000
# distinct pairs; a few megabytes.
_PIECES_KEPT = 1 << 15


def _pieces(word: str, tag: str, seg: _Segmenter) -> tuple[Span, ...]:
    """The tokens of one of jieba's words, with offsets from its start."""
    if not is_han_word(word):
        # jieba's non-Han pieces: whitespace, punctuation, symbols, emoji.
        return tuple(_split_non_han(word, 0))
    kind = _kind_of_han(word, tag, seg)
    if kind is not None:
        return ((0, len(word), kind, tag),)
    out: list[Span] = []
    at = 0
    pieces = _split_compound(word, tag, seg)
    bound = _bound_pieces(word, tag, pieces, seg)
    for piece in pieces:
        # A proper noun that was part of a compound (美国 in 美国政府) is still a name.
        piece_kind: Kind = "word"
        if len(piece) > 1 and seg.cedict.is_proper_noun(piece):
            piece_kind = "name"
        elif tag.startswith("m") and _CN_NUMERAL.fullmatch(piece) and at == 0:
            piece_kind = "number"
        elif bound and len(piece) == 1:
            piece_kind = "part"
        out.append((at, at + len(piece), piece_kind, ""))
        at += len(piece)
    return tuple(out)


def _bound_pieces(word: str, tag: str, pieces: list[str], seg: _Segmenter) -> bool:
    """Whether the single characters of a unit jieba saw and the segmenter split are no
    words of their own: a unit its HMM made of characters that are no dictionary words
    together (麦棠源, a reporter's name it did not tag as one).  Carded, such a character
    was glossed out of its word (麦 "wheat").  The single characters of a split are words
    where the split is read as words: a grammar character beside them (放 / 在, 此 / 举,
    很 / 美), a quantity or a demonstrative with its measure word (一 / 份, 这 / 项), two
    words jieba took for a name (钱 / 藏)."""
    singles = [p for p in pieces if len(p) == 1]
    if not singles or tag.startswith(("m", "r")) or any(_stands_alone(p) for p in singles):
        return False
    if _not_one_word(pieces, seg):
        return False  # 太 / 重, 第 / 八 / 课, 读 / 完: as split by _unknown_word
    return not (len(word) == 2 and _two_words_not_a_name(word, tag, seg))


def _split_compound(word: str, tag: str, seg: _Segmenter) -> list[str]:
    """Split a token CC-CEDICT lacks into dictionary words.

    A quantity phrase (jieba tag ``m``: 十分钟, 二十个) first loses its numeral, so that
    十分钟 is 十 / 分钟 ("ten minutes"), never 十分 / 钟 ("very" + "clock").
    """
    m = _CN_NUMERAL.match(word)
    if tag.startswith("m") and m and m.end() < len(word):
        return [m.group(), *_split_into_words(word[m.end() :], seg)]
    return _split_into_words(word, seg)


def _split_non_han(text: str, start: int) -> Iterator[tuple[int, int, Kind, str]]:
    # One token per maximal run of the same kind; spaces and symbols are "punct".
    for m in re.finditer(r"\s+|[^\s]", text):
        yield start + m.start(), start + m.end(), _classify_other(m.group()), "x"


def find_dot_names(text: str, simplified: str | None = None) -> list[str]:
    """Transliterated names written with a middle dot, trimmed to the name itself
    (``simplified``: ``text`` in simplified characters, when the caller has it).

    >>> find_dot_names("商务部长霍华德·卢特尼克在国会提名听证会上说")
    ['霍华德·卢特尼克']
    """
    seg = _segmenter()
    names = []
    for m in _DOT_RUN.finditer(to_simplified(text) if simplified is None else simplified):
        parts = DOT_SPLIT.split(m.group())
        dots = [d.group() for d in DOT_SPLIT.finditer(m.group())]
        # The first part ends with the given name: keep jieba's last token.
        first = seg.pos.cut(parts[0])[-1][0]
        # The last part starts with the surname, possibly cut in pieces (卢特/尼克).
        tail = seg.pos.cut(parts[-1])
        last = tail[0][0]
        for word, flag in tail[1:]:
            if flag not in _PERSON_TAGS:
                break
            last += word
        middle = parts[1:-1]
        pieces = [first, *middle, last]
        name = "".join(p + d for p, d in zip(pieces, [*dots, ""], strict=True))
        start = m.start() + len(parts[0]) - len(first)
        names.append(text[start : start + len(name)])
    return names


def name_parts(names: list[str]) -> frozenset[str]:
    """Whole dot names and their parts of two or more characters (卢特尼克 alone later on)."""
    out = set(names)
    for n in names:
        out.update(p for p in DOT_SPLIT.split(n) if len(p) > 1)
    return frozenset(out)


@lru_cache(maxsize=256)  # one pattern per set of names met in a sentence
def _protected_with(names: frozenset[str]) -> re.Pattern[str]:
    if not names:
        return _PROTECTED
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(f"(?P<name>{alternatives})|{_PROTECTED_RE}")


def segment(sentence: str, names: frozenset[str] = frozenset()) -> list[Token]:
    """Tokens covering ``sentence`` exactly, each with its kind.

    ``names`` are names known from elsewhere in the document (see :func:`find_dot_names`
    and :func:`name_parts`); names written with a middle dot in this sentence are
    found here too.

    >>> [t.text for t in segment("英伟达首席执行官黄仁勋")]
    ['英伟达', '首席执行官', '黄仁勋']
    """
    if not sentence:
        return []
    seg = _segmenter()
    done = seg.sentences.get((sentence, names))
    if done is not None:
        return list(done)
    tokens = _segment(sentence, names, seg)
    if len(sentence) <= _SENTENCE_KEPT_MAX_CHARS:
        if len(seg.sentences) >= _SENTENCES_KEPT:
            seg.sentences.clear()  # bounded; the tokens only depend on the sentence and names
        seg.sentences[sentence, names] = tuple(tokens)
    return tokens


# Sentences whose tokens are kept: a text repeats some (Tatoeba: 29,155 sentences, 25,543
# distinct; "我不知道。" 40 times), often far apart: with 4,096 kept only 700 of the
# 3,600 repeats were found, with all of them kept 10% of segmentation is saved.  The
# sentences that recur are short ones; a long sentence (news, novels) rarely comes
# back and would cost kilobytes, so only short ones are kept: at most some 16 MB.
_SENTENCES_KEPT = 1 << 15
_SENTENCE_KEPT_MAX_CHARS = 32


def _segment(sentence: str, names: frozenset[str], seg: _Segmenter) -> list[Token]:
    simp = to_simplified(sentence)
    names = names | name_parts(find_dot_names(sentence, simp)) if DOT_SPLIT.search(simp) else names
    if names:  # mostly none: no new set to make and hash
        names = frozenset(to_simplified(n) for n in names)
    out: list[Token] = []
    pos = 0
    for m in _protected_with(names).finditer(simp):
        s, e = m.span()
        if s > pos:
            _segment_run(sentence, simp, pos, s, seg, out)
        kind: Kind = m.lastgroup  # type: ignore[assignment]
        tag = "nr" if kind == "name" else ""
        if out and out[-1].kind == "number" and _MAGNITUDES.match(simp, s, e):
            s, kind, tag = out.pop().start, "number", ""  # as in _segment_run
        out.append(Token(sentence[s:e], s, e, kind, tag))
        pos = e
    if pos < len(simp):
        _segment_run(sentence, simp, pos, len(simp), seg, out)
    return out


_MAGNITUDES = re.compile("[十百千万亿兆]+$")  # matched from a token's start to its end


def segment_spans(sentence: str) -> list[tuple[int, int]]:
    """Just the (start, end) offsets of :func:`segment` (for benchmarks)."""
    return [(t.start, t.end) for t in segment(sentence)]


# --- a second opinion -------------------------------------------------------
_HAN_RUN = re.compile(f"[{HAN}]+")


def _han_run_at(sentence: str, start: int) -> tuple[str, int, int] | None:
    """The run of Han characters (simplified) holding ``start``: its text, where it
    begins in ``sentence`` and where ``start`` is in it; None off a run."""
    simp = to_simplified(sentence)
    m = next((m for m in _HAN_RUN.finditer(simp) if m.start() <= start < m.end()), None)
    return None if m is None else (m.group(), m.start(), start - m.start())


def jieba_dictionary_words(sentence: str) -> list[tuple[int, int]]:
    """The words of two or more characters that jieba's own dictionary finds in
    ``sentence``, as (start, end): bare jieba's cut without its HMM
    (``jieba.cut(sentence, HMM=False)``: the most probable path through the words of
    jieba's ``dict.txt``), over each run of Han characters.  Checked against bare jieba
    on the 1,047 lines of benchmarks/fragments.py's MSR and Xinhua texts: the same
    words in all but 2 (jieba's idioms weigh IDIOM_FREQ here).

    A second opinion on the segmenter's single characters (see
    :func:`inside_a_longer_word`).  Without jieba's HMM, which on MSR's news made up
    more units than it found (已满, 乡去, 投些: of 140 characters it alone put inside a
    longer word, MSR's hand segmentation put 19 inside one).

    >>> s = "中国的能源需求量预计会翻一番"
    >>> [s[a:b] for a, b in jieba_dictionary_words(s)]
    ['中国', '能源', '需求量', '预计', '翻一番']
    """
    simp = to_simplified(sentence)
    return [
        (m.start() + a, m.start() + b)
        for m in _HAN_RUN.finditer(simp)
        for a, b in _run_words(m.group())
    ]


def jieba_dictionary_word(sentence: str, start: int) -> str | None:
    """The word of two or more characters of jieba's own dictionary (as
    :func:`jieba_dictionary_words` finds them) that the character at ``start`` of
    ``sentence`` is in, or None.

    >>> jieba_dictionary_word("上海公交一汽公司", 5)
    '一汽'
    """
    span = _dictionary_span(sentence, start)
    return None if span is None else sentence[span[0] : span[1]]


def _dictionary_span(sentence: str, start: int) -> tuple[int, int] | None:
    """Where, in ``sentence``, the word of :func:`jieba_dictionary_word` is."""
    found = _han_run_at(sentence, start)
    if found is None:
        return None
    run, offset, at = found
    for s, e in _run_words(run):
        if s <= at < e:
            return offset + s, offset + e
        if s > at:
            break
    return None


def jieba_guessed_unit(sentence: str, start: int) -> str | None:
    """The unit of two or more characters that bare jieba's default cut (``jieba.cut``,
    HMM on) makes up around the character at ``start`` of ``sentence``, or None.

    jieba's default cut takes the path through its dictionary's words (as
    :func:`jieba_dictionary_words`) and hands each run of two or more characters that
    path leaves one by one, and that its dictionary lacks as a whole, to its HMM
    (``jieba.finalseg.cut``), which joins some of them into units no dictionary has
    (已满, 装煤, 正十郎).  A character the segmenter cut out alone there is uncertain:
    the two cuts disagree and neither has a dictionary behind it.

    >>> jieba_guessed_unit("这些单位的位置基本已满", 10)
    '已满'
    >>> jieba_guessed_unit("把节能放在重要位置", 3) is None
    True
    """
    found = _han_run_at(sentence, start)
    if found is None:
        return None
    run, offset, at = found
    left, right = 0, len(run)
    for s, e in _run_words(run):
        if s <= at < e:
            return None  # inside a word of the dictionary: not the HMM's
        if e <= at:
            left = e
        elif s > at:
            right = s
            break
    # The characters the dictionary's path took one by one around ``at``.
    buf = run[left:right]
    if len(buf) < 2 or _segmenter().lexicon.jieba_count(buf):
        return None
    x = offset + left
    for unit in hmm_words(buf):
        if x <= start < x + len(unit):
            return sentence[x : x + len(unit)] if len(unit) > 1 else None
        x += len(unit)
    return None


@lru_cache(maxsize=4096)  # a run is asked about once per character carded from it
def _run_words(run: str) -> tuple[tuple[int, int], ...]:
    end = _jieba_route(_segmenter().lexicon, run)
    out = []
    x = 0
    while x < len(run):
        if end[x] - x > 1:
            out.append((x, end[x]))
        x = end[x]
    return tuple(out)


def _jieba_route(lex: Lexicon, run: str) -> list[int]:
    """For each position of ``run``, where the best path's word from there ends: jieba's
    ``get_DAG`` + ``calc`` over the words of its own dictionary (tie: the longer word)."""
    prefixes, in_jieba, freqs = lex.words.iter_prefixes_with_ids, lex.in_jieba, lex.freqs
    logtotal = _jieba_log_total()
    n = len(run)
    score = [0.0] * (n + 1)
    end = [0] * (n + 1)
    for idx in range(n - 1, -1, -1):
        best, best_end = -logtotal + score[idx + 1], idx + 1  # the character alone, count 1
        for word, k in prefixes(run[idx : idx + lex.max_len]):
            if in_jieba[k] and freqs[k]:
                x = idx + len(word)
                cand = math.log(freqs[k]) - logtotal + score[x]
                if cand >= best or x == idx + 1:  # the character's own count, if listed
                    best, best_end = cand, x
        score[idx], end[idx] = best, best_end
    return end


@cache
def _jieba_log_total() -> float:
    """log of jieba's own ``total``, the sum of its dictionary's counts.  The lexicon's
    total also counts the idioms and CC-CEDICT words it added (twice jieba's): with it,
    paths of fewer, longer words won where bare jieba's did not (猜出).  The lexicon's
    own additions are the words jieba lacks and the idioms it gave IDIOM_FREQ."""
    lex = _segmenter().lexicon
    idiom = lex.tag_names.index("i") if "i" in lex.tag_names else -1
    added = 0
    for f, own, tag in zip(lex.freqs, lex.in_jieba, lex.tags, strict=True):
        if not own:
            added += f
        elif tag == idiom and f == IDIOM_FREQ:
            added += IDIOM_FREQ
    return math.log(lex.total - added)


# Before a measure word they make a quantity, like a numeral: 第一 枚, 每 秒 (Zipf 5.3,
# under _GRAMMAR_ZIPF).
_QUANTITY_PREFIXES = frozenset("第每")


def inside_a_longer_word(sentence: str, start: int) -> str | None:
    """The word of jieba's own dictionary that the single character at ``start`` of
    ``sentence`` is a piece of, when the rest of that word is no grammar character or
    numeral (:func:`_stands_alone`); else None.

    Beside grammar characters a character is a word of its own, as the segmenter reads
    it too (:func:`_bound_pieces`): 放 of 放在, 项 of 这项, 墙 of 墙上 are words (MSR's
    hand segmentation agrees: 放 / 在, 墙 / 上); so is a measure word after a quantity
    (第一 枚, 每 秒) and a repeated character (短短, 一栋栋).  Beside other characters
    it is usually a piece: 翻 of 翻一番, 弗 of 弗利, 浪 of 小浪底.

    >>> inside_a_longer_word("中国的能源需求量预计会翻一番", 11)
    '翻一番'
    >>> inside_a_longer_word("把节能放在重要位置", 3) is None
    True
    """
    span = _dictionary_span(sentence, start)
    if span is None:
        return None
    s, e = span
    simp = to_simplified(sentence)
    char, rest = simp[start], simp[s:start] + simp[start + 1 : e]
    if all(c == char or c in _QUANTITY_PREFIXES or _stands_alone(c) for c in rest):
        return None
    if _split_as_a_phrase(simp[s:e]):
        return None
    return sentence[s:e]


def _split_as_a_phrase(word: str) -> bool:
    """Whether the segmenter splits ``word``, a word CC-CEDICT lacks, as a phrase
    (:func:`_not_one_word`: 重 of 太重 and 读 of 读完 are words there; :func:`_unknown_word`
    splits every such word)."""
    seg = _segmenter()
    return word not in seg.cedict and _not_one_word(_split_into_words(word, seg), seg)


def is_surname(char: str) -> bool:
    """Whether CC-CEDICT gives ``char`` a "surname ..." sense (王, 马, 孔; not 太)."""
    return any(s.startswith("surname ") for e in _segmenter().cedict.lookup(char) for s in e.senses)


def is_classifier(char: str) -> bool:
    """Whether ``char`` is a measure word: jieba tags it one (``q``: 篇, 批) or CC-CEDICT
    gives it a "classifier for ..." sense (艘 "classifier for ships", which jieba tags
    a numeral)."""
    if jieba_tag(char).startswith("q"):
        return True
    return any(
        s.startswith("classifier for ") for e in _segmenter().cedict.lookup(char) for s in e.senses
    )


def only_a_name(char: str) -> bool:
    """Whether every CC-CEDICT reading of ``char`` is a proper noun: 秦 (a surname, the
    Qin dynasty), 湘 (Hunan), 淮 (the Huai river).  Alone, such a character is a name."""
    return _segmenter().cedict.is_proper_noun(char)
