"""The choice of a reading in context: g2pM's probabilities weighed against the
dictionaries' votes, word by word (see :mod:`flashgen.language.pinyin`)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from flashgen.language.pinyin.dictionaries import (
    cedict_pieces,
    cedict_readings,
    cedict_sense_counts,
    cedict_word,
    fallback,
    final_particle,
    graded_reading,
    pair_readings,
    phrases,
    pypinyin_chars,
    verb_reading,
    zipf,
)
from flashgen.language.pinyin.model import g2pm
from flashgen.resources.cedict import load_cedict
from flashgen.resources.lexicon import load_lexicon
from flashgen.text.numerals import ZH_NUMERAL_CHARS
from flashgen.text.script import HAN, HAN_RUN, is_han

# How the dictionaries' votes are weighed against g2pM (see _choice): each vote adds its
# weight to the natural log of g2pM's probability for the reading it names.
#
# A common word's CC-CEDICT reading that pypinyin's phrase list does not contradict:
# ln 10^15, so it loses only to a g2pM 10^15 times surer of another reading.  g2pM is that
# sure against readings CC-CEDICT keeps from older usage (拖拽 tuōyè, 混行 húnxíng: 1e-17
# to 1e-29 on CPP dev), but contradicts everyday words at 1e-3 to 1e-13 (理发店 lǐfādiàn,
# 选中 xuǎnzhòng, 系上 jìshang, on Tatoeba).  Weights from 30 to 45 give the same results
# on the first 15,000 Tatoeba sentences and agree within 0.02 points on CPP dev
# (benchmarks/polyphones.py --tatoeba 15000).
COMMON_WORD_BONUS = 34.5
# A name's CC-CEDICT reading, or one that pypinyin's phrase list contradicts (穿着 as a
# noun chuānzhuó, or verb + 着 chuānzhe): it wins unless g2pM gives it less than
# e^-6 ≈ 0.25 %.  pypinyin's phrase list, less careful about polyphones, counts half as
# much.  Both chosen by grid search (3-10 and 0-5) on the even-numbered half of CPP dev
# and checked on the odd-numbered half; neighbouring values change either by 0.05 points
# at most.
LEXICAL_BONUS = 6.0
PHRASE_BONUS = 3.0
# A polyphone that is a word of its own (更, 没, 处) has no word to vote for its reading,
# and g2pM alone reads it by the majority reading of its Wikipedia sentences, sometimes at
# even odds (更像: gēng 0.56).  Two weaker votes weigh in: the CC-CEDICT word the character
# makes with its neighbours across the segmenter's cut (本|应 → 本应 yīng, 长|得 → 长得
# zhǎng), and pypinyin's reading of the character alone, its commonest (更 gèng).  The
# neighbour vote was chosen on the even-numbered half of CPP dev, checked on the odd one
# (+2 / -1 sentences, 3 to 6 alike).  The commonest reading is trusted only for an
# everyday word (see EVERYDAY_ZIPF): CPP's lone polyphones are mostly rare characters in
# Wikipedia's literary or place-name readings (掺 chān, 杓 sháo, 俟 sì), where pypinyin's
# first reading is wrong one time in four; a weight of 0.5 for every character cost 5 of
# CPP dev's 2,684 lone polyphones.  And it only settles a near tie (g2pM less than 73 %
# sure, e^1): pypinyin's first reading is not always the commonest (长 zhǎng before
# cháng), so a strong weight turns 太长了 (g2pM: cháng 0.84) into zhǎng.  For everyday
# words, weights 0.5 to 3 score alike on CPP dev (within a sentence a half).
NEIGHBOUR_BONUS = 4.0
# Where no word of the sentence votes, a longer word may still know the character with
# one of its neighbours (pair_reading): 挨肩 is no CC-CEDICT word, but 挨 is āi in every
# longer one with 挨肩 (挨肩儿, 挨肩擦背), and 累 lèi in every one with 累死 (累死累活),
# where g2pM read 我今天真是累死了。 lěi.  Only pairs inside the segmenter's word, or with
# a neighbour that is a word of its own, count (好|学校 is not 好学 hàoxué).  The same
# weight as a whole neighbouring word's: on CPP dev it changes two sentences, both for
# the better (存续期长 cháng, 挨肩 āi; weights 3-6 alike, 2: one; both in the
# odd-numbered half, so the even one could not choose); on all of Tatoeba, read without
# its English, eight readings, all to the right one (累死 lèi ×5, 宁死不降 xiáng, 藏宝
# cáng, 穷小子 xiǎozi).
PAIR_BONUS = 4.0
# A lone polyphone in a verb's place (_verb_context: 会弹吉他, 弹了一首, 藏着) takes the
# one reading under which CC-CEDICT makes it a verb, where its others are not
# (verb_reading: 弹 tán "to play" / dàn "bullet", 藏 cáng "to hide" / zàng
# "storehouse"): g2pM, which learnt 弹 from Wikipedia's bombs, read 27 of the 29 lone 弹
# of Tatoeba dàn.  Weighed as a neighbour's word is (no weight was tuned: CPP dev has no
# sentence it changes); on all of Tatoeba, read without its English, it changes 13
# readings, all to the right one (弹 tán ×7, 藏 cáng ×2, 长着 zhǎng ×2, 过着 guò, 还了
# huán).  A verb in jieba's tags before its object, after a word of its clause, is one
# too (他常常弹吉他, see _verb_with_object; not an adjective there: 长头发 cháng): 7 more
# on Tatoeba, all right, CPP dev +2.  Weights 6 and 8 (for 我会弹肖邦, g2pM dàn 0.988)
# cost CPP dev 2 and 3 sentences and read 9 and 12 of Tatoeba wrongly (收音机还开着 huán).
# A polyphone that is a piece of its own of a segment CC-CEDICT lacks is weighed the
# same way (_inside_votes: 弹|钢琴 after 正在, or a verb before a noun in one unit): on
# all of Tatoeba 20 readings change, all to the right one; none on CPP dev.
VERB_BONUS = 4.0
LONE_PRIOR_BONUS = 1.0
# A degree adverb grades an adjective: after 很, 太, 最 … a lone polyphone takes the
# reading under which it is one (graded_reading: 长 cháng "long", 脏 zāng "dirty").  g2pM,
# trained on Wikipedia, where a sentence-final 长 is mostly a title (部长 bùzhǎng), reads
# 时间很长。 zhǎng at 0.998 and 汤姆的房间很脏。 zàng: on Tatoeba read without its
# English, 24 of 36 长 after a degree adverb were zhǎng.  The weight beats g2pM up to
# 99.97 % sure (ln 0.9997/0.0003 ≈ 8.1); CPP dev has no such sentence that changes.
# A lone polyphone next to itself as a word of its own is a reduplicated adjective, and is
# weighed the same (长长的头发 cháng, 象长长一块布; g2pM read the second 长 zhǎng in
# both): on CPP dev one reading changes, to the right one (in the odd-numbered half; the
# even one has none to choose by); on all of Tatoeba read without its English, one, to
# the right one (他长长的故事).  A reduplicated verb of two readings has no graded one
# (数数, 弹弹), and a word CC-CEDICT has (好好, 重重, 空空) is no lone polyphone.
# A comparison (比 earlier in the clause) and 得 before or after it grade it too
# (_graded_place: 比水重, 重得多 zhòng; g2pM chóng): on all of Tatoeba 6 readings change,
# all to the right one; none on CPP dev.
GRADED_BONUS = 12.0
# The degree adverbs (a closed class).  Not 这么 / 那么, which also say how a verb is done
# (那么干 gàn "do it that way"), nor 越 (越长越高 zhǎng "the more it grows").
DEGREE_ADVERBS = frozenset(
    "很 太 挺 真 好 非常 特别 十分 相当 极 极其 极为 更 更加 最 比较 较 有点 有点儿 "
    "有些 越来越 格外 过于 蛮 怪".split()
)
# An everyday word: at least 30 occurrences per million words in jieba's counts (Zipf
# 4.5; 更 5.7, 没 5.6, 处 5.3, 藏 4.85; 掺 3.2, 俟 3.4).  On CPP dev Zipf 4.5 and 5 differ
# by one sentence (大率 shuài, literary), Zipf 4 costs five more.
EVERYDAY_ZIPF = 4.5
# The longest neighbouring word looked for around a lone polyphone (CPP dev: longer ones
# change nothing).
_NEIGHBOUR_SPAN = 3
# Added to g2pM's probabilities so that a reading it does not list has a (tiny) log.
_FLOOR = 1e-300


# --- the choice ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Votes:
    """What the dictionaries say about one character of a multi-character word."""

    lexical: str | None  # the reading all of CC-CEDICT's readings of the word agree on
    phrase: str | None  # pypinyin's reading, if the word is in its phrase list
    name: bool  # every CC-CEDICT reading of the word is a proper noun's


_NO_VOTES = _Votes(None, None, False)


def _is_light_form(dictionary: str, model: str) -> bool:
    """Whether ``dictionary`` is the neutral-tone or erhua form of ``model``'s syllable."""
    if dictionary == "r5":
        return model.startswith("er")
    return dictionary.endswith("5") and dictionary[:-1] == model[:-1]


def _settled(votes: _Votes) -> bool:
    """Whether the votes decide a polyphonic character whatever g2pM says.

    A common word whose reading both dictionaries give is read that way outright.
    g2pM learnt from Wikipedia sentences in which most polyphones have their majority
    reading, and is confidently wrong on everyday words: on the first 15,000 Tatoeba
    sentences it contradicts a word's only CC-CEDICT reading 625 times (为什么 wéi,
    高兴 xīng, 应该 yìng, 了解 le, 银行 xíng), almost always wrongly.  For names CC-CEDICT
    is the one more often wrong (勃艮第 gěn, 帖木儿 tiē), so they are weighed (_choice).
    """
    return votes.lexical is not None and votes.lexical == votes.phrase and not votes.name


@dataclass(frozen=True, slots=True)
class _Choice:
    """How a polyphonic character of a word is read, given g2pM's probabilities for its
    readings in one sentence.  Everything that depends on the word alone is worked out
    once per word (see :func:`_choice`); what is left per sentence is a few logs."""

    readings: tuple[str, ...]  # g2pM's readings of the character, in its order
    lexical: str | None  # the word's CC-CEDICT reading of it (see _Votes)
    # Each reading that can win, in sorted order (sorted: the same choice on every run),
    # with its index in ``readings`` (-1: g2pM does not list it) and the two bonuses
    # added to the log of its probability (0.0 where the dictionary does not name it).
    candidates: tuple[tuple[str, int, float, float], ...]

    def pick(self, probs: Sequence[float]) -> str:
        """The reading, from g2pM's probabilities of ``readings``."""
        lexical = self.lexical
        if lexical is not None:
            # g2pM's favourite: its first most probable reading
            best = self.readings[probs.index(max(probs))]
            if _is_light_form(lexical, best):
                return lexical
        chosen, top = "", 0.0
        for reading, at, lexical_bonus, phrase_bonus in self.candidates:
            # Added one after the other, as the weights are defined (adding 0.0 changes
            # nothing); the first best score wins.
            s = math.log((probs[at] if at >= 0 else 0.0) + _FLOOR) + lexical_bonus + phrase_bonus
            if not chosen or s > top:
                chosen, top = reading, s
        return chosen

    def margin(self, probs: Sequence[float]) -> float:
        """How far the reading :meth:`pick` chooses leads the next best: the difference
        of their scores (natural logs; inf where a rule, not the scores, decided)."""
        lexical = self.lexical
        if lexical is not None and _is_light_form(lexical, self.readings[probs.index(max(probs))]):
            return math.inf
        scores = sorted(
            (
                math.log((probs[at] if at >= 0 else 0.0) + _FLOOR) + lexical_bonus + phrase_bonus
                for _, at, lexical_bonus, phrase_bonus in self.candidates
            ),
            reverse=True,
        )
        return scores[0] - scores[1] if len(scores) > 1 else math.inf


def _choice(char: str, votes: _Votes) -> _Choice:
    """How the polyphone ``char`` is chosen where the dictionaries vote ``votes`` and
    do not settle it (see _settled).

    If g2pM's favourite reading is the full-tone form of CC-CEDICT's neutral tone or
    erhua, CC-CEDICT's wins (see the module's docstring).  Otherwise each reading scores
    the natural log of g2pM's probability plus the weights of the dictionaries that vote
    for it, and the best score wins.
    """
    lexical = votes.lexical
    if votes.name or votes.phrase not in (None, lexical):
        lexical_bonus = LEXICAL_BONUS
    else:
        lexical_bonus = COMMON_WORD_BONUS
    readings = g2pm().classes[char][0]
    candidates = sorted(set(readings) | {v for v in (lexical, votes.phrase) if v})
    return _Choice(
        readings,
        lexical,
        tuple(
            (
                r,
                readings.index(r) if r in readings else -1,
                lexical_bonus if r == lexical else 0.0,
                PHRASE_BONUS if r == votes.phrase else 0.0,
            )
            for r in candidates
        ),
    )


def _votes(text: str) -> tuple[_Votes, ...]:
    """The dictionaries' votes for each character of the segment ``text``.

    A segment neither dictionary knows is cut into CC-CEDICT words, which vote for their
    own characters.
    """
    if len(text) < 2:
        return (_NO_VOTES,) * len(text)
    readings, name = cedict_word(text)
    phrase = phrases().get(text)
    if readings or phrase is not None:  # most words: the word votes as a whole
        return tuple(_piece_votes(text, readings, name, phrase))
    votes = [_NO_VOTES] * len(text)
    for start, end in cedict_pieces(text):
        if end - start < 2:
            continue
        piece = text[start:end]
        readings, name = cedict_word(piece)
        votes[start:end] = _piece_votes(piece, readings, name, phrases().get(piece))
    return tuple(votes)


def _han_positions(text: str) -> Sequence[int]:
    """The indices of ``text``'s Han characters (most words are Han only)."""
    return (
        range(len(text))
        if HAN_RUN.fullmatch(text)
        else [i for i, c in enumerate(text) if is_han(c)]
    )


def _piece_votes(
    piece: str, readings: tuple[tuple[str, ...], ...], name: bool, phrase: str | None
) -> list[_Votes]:
    """The votes for each character of a word of one of the dictionaries, given its
    CC-CEDICT readings, whether it is a name (:func:`cedict_word`) and its phrase-list
    reading (None: not in the list)."""
    name = bool(readings) and name
    syllables = phrase.split(" ") if phrase is not None else None
    votes = [_NO_VOTES] * len(piece)
    han = _han_positions(piece)
    for k, i in enumerate(han):
        lexical = _lexical(readings, k)
        votes[i] = _Votes(lexical, (syllables[i] or None) if syllables else None, name)
    return votes


def _lexical(readings: tuple[tuple[str, ...], ...], k: int) -> str | None:
    """The reading all of a word's CC-CEDICT ``readings`` give its ``k``-th Han
    character, None when they disagree or there are none."""
    if len(readings) == 1:  # most words: one reading, which is the vote
        return readings[0][k]
    at_k = {r[k] for r in readings}
    return at_k.pop() if len(at_k) == 1 else None


# --- function words ---------------------------------------------------------------------
# g2pM reads the commonest function words by their majority reading in its
# Wikipedia training data, whatever the grammar.  On the 29,155 Tatoeba sentences it reads
# 地 after an adverbial (慢慢地走) as dì 167 times out of 181, the complement 得 (跑得快)
# as dé 332 times out of 447, never the modal 得 (我得走了) as děi (53 times), and the
# measure word 只 after a numeral (一只狗) as zhǐ 82 times out of 83.  When the segmenter
# leaves one of them as a word of its own, its neighbours decide; on CPP dev this changes
# four readings, two for the better.
# The negator 没 is the same case: standing alone before another word it is méi ("not";
# mò "to sink, to die" is literary as a word of its own and ends its clause: 自孔子没，).
# In the sentences of CPP dev and Tatoeba, g2pM read 64 of the 565 lone 没 followed by a
# Han character as mò: 63 are méi (我没时间, 他昨天没来, 他没疯), the one mò a name the
# segmenter cut (阿没里).  And 为 before a pronoun is the preposition wèi "for" (为我高兴,
# 为他做饭), which g2pM reads as the copula wéi "to be, as" every time: 134 of 134 such
# lone 为 in those sentences, of which only 选她为我们队的队长 is wéi (and both 为谁 are
# wèi).  (CPP dev's marked characters have no such 为 and one such 没, read méi either way.)
# The modal 应 "should" likewise: alone before a verb or an adverb (jieba's tag) it is yīng
# (我们应遵守规则, 不应受到侵犯, 最早应追溯至); yìng "to answer, to respond" as a word of
# its own takes an object or 了 (应了一声), the rest are words (应邀, 响应).  g2pM, whose
# Wikipedia has 应 mostly in words, read yìng in 11 of 13 such sentences written for the
# tests.  On all of Tatoeba the rule changes 3 readings, on CPP dev 2 marked characters:
# all 5 to the right one (no yìng of CPP dev changes).
# The adverb 都 dōu "all, both" before what it modifies: a verb, adverb, adjective,
# preposition, conjunction, pronoun or set phrase (jieba's tags: 每天都去, 东西都好吃,
# 都在, 谁都会, 都比, 都待在家里); dū "capital" alone is a noun (福州都卫 "Fuzhou
# garrison", 卫 a noun).
_AFTER_DOU = frozenset("vdapcrzil")
# The degree adverb 更 gèng "more" before what it grades: an adjective, a verb or an
# adverb (jieba's tags: 更努力, 更响亮, 更喜欢, 更不); gēng "to change; a night watch" as
# a word of its own takes a noun (更了名) or ends a phrase (三更).  g2pM read 我决定更努力
# gēng at 0.75, above the commonest reading's vote (LONE_PRIOR_BONUS).
_AFTER_GENG = frozenset("vad")
# A number before 只 (一只, 几只, 半只, 3只); 亿 has never been among them.
_NUMERAL = re.compile(f"[0-9０-９{ZH_NUMERAL_CHARS.replace('亿', '')}几半]+")
# After these, 地 is the noun "ground, land" (这块地, 在地上, 各地) and 得 "to obtain"
# (只得, 不得, 何得) rather than a particle.
_BEFORE_NOUN_DI = frozenset("在从到于把将往向落各此该本当满遍何等每这那")
_LAND_MEASURES = "块片亩"  # 这块地, 一片地, 三亩地
_BEFORE_VERB_DE = frozenset("只才不未方始而亦乃何可必需须难值")
_PRONOUNS = frozenset(
    {
        "我",
        "你",
        "您",
        "他",
        "她",
        "它",
        "我们",
        "你们",
        "他们",
        "她们",
        "它们",
        "咱们",
        "大家",
        "自己",
    }
)
# 得 followed by these (or by a number) is the verb "to get, to catch" (他得了第一,
# 得过重病), not the particle or "must".
_AFTER_VERB_DE = frozenset("了过着到")


# What may follow a final particle: the end of the sentence (not a comma: 比耶、 and 哆啦，
# end names on CPP dev).
_SENTENCE_END = frozenset(["", *"。！？!?.…~～"])


def _function_word(
    char: str, before: str, after: str, clause: tuple[str, str, tuple[str, ...]] = ("", "", ())
) -> str | None:
    """地, 得, 只, 没, 为, 应, 都, 更, 儿 or a final particle (哦, 啰) as a word of its own, read
    from its neighbours; None: ask g2pM.

    ``before`` is the word before it, ``after`` the word after it ("" for none);
    ``clause`` (asked for 为 only): its clause before it, and the words after it there.
    """
    if char == "儿":
        return "r5" if _erhua(before) else None
    particle = final_particle(char)
    if particle is not None:
        return _final_particle(char, particle, before, after)
    if char in "为应都更":
        return _before_verb(char, before, after, clause)
    after = after[:1]
    if char == "没":
        return "mei2" if is_han(after) else None
    if char == "只":
        measure = _NUMERAL.fullmatch(before) or before in ("这", "那", "哪", "每")
        return "zhi1" if before and measure else None
    if not before or not is_han(before[-1]) or not is_han(after):
        return None
    if char == "地":
        return None if before in _BEFORE_NOUN_DI or before[-1] in _LAND_MEASURES else "de5"
    if char == "得":
        if after in _AFTER_VERB_DE or _NUMERAL.match(after):
            return None
        if before in _PRONOUNS:
            return "dei3"
        return None if before in _BEFORE_VERB_DE else "de5"
    return None


def _before_verb(
    char: str, before: str, after: str, clause: tuple[str, str, tuple[str, ...]]
) -> str | None:
    """为 "for", the modal 应 "should" and the adverbs 都 "all" and 更 "more", read from the words
    around them (see _function_word)."""
    if char == "应":
        return "ying1" if after and load_lexicon().tag(after)[:1] in ("v", "d") else None
    if char == "都":
        return "dou1" if after and load_lexicon().tag(after)[:1] in _AFTER_DOU else None
    if char == "更":
        return "geng4" if after and load_lexicon().tag(after)[:1] in _AFTER_GENG else None
    if after in _PRONOUNS or after == "谁":  # 为谁 "for whom"
        return "wei4"
    return _wei_for(before, clause[2]) if "以" not in clause[0] else None


def _final_particle(char: str, particle: str, before: str, after: str) -> str | None:
    """真的哦。 o (not ò "oh, I see"), 走啰！ luo (not luō): a particle after a word, at the
    end of a sentence; alone or first (哦，我明白了) it is an interjection."""
    if not before or not is_han(before[-1]) or after[:1] not in _SENTENCE_END:
        return None
    # not the end of a word (甚么 shénme, a variant of 什么 the segmenter splits)
    pair = before[-1] + char
    return None if pair in phrases() or cedict_readings(pair) else particle


# Before 儿 standing alone, the characters after which it is a word, ér "son; child": a
# numeral (一儿一女) and the particles that link a noun to it (我的儿).
_BEFORE_ER_WORD = frozenset("的之与和")


def _erhua(before: str) -> bool:
    """Whether 儿 after the word ``before`` is the suffix r of a word CC-CEDICT lacks
    (画画儿, 门铃儿, 名牌儿, 一声儿): right after a Han character that is no numeral nor a
    particle.  g2pM read all 12 such 儿 of Tatoeba and the HSK sentences ér."""
    return (
        bool(before)
        and is_han(before[-1])
        and not _NUMERAL.fullmatch(before[-1])
        and before[-1] not in _BEFORE_ER_WORD
    )


def _erhua_of(word: str) -> bool:
    """Whether the 儿 that ends ``word``, a word neither dictionary knows, is its suffix
    r: what comes before it is a CC-CEDICT word of two characters or more, not a name
    (锦鸡儿 jǐnjīr, a plant genus; 出门儿, 口信儿).  g2pM read all four such 儿 of CPP
    dev and Tatoeba ér."""
    stem = word[:-1]
    readings, name = cedict_word(stem)
    return len(stem) > 1 and bool(readings) and not name


def _wei_for(before: str, rest: tuple[str, ...]) -> str | None:
    """为 wèi "for" (为员工提供培训, 他为社会奉献了一生): a noun, pronoun or adjective after
    it, then a verb, in its clause; else None for g2pM, which reads 为 wéi "as; to be" as
    Wikipedia mostly has it (被选为队长, 面积为100平方米, 二层为售票大厅, 原为位于…的医院) and
    read 8 of the 11 为 "for" of the HSK sentences wéi (benchmarks/hsk_readings.py).  Not
    after a verb (聘请为顾问) nor in 以…为 (the caller's test), and not when 的 follows
    the verb (为舌蛭科…属的动物: the verb is inside a noun phrase)."""
    if before and load_lexicon().tag(before).startswith("v"):
        return None
    if not rest or load_lexicon().tag(rest[0])[:1] not in ("n", "r", "a"):
        return None
    for k, word in enumerate(rest[1:], 1):
        if load_lexicon().tag(word).startswith("v"):
            return None if "的" in rest[k:-1] else "wei4"
    return None


@lru_cache(maxsize=1 << 16)
def _whole_reading(word: str, chosen: tuple[str, ...], judged: tuple[int, ...]) -> tuple[str, ...]:
    """The one CC-CEDICT reading of ``word`` that agrees with the characters g2pM judged.

    For a word with several readings the characters' choice picks the reading, which then
    gives the other characters theirs: 便宜 with 便 read pián is piányi (not piányí).
    Asked only of a word with several readings (``_Word.several``); with no character
    judged (东西: g2pM reads 东 and 西 one way each) every reading fits.
    """
    readings = cedict_readings(word)
    fits = [
        r
        for r in readings
        if all(r[i] == chosen[i] or _is_light_form(r[i], chosen[i]) for i in judged)
    ]
    if len(fits) == 1:
        return fits[0]
    # Readings of a word that its characters do not tell apart, one with a neutral tone
    # where another has a full one: 地方 dìfāng "regional, local" / dìfang "place, area,
    # space, room…", 土地 tǔdì "land" / tǔdi "local god", 东西 dōngxī "east and west" /
    # dōngxi "thing".  The one CC-CEDICT has the more senses for is the everyday word;
    # at an even count the neutral tone is (多少 duōshao "how many", duōshǎo "somewhat"):
    # a neutral tone marks the word that grew out of the phrase.  The English match may
    # still choose the other (see annotate).
    if len(word) > 1 and fits and all(map(_light_variants, fits, fits[1:])):
        senses = cedict_sense_counts(word)
        ranked = sorted(((senses.get(r, 0), _light_count(r)), r) for r in fits)
        if ranked[-1][0] != ranked[-2][0]:
            return ranked[-1][1]
    return chosen


def _light_count(reading: tuple[str, ...]) -> int:
    """How many of a reading's syllables are neutral tones or erhua."""
    return sum(s.endswith("5") for s in reading)


def _light_variants(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two readings of a word differ only in neutral tones (or erhua)."""
    return all(
        x == y or _is_light_form(x, y) or _is_light_form(y, x) for x, y in zip(a, b, strict=True)
    )


def read_sentence(sentence: str, words: Sequence[tuple[int, int]]) -> list[tuple[str, ...]]:
    """The reading of each word span of ``sentence``, one syllable per Han character.

    ``words`` are (start, end) offsets into ``sentence``, normally the segmenter's words
    covering it.  Characters that are not Han (see ``HAN_RANGES``) get no syllable, so
    ``len(result[i]) == han_count(sentence[start:end])``.

    >>> read_sentence("他还在银行", [(0, 1), (1, 2), (2, 3), (3, 5)])
    [('ta1',), ('hai2',), ('zai4',), ('yin2', 'hang2')]
    """
    return read_sentences([(sentence, words)])[0]


def reading_margin(sentence: str, start: int, end: int) -> float | None:
    """How narrowly the reading of the word ``sentence[start:end]`` was chosen: over its
    characters that g2pM's probabilities and the dictionaries' votes were weighed for,
    the smallest lead of the chosen reading's score over the next best (natural logs:
    ln 10 means ten to one); None where nothing was weighed (the dictionaries or a rule
    settled every character).  For the review page; reading itself never asks."""
    plan = _plan(sentence, [(start, end)])
    if plan is None or not plan.unsettled:
        return None
    (rows,) = _probabilities([(plan.text, plan.unsettled)])
    margins = [
        choice.margin(row)
        for (_, word) in plan.open
        for (_, _, choice), row in zip(word.open, rows, strict=False)
    ]
    return min(margins) if margins else None


def read_sentences(
    sentences: Sequence[tuple[str, Sequence[tuple[int, int]]]],
) -> list[list[tuple[str, ...]]]:
    """:func:`read_sentence` of each (sentence, word spans), with g2pM run over all of them
    at once: much faster than one at a time, and each result is the same as
    :func:`read_sentence` gives for that sentence alone."""
    plans = [_plan(sentence, words) for sentence, words in sentences]
    probs = iter(_probabilities([(p.text, p.unsettled) for p in plans if p and p.unsettled]))
    return [
        _read(p, next(probs) if p.unsettled else ()) if p else [() for _ in words]
        for p, (_, words) in zip(plans, sentences, strict=True)
    ]


# g2pM's figures for the sentences read lately: (text, indices) → rows, as
# G2pM.probabilities gives them.  They depend on the text alone (see G2pM.probabilities),
# and sentences recur (Tatoeba: one in eight of those g2pM reads).
_SEEN: dict[tuple[str, tuple[int, ...]], tuple[tuple[float, ...], ...]] = {}
_SEEN_MAX = 1 << 14


def _probabilities(
    items: Sequence[tuple[str, Sequence[int]]],
) -> list[tuple[tuple[float, ...], ...]]:
    """:meth:`G2pM.probabilities`, each distinct text run once."""
    keys = [(text, tuple(targets)) for text, targets in items]
    todo = {key: None for key in keys if key not in _SEEN}
    new = dict(zip(todo, map(tuple, g2pm().probabilities(list(todo))), strict=True))
    out = [new[key] if key in new else _SEEN[key] for key in keys]
    for key, rows in new.items():
        if len(_SEEN) >= _SEEN_MAX:
            del _SEEN[next(iter(_SEEN))]  # the oldest
        _SEEN[key] = rows
    return out


class _Plan(NamedTuple):
    """A sentence's words, as far as they can be read without g2pM, and what is left open.

    (A NamedTuple: one is made per sentence, in a third of a frozen dataclass's time.)"""

    text: str  # the sentence, simplified where g2pM needs it
    readings: list[tuple[str, ...]]  # each word's reading, if g2pM has no say in it
    open: list[tuple[int, _Word]]  # the other words: (index, how it is read)
    unsettled: list[int]  # indices of the characters g2pM has to weigh, word after word


@dataclass(frozen=True, slots=True)
class _Word:
    """How a word is read, apart from the sentence it is in."""

    text: str
    syllables: tuple[str, ...]  # its reading; "" for each character g2pM has to weigh
    open: tuple[tuple[int, int, _Choice], ...]  # such a character: (offset, syllable, how)
    judged: tuple[int, ...]  # the syllables of its polyphones (see _whole_reading)
    several: bool  # whether CC-CEDICT has several readings to pick from (_whole_reading)
    # 地, 得, 只, 没, 为, 应, 都, 更, 儿 or a final particle: its neighbours may read it
    # (_function_word)
    function: bool
    special: bool  # whether ``syllables`` may not be all: open or function
    # offsets of open characters no dictionary word of the segment votes for (see
    # _unvoted), other than ``pieces``: of a CC-CEDICT piece whose readings disagree on them
    unvoted: tuple[int, ...] = ()
    # open characters that are pieces of their own of a segment CC-CEDICT lacks, cut into
    # its words (弹 of 弹钢琴: 弹|钢琴; 弄 of 弄清楚), with the rest of the segment before
    # and after them (None: nothing; the segment's neighbour stands there): (offset,
    # before, after) each (see _inside_votes)
    pieces: tuple[tuple[int, str | None, str | None], ...] = ()


def _plan(sentence: str, words: Sequence[tuple[int, int]]) -> _Plan | None:
    """None for a sentence without Han characters (every word reads as no syllables)."""
    n = len(sentence)
    for start, end in words:
        if not 0 <= start <= end <= n:
            raise ValueError(f"word span ({start}, {end}) is outside a sentence of {n} characters")
    if not HAN.search(sentence):
        return None
    model = g2pm()
    # (a deletion and a search: half the time of a list of the Han characters to test)
    if HAN.search(sentence.translate(model.known)):
        # g2pM was trained on simplified text only.  Traditional text is read through its
        # simplified form, as the segmenter does (same length, so offsets still hold).
        from flashgen.text.script import to_simplified

        sentence = to_simplified(sentence)
    # Most words are read from the cache alone: a lookup and their syllables.
    found = [_word(sentence[start:end]) for start, end in words]
    readings = [word.syllables for word in found]
    open_: list[tuple[int, _Word]] = []
    unsettled: list[int] = []
    word_ending_at: dict[int, int] | None = None
    for w in [w for w, word in enumerate(found) if word.special]:
        word = found[w]
        start, end = words[w]
        if word.function:
            if word_ending_at is None:
                word_ending_at = {e: s for s, e in words if e > s}
            before = sentence[word_ending_at.get(start, start - 1) : start] if start else ""
            # the next word (words are in order), else the next character
            following = words[w + 1] if w + 1 < len(words) else (end, end + 1)
            after = sentence[end : following[1] if following[0] == end else end + 1]
            clause = _clause_around(sentence, words, w) if word.text == "为" else ("", "", ())
            reading = _function_word(word.text, before, after, clause)
            if reading is not None:
                readings[w] = (reading,)
                continue
        if word.open:
            if len(word.text) == 1:
                before, after = _words_around(sentence, words, w)
                compared = _compared(sentence, words, w)
                word = _lone_in(sentence, start, before, _alone_around(words, w), after, compared)
            elif word.unvoted or word.pieces:
                word = _unvoted(word, _inside_votes(sentence, words, w, word))
            open_.append((w, word))
            unsettled.extend([start + k for k, _, _ in word.open])
    return _Plan(sentence, readings, open_, unsettled)


def _inside_votes(
    sentence: str, words: Sequence[tuple[int, int]], w: int, word: _Word
) -> tuple[tuple[int, str, float], ...]:
    """The votes for the open characters of the segment ``words[w]`` that no word of the
    segment reads: (offset, reading, weight) each.

    A character that is a piece of its own of a segment CC-CEDICT lacks (弹 of 弹钢琴, cut
    弹|钢琴; ``word.pieces``) is weighed as a lone polyphone is (see _lone_vote), between
    the rest of the segment, or its neighbouring word, on either side: its neighbours'
    word, a degree adverb or its own reduplication (太|重 zhòng), a pair, a verb's place
    (正在 弹|钢琴 tán, 弄|湿 nòng).  Before, such a piece weighed only its neighbours' word
    and a pair, and a segment in pypinyin's phrase list (弹钢琴 tán, a vote of 3) not
    even those: g2pM read 有人正在弹钢琴 dàn (0.978).  The other unvoted characters
    (``word.unvoted``: of a CC-CEDICT piece with several readings) weigh their neighbours'
    word or a pair."""
    start, end = words[w]
    alone = _alone_around(words, w)
    around = _words_around(sentence, words, w)
    out = []
    inside = {k: (b, a) for k, b, a in word.pieces}
    lexicon = load_lexicon()
    named = bool(inside) and (
        not lexicon.jieba_count(word.text) or lexicon.tag(word.text)[:2] in _NAME_TAGS
    )
    for k in dict.fromkeys((*word.unvoted, *inside)):
        at = start + k
        if k in inside:
            b, a = inside[k]
            before = b if b is not None else around[0]
            after = a if a is not None else around[1]
            # A verb begins its unit (弹钢琴, 弄湿): a piece after other words of the
            # segment is the head of a compound (包子|铺 "bun shop", not pū before 新) or
            # an object, unless it follows an auxiliary (会|弹).  On CPP dev the verb
            # vote without this condition read 包子铺易地 pū.
            # Nor in a name: a segment jieba's dictionary lacks (its HMM's guess, mostly
            # names: 盛昆, 铺乡, 王良) or tags as a person's, a place's or an
            # organisation's (凉山 Liángshān, not liàng "to let cool"): on CPP dev such
            # segments had 9 verb votes, 6 against CPP's reading (none changed one: g2pM
            # was surer).
            verb = not named and (b is None or b in _AUXILIARIES)
            # And a verb (jieba's tag of the character) before a noun in one unit is a
            # verb with its object (弹|钢琴 "play the piano", 打|网球): g2pM read 弹钢琴
            # dàn in 我喜欢弹钢琴 and 他弹钢琴，她唱歌, with no auxiliary before it.  Not
            # an adjective or noun (长 a, 空 n: 空|瓶 kōng).
            obj = (
                b is None
                and a is not None
                and lexicon.tag(a)[:1] == "n"
                and lexicon.tag(sentence[at])[:1] == "v"
            )
            lone = _lone_vote(sentence, at, before, after, (start, end), alone, verb=verb, obj=obj)
            vote = (lone[0], _LONE_WEIGHTS[lone[1]]) if lone is not None else None
        else:
            neighbour = _neighbour_reading(sentence, at)
            if neighbour is not None:
                vote = (neighbour, NEIGHBOUR_BONUS)
            else:
                pair = _pair_vote(sentence, at, (start, end), alone)
                vote = (pair, PAIR_BONUS) if pair is not None else None
        if vote is not None:
            out.append((k, *vote))
    return tuple(out)


# jieba's tags of names: a person's (nr, nrt, nrfg), a place's, an organisation's.
_NAME_TAGS = frozenset(("nr", "ns", "nt"))


def _words_around(sentence: str, words: Sequence[tuple[int, int]], w: int) -> tuple[str, str]:
    """The words before and after word ``w`` of ``sentence`` ("" at either end)."""
    before = sentence[slice(*words[w - 1])] if w else ""
    after = sentence[slice(*words[w + 1])] if w + 1 < len(words) else ""
    return before, after


def _alone_around(words: Sequence[tuple[int, int]], w: int) -> tuple[bool, bool]:
    """Whether the words before and after word ``w`` are one character long."""
    before = w > 0 and words[w - 1][1] - words[w - 1][0] == 1
    after = w + 1 < len(words) and words[w + 1][1] - words[w + 1][0] == 1
    return before, after


def _clause_around(
    sentence: str, words: Sequence[tuple[int, int]], w: int
) -> tuple[str, str, tuple[str, ...]]:
    """The clause of word ``w``: its text before the word, the word, and the words after
    it up to a punctuation mark."""
    start, end = words[w]
    head = _CLAUSE_END.split(sentence[:start])[-1]
    rest = []
    for s, e in words[w + 1 :]:
        piece = sentence[s:e]
        if not piece or _CLAUSE_END.search(piece):
            break
        rest.append(piece)
    return head, sentence[start:end], tuple(rest)


_CLAUSE_END = re.compile(r"[，。！？；：、,.!?;:（）()“”「」《》\s]")


@lru_cache(maxsize=1 << 16)
def _word(text: str) -> _Word:
    """What can be said about reading ``text`` before seeing its sentence."""
    model = g2pm()
    votes = _votes(text)
    syllables: list[str] = []
    judged = []  # positions (in syllables) of the characters g2pM judges
    open_ = []
    han = _han_positions(text)
    for k in han:
        char = text[k]
        lexical = votes[k].lexical
        if char in model.classes:
            judged.append(len(syllables))
            if _settled(votes[k]):
                syllables.append(lexical)  # type: ignore[arg-type]  # _settled: not None
            elif char == "儿" and k == len(text) - 1 and votes[k] == _NO_VOTES and _erhua_of(text):
                syllables.append("r5")
            else:
                open_.append((k, len(syllables), _choice(char, votes[k])))
                syllables.append("")
        elif lexical is not None:
            # g2pM lists one reading for the character (a default, not a judgement
            # about this word) or does not know it: the word decides.
            syllables.append(lexical)
        else:
            syllables.append(model.monophonic(char) or fallback(char, text, k))
    chosen = tuple(syllables)
    several = len(cedict_readings(text)) > 1
    if not open_ and several:
        chosen = _whole_reading(text, chosen, tuple(judged))
    function = len(text) == 1 and (text in "地得只没为儿应都更" or final_particle(text) is not None)
    pieces = _lone_pieces(text, [k for k, _, _ in open_]) if open_ and len(text) > 1 else ()
    alone = {k for k, _, _ in pieces}
    unvoted = (
        tuple(k for k, _, _ in open_ if votes[k] == _NO_VOTES and k not in alone)
        if len(text) > 1
        else ()
    )
    return _Word(
        text,
        chosen,
        tuple(open_),
        tuple(judged),
        several,
        function,
        function or bool(open_),
        unvoted,
        pieces,
    )


def _lone_pieces(text: str, open_: Sequence[int]) -> tuple[tuple[int, str | None, str | None], ...]:
    """The characters among ``open_`` (offsets) that are pieces of their own of ``text``,
    a segment CC-CEDICT lacks, cut into its fewest words (cedict_pieces), with the pieces
    around them (see _Word.pieces); () for a CC-CEDICT word."""
    if cedict_readings(text):
        return ()
    cut = cedict_pieces(text)
    starts = {s: n for n, (s, _) in enumerate(cut)}
    out = []
    for k in open_:
        n = starts.get(k)
        if n is None or cut[n][1] != k + 1:
            continue
        out.append((k, text[:k] or None, text[k + 1 :] or None))
    return tuple(out)


def _neighbour_reading(sentence: str, at: int) -> str | None:
    """The reading of ``sentence[at]`` in the longest dictionary word it makes with its
    neighbours (see NEIGHBOUR_BONUS); None if there is none or they disagree."""
    n = len(sentence)
    # The headwords of up to _NEIGHBOUR_SPAN characters at each place a piece around
    # ``at`` starts, by one search of the trie each: most pieces are no word (Tatoeba:
    # 40,877 of them, each new one looked up, and kept by cedict_word, one at a time).
    cedict = load_cedict()
    first = max(0, at - _NEIGHBOUR_SPAN + 1)
    heads = [cedict.prefixes(sentence[s : s + _NEIGHBOUR_SPAN]) for s in range(first, at + 1)]
    for length in range(_NEIGHBOUR_SPAN, 1, -1):
        found = set()
        for start in range(max(0, at - length + 1), min(at, n - length) + 1):
            piece = sentence[start : start + length]
            if piece not in heads[start - first] or not HAN_RUN.fullmatch(piece):
                continue
            readings, name = cedict_word(piece)
            # Most pieces are no word, and a name's reading is no vote: skipped before
            # any vote is made.  Only this character's vote is asked (what
            # _piece_votes(...)[at - start].lexical is: the piece is all Han).
            if not readings or name:
                continue
            reading = _lexical(readings, at - start)
            if reading is not None:
                found.add(reading)
        if found:
            return found.pop() if len(found) == 1 else None
    return None


def _pair_vote(
    sentence: str, at: int, span: tuple[int, int], alone: tuple[bool, bool]
) -> str | None:
    """The reading longer CC-CEDICT words give ``sentence[at]``, in the segmenter's word
    at ``span``, next to the character before it or after it (see PAIR_BONUS); None if
    none do, or they disagree.  A neighbour outside the word counts only if it is a word
    of its own: ``alone`` says whether the words before and after the span are."""
    table = pair_readings()
    start, end = span
    # (pair_reading's lookups, written out: this is asked for most lone polyphones)
    left = table.get(sentence[at - 1 : at + 1] + "1") if at and (start < at or alone[0]) else None
    if at + 1 < len(sentence) and (at + 1 < end or alone[1]):
        right = table.get(sentence[at : at + 2] + "0")
        if right is not None:
            return right if left in (None, right) else None
    return left


def _lone_in(
    sentence: str,
    at: int,
    before: str,
    alone: tuple[bool, bool],
    after: str = "",
    compared: bool = False,
) -> _Word:
    """:func:`_lone` of the polyphone ``sentence[at]``, a word of its own, after the word
    ``before``: its neighbours' reading, else the one a degree adverb or its own
    reduplication asks for (see GRADED_BONUS), else the one longer words with a neighbour
    give it, else the verb's where it stands as one (see VERB_BONUS)."""
    vote = _lone_vote(sentence, at, before, after, (at, at + 1), alone, compared=compared)
    initial = not at or sentence[at - 1] in _CLAUSE_OPENERS  # (see _lone)
    if vote is None:  # (most lone polyphones; positional: _lone is cached by its arguments)
        return _lone(sentence[at], None, None, None, None, initial)
    reading, kind = vote  # (neighbour, graded, pair, verb: see _LONE_WEIGHTS)
    return _lone(
        sentence[at],
        reading if kind == 0 else None,
        reading if kind == 1 else None,
        reading if kind == 2 else None,
        reading if kind == 3 else None,
        initial,
    )


def _lone_vote(
    sentence: str,
    at: int,
    before: str,
    after: str,
    span: tuple[int, int],
    alone: tuple[bool, bool],
    *,
    verb: bool = True,
    obj: bool = False,
    compared: bool = False,
) -> tuple[str, int] | None:
    """The reading a polyphone ``sentence[at]`` that stands alone between ``before`` and
    ``after`` (a word of its own, or a piece of one, see _inside_votes) is voted, and which
    vote it is (its index in _LONE_WEIGHTS): its neighbours' word's (NEIGHBOUR_BONUS), else
    a degree adverb's or its reduplication's (GRADED_BONUS), else a pair's inside the
    segmenter's word at ``span`` or with a neighbour ``alone`` says is a word of its own
    (PAIR_BONUS), else a verb's (VERB_BONUS; not asked where ``verb`` is False); None for
    none."""
    char = sentence[at]
    neighbour = _neighbour_reading(sentence, at)
    if neighbour is not None:
        return neighbour, 0
    if (
        before in DEGREE_ADVERBS
        or char in (before, after)
        or _graded_place(char, before, after, compared)
    ):
        graded = graded_reading(char)
        if graded is not None:
            return graded, 1
    pair = _pair_vote(sentence, at, span, alone)
    if pair is not None:
        return pair, 2
    if verb and (obj or _verb_context(char, before, after)):
        reading = verb_reading(char)
        if reading is not None:
            return reading, 3
    return None


def _graded_place(char: str, before: str, after: str, compared: bool) -> bool:
    """Whether the lone polyphone ``char`` between the words ``before`` and ``after``
    stands where an adjective is graded: after 比 in its clause (``compared``: 比水重), or
    as the complement after 得 (吃得少), or before 得 where it is no verb (重得多, 累得走不动;
    a verb there takes its complement: 干得好 gàn).  Not a particle (a character with a
    neutral-tone reading: 比以前好多了 le, not liǎo "clear")."""
    if any(r.endswith("5") for r in g2pm().classes[char][0]):
        return False
    if after[:1] == "得":
        return verb_reading(char) is None
    return before == "得" or compared


def _compared(sentence: str, words: Sequence[tuple[int, int]], w: int) -> bool:
    """Whether a word 比 comes before word ``w`` in its clause (a comparison: 他比我高)."""
    for s, e in reversed(words[:w]):
        piece = sentence[s:e]
        if _CLAUSE_END.search(piece):
            return False
        if piece == "比":
            return True
    return False


# The weights of _lone_vote's votes, in its order.
_LONE_WEIGHTS = (NEIGHBOUR_BONUS, GRADED_BONUS, PAIR_BONUS, VERB_BONUS)


# What a clause starts after: a mark that ends one, an opening bracket or quote (not a
# closing one: “闪烁”的, ‘陈区长’吗 go on their clause; nor a name's dot: 苏维•替啦谭).
_CLAUSE_OPENERS = frozenset("，。！？；：、,.!?;:…⋯（(“「『《〈【‘")


# What marks a lone polyphone as the verb of its clause: an aspect particle or 得 after
# it (弹了, 藏着, 弹得很好), or an auxiliary before it with its object, or nothing, after
# it (会弹吉他, 正在弹, 想藏); not a degree adverb before it (太难了: 难 is an adjective).
_VERB_AFTER = frozenset("了着过得")
_AUXILIARIES = frozenset("会 能 要 想 可以 应该 愿意 敢 肯 必须 需要 开始 正在 在".split())
# Or a result or direction complement after it as a word of its own, with 来/去 or
# without (弄干, 藏好, 还回去, 卷起来): only a verb takes one.  g2pM, whose Wikipedia has
# 弄 in Shanghai's lanes (弄堂 lòng) and 还 mostly as the adverb hái, read 把羽毛弄干
# lòng and 把书还回去 hái.  Not a degree adverb itself (更好: 更 gèng, not gēng "to
# change").  On CPP dev it changes two readings, both to the right one (弄干 nòng ×2,
# both in the even-numbered half, which chose the list; the odd half has none); on all of
# Tatoeba read without its English three, all to the right one (弄干 nòng, 还回 huán ×2).
# An adjective of one character after it is a result too (长高 zhǎng "grow taller", 闷软
# mēn "steam soft"), unless the polyphone can be an adverb (jieba's tag), which an
# adjective after it is the predicate of (还远, 还新 hái, not huán): CPP +1 (闷软, in the
# odd-numbered half), Tatoeba 1 (但愿我长高一点 zhǎng, g2pM cháng), both right; with the
# adverbs too it read 路还远 and 这双鞋还新 huán.
_COMPLEMENT = re.compile("[干完坏掉透醒破断碎光净走住成到上下出进回起开好][来去]?")


def _verb_context(char: str, before: str, after: str) -> bool:
    """Whether the lone polyphone ``char`` between the words ``before`` and ``after`` is
    a verb (see VERB_BONUS)."""
    if before in DEGREE_ADVERBS:
        return False
    if after[:1] in _VERB_AFTER:
        return True
    adjective = len(after) == 1 and is_han(after) and load_lexicon().tag(after)[:1] == "a"
    if adjective or _COMPLEMENT.fullmatch(after):
        # (not an adverb before an adjective: 还远, 还好)
        return char not in DEGREE_ADVERBS and not (
            adjective and load_lexicon().tag(char)[:1] == "d"
        )
    lexicon = load_lexicon()
    takes_object = bool(after) and is_han(after[0]) and lexicon.tag(after)[:1] in ("n", "r")
    if takes_object and _verb_with_object(char, before):
        return True
    return before in _AUXILIARIES and (not after or not is_han(after[0]) or takes_object)


def _verb_with_object(char: str, before: str) -> bool:
    """Whether the lone polyphone ``char``, before a noun or pronoun and after the word
    ``before``, is a verb with its object: a verb in jieba's tags (弹 v, not 长 a: 长头发
    cháng), with a subject, an adverb or another verb of its clause before it (他常常弹吉他,
    让他弹你的吉他; g2pM read 27 of Tatoeba's 29 lone 弹 dàn, "bullet").  Not first in
    its clause, where a character before a noun is as often a compound's modifier (钻柱
    zuàn "drill string", CPP dev), nor after a preposition, whose object it is (我们用钻打洞
    zuàn "with a drill"; the HSK sentence 他用钻打洞 stays zuān: the segmenter makes 他用
    one word, a pronoun in jieba's tags)."""
    if not before or not is_han(before[-1]):
        return False
    lexicon = load_lexicon()
    return lexicon.tag(char)[:1] == "v" and lexicon.tag(before)[:1] != "p"


@lru_cache(maxsize=1 << 12)
def _lone(
    char: str,
    neighbour: str | None,
    graded: str | None = None,
    pair: str | None = None,
    verb: str | None = None,
    initial: bool = False,
) -> _Word:
    """:func:`_word` of a polyphone that is a word of its own, with the reading its
    neighbours give it (see NEIGHBOUR_BONUS), or the one a degree adverb before it asks
    for (see GRADED_BONUS), or the one longer words give it with a neighbour (see
    PAIR_BONUS), or the verb's if it stands where a verb does (see VERB_BONUS).

    ``initial``: it begins its clause, where a neutral tone cannot stand (a neutral tone
    is a light syllable after a stressed one): a sentence particle there is an
    interjection, 啊 à, not a5.  Its neutral-tone readings are not candidates then, where
    it has others.  g2pM and the commonest reading (a5) read the 啊 of
    列侬说道：“啊，那几乎是… a5, CPP's à (the one change on CPP dev); on all of Tatoeba,
    read without its English, three readings change: 喔！ wo5 → ō, right, and 么女 (yāo,
    a reading g2pM does not list) me5 → má twice, wrong before and after."""
    readings = g2pm().classes[char][0]
    prior = pypinyin_chars().get(char) if zipf(char) >= EVERYDAY_ZIPF else None
    order = sorted(enumerate(readings), key=lambda x: x[1])
    if initial and any(not r.endswith("5") for _, r in order):
        order = [(at, r) for at, r in order if not r.endswith("5")]
    choice = _Choice(
        readings,
        None,
        tuple(
            (
                r,
                at,
                NEIGHBOUR_BONUS
                if r == neighbour
                else GRADED_BONUS
                if r == graded
                else PAIR_BONUS
                if r == pair
                else VERB_BONUS
                if r == verb
                else 0.0,
                LONE_PRIOR_BONUS if r == prior else 0.0,
            )
            for at, r in order
        ),
    )
    return replace(_word(char), open=((0, 0, choice),))


@lru_cache(maxsize=1 << 12)
def _unvoted(word: _Word, votes: tuple[tuple[int, str, float], ...]) -> _Word:
    """``word`` with the votes of its characters no word of the segment reads
    (see _inside_votes: (offset, reading, weight) each) added to their choice: in 才弄清楚,
    cut 弄|清楚 into CC-CEDICT words, 弄 has no vote of its own, but 弄清 reads it nòng
    (NEIGHBOUR_BONUS); 累死, no CC-CEDICT word, reads 累 as 累死累活 does (PAIR_BONUS);
    正在弹钢琴, 弹 a piece of its own of 弹钢琴, reads it as the verb (VERB_BONUS)."""
    if not votes:
        return word
    given = {k: (reading, weight) for k, reading, weight in votes}
    open_ = []
    for k, at, choice in word.open:
        if k in given:
            reading, weight = given[k]
            # the character has no CC-CEDICT vote (lexical None): the weight goes in its
            # place, beside pypinyin's phrase vote for the whole segment, if any
            choice = _Choice(
                choice.readings,
                None,
                tuple(
                    (r, i, weight if r == reading else 0.0, phrase)
                    for r, i, _, phrase in choice.candidates
                ),
            )
        open_.append((k, at, choice))
    return replace(word, open=tuple(open_))


def _read(plan: _Plan, probs: Sequence[tuple[float, ...]]) -> list[tuple[str, ...]]:
    """The plan's readings, completed with g2pM's ``probs`` for its unsettled characters
    (in their order).  Fills in ``plan.readings``: a plan is read once."""
    readings = plan.readings
    row = 0
    for w, word in plan.open:
        syllables = list(word.syllables)
        for _, at, choice in word.open:
            syllables[at] = choice.pick(probs[row])
            row += 1
        chosen = tuple(syllables)
        readings[w] = _whole_reading(word.text, chosen, word.judged) if word.several else chosen
    return readings
