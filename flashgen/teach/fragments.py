"""Single characters that are not words of their own where they stand.

The segmenter makes some characters words that are pieces of something longer: a
person's name (局长 季 学武, 记者 李 舸), a name met earlier in the text (玲英 after
穆玲英), a unit jieba's own dictionary keeps whole (翻一番), a unit bare jieba's HMM
makes of characters no dictionary joins (正十郎, 愈挫愈奋), a coined term the text quotes
(“亚仿”).  A card for such a piece glosses the piece (季 "season"), so
:func:`single_character_reason` says why :mod:`flashgen.teach.select` skips it: as a
"name" or as a "part" of a longer word, counted in the build summary.
"""

from __future__ import annotations

from collections.abc import Container, Iterator

from flashgen.datatypes import AnnotatedSentence, AnnotatedToken
from flashgen.language.segment import (
    in_cedict,
    inside_a_longer_word,
    is_classifier,
    is_grammar_character,
    is_surname,
    jieba_count,
    jieba_dictionary_word,
    jieba_dictionary_words,
    jieba_guessed_unit,
    jieba_tag,
    only_a_name,
)
from flashgen.teach.grammar import FUNCTION_WORDS, is_function_word
from flashgen.text.numerals import ZH_NUMERAL_CHARS
from flashgen.text.script import to_simplified

# What ends a title or role a person's name follows (局长, 记者, 委员, 书记, 主任, 主席,
# 工程师, 外交官, 获得者): 局长 季 学武 is the director Ji Xuewu, not "season" + "learn
# martial arts".
_TITLE_ENDS = frozenset("长者员记任席师官")


def single_character_reason(
    sentence: AnnotatedSentence,
    i: int,
    names: Container[str] = frozenset(),
    terms: Container[str] = frozenset(),
) -> str | None:
    """Why the single character ``sentence.tokens[i]``, which the segmenter made a word
    and which would be carded, is not a word to teach there: "name" or "part"; None for a
    word of its own (and for a longer word).  ``names``: persons' names met earlier in
    the text and their given names (see :func:`~flashgen.teach.select.select_words`).

    - "name": a character CC-CEDICT has only as a proper noun (秦, 湘); a character of
      one of ``names`` written again (玲 and 英 of 玲英 after 穆玲英); or a character
      of a name by its shape (:func:`_in_a_person_name`): a surname between a title or
      the start of a clause and its given name (副理事长 孔 芙蓉: Kong Furong, not
      "hole" + "lotus"; 记者 李 舸), the last character of a three-character name
      the segmenter cut after its second (董事长 伍梓 培), and a noun or bound
      character right after a name, which ends it (帕依塔 港, 顺河 乡).
    - "part": jieba's own dictionary puts it inside a longer word whose other characters
      are no grammar characters or numerals (:func:`~flashgen.language.segment.
      inside_a_longer_word`): 翻 and 番 of 翻一番, 布 of 布特弗利卡, 浪 of 小浪底.  The two
      segmentations disagree on it, and a card from a piece of a word glosses the piece
      (浪 "wave"); unsure, we show nothing.  Beside grammar characters the character is a
      word (放 of 放在, 项 of 这项) and stays, but for a word jieba's dictionary has as a
      name or abbreviation (汽 of 一汽, 东 of 东大: :func:`_in_a_name_of_jieba`) and a
      set unit that grammar does not make two words (举 of 此举 "this move", 未 of 并未,
      妻 of 其妻: :func:`_in_a_set_unit`; 这项, 最强 and 用到 are two words).  Also
      "part": a character HSK does not list as a word that bare jieba's HMM joins into
      a unit no dictionary has that is not words by grammar (郎 of 盐川正十郎, 挫 of
      愈挫愈奋: :func:`_in_a_guessed_unit`; 已满 and 这艘 are words, and so are 装 and 煤
      of 装煤, both HSK words); a noun character right
      after characters the segmenter cut out as parts (游 景 玉, :func:`_ends_a_unit`);
      a character of one of ``terms``, short coined terms the text quotes (“亚仿”, see
      :func:`quoted_terms`).
    """
    tokens = sentence.tokens
    token = tokens[i]
    if token.kind != "word" or len(token.simplified) != 1:
        return None
    if only_a_name(token.simplified) or _in_a_person_name(sentence, i, names):
        return "name"
    if inside_a_longer_word(sentence.zh, token.start) is not None or _ends_a_unit(sentence, i):
        return "part"
    if _in_a_name_of_jieba(sentence.zh, token.start):
        return "part"
    if _in_a_set_unit(sentence.zh, token.start):
        return "part"
    # The HMM's guess is no dictionary's word, and a character HSK lists is a word
    # learners study alone (城 of 出城, 胃 of 胃会痛, 装 and 煤 of 装煤): the guess takes
    # away only characters HSK lacks.  Chosen with benchmarks/fragments.py --gate on the
    # MSR text and every 5th Tatoeba pair from the third (People's Daily, the bilingual
    # news and the Tatoeba pairs the benchmark reports held out), judged by hand: asked
    # of every character, the guess took away 47 words (装, 挣, 诗; 梨, 烟), 19 pieces of
    # names or coined terms (正十郎, 双保) and 41 debatable (一言而概之); asked of those
    # HSK lacks, 5 words (房, 展; 浪, 勤) and 10 pieces.  Sparing only HSK 1-4 or 1-6
    # lost 31 and 11 words; a Zipf threshold on the characters HSK lacks gave back as
    # many pieces as words or more (at 4.0, 3 words and 7 pieces): names' characters are
    # as common alone (明 of 明亡 5.1, 意 "Italy" 5.0) as everyday words (房 4.7, 浪 4.0).
    if token.hsk is None and _in_a_guessed_unit(sentence.zh, token.start):
        return "part"
    if terms and _written_again(sentence, token.start, terms, 4):
        return "part"
    return None


# What counts what follows it, a measure word or a noun alike (一 篇, 一 夜, 每 秒, 第一
# 罐, 各 族): numerals, their approximations (几, 数, 多, 余: 六十 余 个), 第, and 每
# and 各 "each", which modern Chinese puts before a noun as before a measure word.
_COUNTS = frozenset(ZH_NUMERAL_CHARS) | frozenset("第每各几数半两多余")
# Demonstratives: with a measure word they make a phrase of modern grammar (这 项, 这
# 批, 本 届); before a bare noun (此 举 "this move", 此 案, 其 妻 "his wife") they follow
# Classical Chinese, which modern Chinese keeps only in set units.
_DEMONSTRATIVES = frozenset("这那此哪某该本其")
# What follows a verb as its complement or aspect (戴 上, 截 成, 骑 着, 活 在) or a noun
# as its localizer (灾 前, 星 上).
_COMPLEMENTS = frozenset("上下进出回过起来去到在给成为好完住走掉开着了得于向入")
_LOCALIZERS = frozenset("上下里内外中前后间边旁")
# A personal pronoun before a noun or verb (我 妈, 他 伤), a negation, degree or aspect
# adverb before a predicate (不 旺, 好 痒, 已 满): what follows is a word of its own.
# On the news texts of benchmarks/fragments.py, of the characters jieba's HMM joined to
# one of these, hand-judged: 9 words (不 存, 我 谨, 再 夺, 很 差) against 1 piece (不 排他).
# The passive marker before a verb is one too (被 判).
_BEFORE_A_WORD = frozenset("我你他她它您咱不没很好太更最真挺已还再也都又才就被")


# jieba's tags of names and abbreviations: transliterated names (nrt), organisations
# (nt), other proper nouns (nz), abbreviations (j).  Not its Chinese persons' names
# (nr) and places (ns), which include ordinary words (向东 "eastward" is a given name
# to jieba, 东至 "east to" a county).
_NAME_TAGS = ("nrt", "nt", "nz", "j")


def _in_a_name_of_jieba(zh: str, start: int) -> bool:
    """Whether the character at ``start`` is in a word jieba's own dictionary has as a
    name or abbreviation (佩里 Perry, 中信 CITIC, 一汽 FAW, 抗大, 八运会) and CC-CEDICT
    lacks, even beside grammar characters (佩 / 里, 一 / 汽), which elsewhere make a
    character a word of its own; not beside a function word (之列, which jieba tags
    a place)."""
    word = jieba_dictionary_word(zh, start)
    if word is None or in_cedict(simp := to_simplified(word)):
        return False
    return jieba_tag(simp).startswith(_NAME_TAGS) and not any(c in FUNCTION_WORDS for c in simp)


def _in_a_set_unit(zh: str, start: int) -> bool:
    """Whether the character at ``start`` is in a word of jieba's own dictionary that
    CC-CEDICT lacks and that is not words by grammar (:func:`_grammatical`): 举 of 此举,
    未 of 并未.  :func:`single_character_reason` asks it of the characters
    :func:`~flashgen.language.segment.inside_a_longer_word` leaves, those whose unit's
    other characters are grammar characters."""
    word = jieba_dictionary_word(zh, start)
    if word is None or in_cedict(simp := to_simplified(word)):
        return False
    return not _grammatical(simp)


def _in_a_guessed_unit(zh: str, start: int) -> bool:
    """Whether the character at ``start`` is in a unit bare jieba's HMM makes
    (:func:`~flashgen.language.segment.jieba_guessed_unit`) that is not words by
    grammar (:func:`_grammatical`).  :func:`single_character_reason` asks it only of
    characters HSK does not list as words (see there)."""
    unit = jieba_guessed_unit(zh, start)
    return unit is not None and not _grammatical(to_simplified(unit))


def _grammatical(unit: str) -> bool:
    """Whether ``unit``, characters jieba's HMM joined or a word of jieba's dictionary
    that CC-CEDICT lacks, is words by grammar all the same, each a word of its own: a
    count and what it counts (一 夜, 每 秒, 第一 罐: :data:`_COUNTS`), a demonstrative and
    a measure word (这 篇, 这 艘), a reduplicated word (短短 的), a verb and its
    complement or aspect particle (戴 上, 骑 着), a verb, 不 or 得 and a complement (喝 不
    惯, 认 不 出来), a noun and a localizer (灾 前), a personal pronoun, an adverb of
    negation, degree or aspect or the passive 被 and what follows it (我 妈, 不 旺, 已 满,
    被 判).  Anything else the two cuts disagree on with no dictionary on either side
    (正十郎, 愈挫愈奋, 挥锨): unsure, we show none of its characters HSK does not list, and
    the cap on new words takes the next word.  Anything else jieba's dictionary has
    (此举, 并未, 鲜见): a set unit, whose characters are bound there.

    Chosen on the MSR text and every 5th Tatoeba pair (benchmarks/fragments.py --units,
    judged by hand): the set units took away 13 and 3 characters, 9 + 3 right (鲜 of 鲜见,
    誉 of 被誉为, 妻 of 其妻, 昔 of 如昔), 3 debatable (脚 of 下脚, 旱 of 大旱, 脑 of 人脑),
    1 word (河 of 过河: a verb and its object is not told from a set unit like 出栏).
    Neither the character's own standing (HSK: 举 4 and 未 6, pieces, against 项 4 and
    批 5, words) nor how strongly jieba's counts bind the unit (log10 of count(unit) ·
    total / (count(a) · count(b)): 被誉为 0.35 against 用到 0.42, 其妻 1.88 against 这项
    1.91) told them apart; grammar did."""
    first, rest = unit[0], unit[1:]
    if any(a == b for a, b in zip(unit, rest, strict=False)):
        return True  # a reduplicated word: 短短 的, 静静 的, 一 栋栋
    if len(unit) in (3, 4) and unit[1] in "不得":
        return True
    if len(unit) == 2 and first in _BEFORE_A_WORD:
        return True
    if all(c in _COMPLEMENTS or c in _LOCALIZERS for c in rest):
        return True
    if all(c in _COUNTS for c in unit[:-1]):
        return True
    quantifiers = all(c in _COUNTS or c in _DEMONSTRATIVES for c in unit[:-1])
    return quantifiers and is_classifier(unit[-1])


def cut_alone_by_jieba(sentence: AnnotatedSentence, i: int) -> bool:
    """Whether bare jieba's default cut, too, makes the single character
    ``sentence.tokens[i]`` a word of its own: neither its dictionary (这项, 放在) nor its
    HMM (已满) joins it with a neighbour.  Such a sentence shows the character as a word
    beyond doubt, so :func:`~flashgen.teach.select.select_words` prefers it as the
    example among sentences of the same rank."""
    start = sentence.tokens[i].start
    zh = sentence.zh
    return jieba_dictionary_word(zh, start) is None and jieba_guessed_unit(zh, start) is None


_OPENING_QUOTES = frozenset('“『「‘"')
_CLOSING_QUOTES = frozenset('”』」’"')


def quoted_terms(sentence: AnnotatedSentence) -> Iterator[tuple[int, int]]:
    """The token ranges (start, stop) of two to four characters in quotation marks, each
    cut out alone, that CC-CEDICT lacks as a whole and that read as coined
    (:func:`_coined`): a name, abbreviation or slogan of the text (“亚仿” for 亚洲仿真,
    “两高一优”, “一黑一白” for coal and cotton), whose characters are no words to gloss
    one by one."""
    tokens = sentence.tokens
    for left in range(1, len(tokens)):
        if tokens[left - 1].text not in _OPENING_QUOTES:
            continue
        right = left
        while right < len(tokens) and _single_han(tokens[right]):
            right += 1
        term = "".join(t.simplified for t in tokens[left:right])
        if (
            2 <= right - left <= 4
            and right < len(tokens)
            and tokens[right].text in _CLOSING_QUOTES
            and not in_cedict(term)
            and _coined(term)
        ):
            yield left, right


def _coined(term: str) -> bool:
    """Whether quoted characters read as a coined term rather than a quoted phrase: a
    numbered slogan (“两高一优”, “一黑一白”) or characters none of which is a grammar
    character (“亚仿”).  With one (“过河” "cross the river", 『抓大』 "grasp the large")
    they are words quoted as a figure of speech."""
    return any(c in ZH_NUMERAL_CHARS for c in term) or not any(
        is_grammar_character(c) for c in term
    )


def _single_han(token: AnnotatedToken) -> bool:
    return token.kind in ("word", "part", "number", "name") and len(token.text) == 1


def _written_again(
    sentence: AnnotatedSentence, start: int, units: Container[str], longest: int
) -> bool:
    """Whether the character at ``start`` is inside one of ``units`` (of two to
    ``longest`` characters) in the sentence."""
    simp = to_simplified(sentence.zh)
    for length in range(2, longest + 1):
        for s in range(max(0, start - length + 1), start + 1):
            if simp[s : s + length] in units:
                return True
    return False


def remember_name(name: str, names: set[str]) -> None:
    """Keep a person's name of two or three characters that starts with a surname, and
    the given name of one of three (穆玲英 -> 玲英): written again on their own, their
    characters are a name.  Place names are kept too (石家庄 -> 家庄): harmless, since
    only characters the segmenter cut out one by one are looked up."""
    if len(name) in (2, 3) and is_surname(name[0]):
        names.add(name)
        if len(name) == 3:
            names.add(name[1:])


def _in_a_person_name(sentence: AnnotatedSentence, i: int, names: Container[str]) -> bool:
    tokens = sentence.tokens
    start = tokens[i].start
    if names and _written_again(sentence, start, names, 3):
        return True
    char = tokens[i].simplified
    if i >= 1 and _place_name(tokens[i - 1]) and _ends_a_name(sentence, i):
        return True
    if is_surname(char) and _given_name_after(sentence, i) > 0:
        return True
    for j in (i - 1, i - 2):
        # a character of the given name of a surname at j, cut out one by one (记者 李
        # 舸, 奚 启 新)
        if (
            j >= 0
            and all(len(t.simplified) == 1 for t in tokens[j:i])
            and is_surname(tokens[j].simplified)
            and _given_name_after(sentence, j) >= i - j
        ):
            return True
    if i >= 1 and not is_grammar_character(char):
        # 董事长 伍梓 培: where a name may start, a surname and one more character that
        # the segmenter found as a name jieba's dictionary lacks, then a character of
        # no grammar that jieba's dictionary joins to nothing after it: the name's
        # third character.  (陈飞 先是: 先 is a piece of 先是; 汤姆 抢 了: jieba's
        # dictionary has 汤姆, a whole name.)
        before = tokens[i - 1]
        if (
            len(before.simplified) == 2
            and not any(s == start and e - s > 1 for s, e in jieba_dictionary_words(sentence.zh))
            and is_surname(before.simplified[0])
            and not jieba_tag(char).startswith(_GRAMMAR_TAGS)
            and (
                (_found_name(before) and _name_may_start(sentence, i - 1))
                # 市长 李子 彬: after a title, one jieba's dictionary tags a person's name
                or (jieba_tag(before.simplified).startswith("nr") and _after_title(sentence, i - 1))
            )
        ):
            return True
    return _in_a_list_of_names(sentence, i)


# What separates the items of a list (王忠禹、张柏林、刘是龙).
_LIST_MARKS = frozenset("、，,")


def _in_a_list_of_names(sentence: AnnotatedSentence, i: int) -> bool:
    """Whether ``tokens[i]`` is in an item of a list of persons' names: two or three
    characters cut out one by one, the first a surname, between list marks, next to an
    item that is a person's name of three characters (唐铁汉、刘 是 龙、赵杰兵)."""
    tokens = sentence.tokens
    left = i
    while left > 0 and tokens[left - 1].kind != "punct" and len(tokens[left - 1].text) == 1:
        left -= 1
    right = i + 1
    while right < len(tokens) and tokens[right].kind != "punct" and len(tokens[right].text) == 1:
        right += 1
    if not (2 <= right - left <= 3 and left > 0 and right < len(tokens)):
        return False
    if tokens[left - 1].text not in _LIST_MARKS or tokens[right].text not in _LIST_MARKS:
        return False
    if not is_surname(tokens[left].simplified):
        return False
    neighbours = [tokens[right + 1]] if right + 1 < len(tokens) else []
    if left >= 2:
        neighbours.append(tokens[left - 2])
    return any(
        t.kind == "name" and len(t.simplified) == 3 and is_surname(t.simplified[0])
        for t in neighbours
    )


# jieba's tags of prepositions, conjunctions, adverbs, particles and pronouns: after a
# name, such a character is a word of its own (印尼 同 美国 "Indonesia with the US").
_GRAMMAR_TAGS = ("p", "c", "d", "u", "r")


def _found_name(token: AnnotatedToken) -> bool:
    """Whether ``token`` is a name the segmenter found that jieba's dictionary lacks (伍梓,
    帕依塔: by jieba's HMM).  Names its dictionary has are whole names (汤姆 抢, 印尼 同)."""
    return token.kind == "name" and not jieba_count(token.simplified)


# jieba's tags of a character that ends a name (帕依塔 港, 顺河 乡, 三峡 委): nouns
# (not a surname tagged nr: 红白 蓝), bound morphemes, abbreviations, measure words.
# After a name, a verb, adverb or preposition (黄仁勋 曾, 印尼 同 美国, 赵健伟 摄) is a
# word of its own.
_NAME_END_TAGS = ("n", "g", "zg", "j", "q")


def _ends_a_unit(sentence: AnnotatedSentence, i: int) -> bool:
    """Whether the character at ``tokens[i]`` ends a unit whose other characters the
    segmenter cut out as parts (kind "part": 游 景 of an unknown name, 紫团 of a
    mountain): a noun by jieba's tag that no word of jieba's dictionary starts with
    (游 景 玉, 紫 团 山, 窟 野 河), no grammar character."""
    if i == 0 or sentence.tokens[i - 1].kind != "part":
        return False
    token = sentence.tokens[i]
    char = token.simplified
    if is_grammar_character(char) or not jieba_tag(char).startswith("n"):
        return False
    start = token.start
    return not any(s == start and e - s > 1 for s, e in jieba_dictionary_words(sentence.zh))


def _place_name(token: AnnotatedToken) -> bool:
    """A name jieba tags a place or organisation (三峡, 顺河), or one the segmenter found
    that jieba's dictionary lacks (帕依塔); not a person's name or language (汤姆, 法语
    版: a version in French)."""
    return token.kind == "name" and (
        jieba_tag(token.simplified).startswith(("ns", "nt")) or not jieba_count(token.simplified)
    )


def _ends_a_name(sentence: AnnotatedSentence, i: int) -> bool:
    """Whether the character at ``tokens[i]``, right after a name, is that name's last
    character: a noun or bound morpheme by jieba's tag, no grammar character, and no
    start of a word of jieba's dictionary (深井 水: 水 alone is kept by HSK anyway)."""
    token = sentence.tokens[i]
    char = token.simplified
    tag = jieba_tag(char)
    if is_grammar_character(char) or not tag.startswith(_NAME_END_TAGS) or tag.startswith("nr"):
        return False
    start = token.start
    return not any(s == start and e - s > 1 for s, e in jieba_dictionary_words(sentence.zh))


def _given_name_after(sentence: AnnotatedSentence, i: int) -> int:
    """How many of the tokens after a surname at ``tokens[i]`` are its given name (0:
    none; a given name cut in two characters is two).

    Two characters: before it is the start of the sentence, a punctuation mark or a
    title (局长; not 长 alone: 长 盛 不衰), and a two-character word follows that is no
    verb, or that CC-CEDICT lacks (获得者 郑 守仁: jieba tags 守仁 a verb, but no
    dictionary a learner reads has it), or, after a title, the surname is one jieba's
    dictionary tags a person's name (记者 李 安定; 成员 应 确保 is "members should
    ensure", ，连 下蛋 的 "even the egg-laying"); or,
    anywhere, the surname is tagged a person's name and CC-CEDICT lacks the two
    characters (的 李 保国).  Two characters cut one by one: after a surname tagged a
    person's name between punctuation marks (、奚 启 新）), two that are no grammar
    words.  One
    character: after a title, one jieba's dictionary has only as a bound morpheme (tag
    ``g``: 记者 李 舸 摄), which is no word of its own to read there."""
    tokens = sentence.tokens
    if i + 1 >= len(tokens):
        return 0
    after = tokens[i + 1]
    if after.kind not in ("word", "name"):
        return 0
    person = jieba_tag(tokens[i].simplified).startswith("nr")
    if len(after.text) == 2:
        verb = jieba_tag(after.simplified).startswith("v") and in_cedict(after.simplified)
        if (person and _after_title(sentence, i)) or (_name_may_start(sentence, i) and not verb):
            return 1
        # Elsewhere (大学的 李 保国): a character jieba's dictionary tags as a person's
        # name before two characters CC-CEDICT lacks.  Not 的 高 水平 (水平 is a word).
        if person and not in_cedict(after.simplified):
            return 1
        return 0
    if len(after.text) != 1:
        return 0
    if jieba_tag(after.simplified).startswith("g") and _after_title(sentence, i):
        return 1
    if (
        person
        and i + 2 < len(tokens)
        and (i == 0 or tokens[i - 1].kind == "punct")
        and (i + 3 == len(tokens) or tokens[i + 3].kind == "punct")
        and all(_may_be_in_a_name(t) for t in tokens[i + 1 : i + 3])
    ):
        return 2
    return 0


def _may_be_in_a_name(token: AnnotatedToken) -> bool:
    return token.kind == "word" and len(token.simplified) == 1 and not is_function_word(token)


def _name_may_start(sentence: AnnotatedSentence, i: int) -> bool:
    """Whether a name may start at ``tokens[i]``: at the start of the sentence, after a
    punctuation mark or after a title."""
    return i == 0 or sentence.tokens[i - 1].kind == "punct" or _after_title(sentence, i)


def _after_title(sentence: AnnotatedSentence, i: int) -> bool:
    """Whether ``tokens[i]`` follows a title: a word of two or more characters ending in
    one of _TITLE_ENDS, as the segmenter cut it (局长) or as jieba's own dictionary
    does (矿 / 长 to the segmenter, 矿长 "mine director" to jieba)."""
    tokens = sentence.tokens
    if i == 0:
        return False
    before = tokens[i - 1].simplified
    if len(before) > 1:
        return before[-1] in _TITLE_ENDS
    if before not in _TITLE_ENDS:
        return False
    start = tokens[i].start
    return any(e == start and e - s > 1 for s, e in jieba_dictionary_words(sentence.zh))
