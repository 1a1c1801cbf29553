"""Grammar words: the closed-class words and commonest characters a vocabulary card
teaches badly (used by :mod:`flashgen.teach.select` and :mod:`flashgen.teach.fragments`)."""

from __future__ import annotations

from flashgen.datatypes import AnnotatedToken

# Closed-class words: structural, aspect and modal particles, pronouns and
# demonstratives, and the commonest prepositions and conjunctions.  Their meaning
# is their grammar; a gloss card ("的: of; ~'s") teaches them badly, and a reader
# meets them in every sentence anyway.  Rarer grammatical words (鉴于, 倘若, 彼此)
# are deliberately absent: those are vocabulary a learner wants a card for.
FUNCTION_WORDS = frozenset(
    # particles
    "的 地 得 之 所 了 着 过 吗 呢 吧 啊 呀 嘛 啦 哦 哪 么 们 等 等等 似的 "
    # pronouns, demonstratives, question words
    "我 你 您 他 她 它 我们 你们 他们 她们 它们 咱 咱们 自己 大家 "
    "这 那 这个 那个 这些 那些 这里 那里 这儿 那儿 这样 那样 这么 那么 这种 那种 "
    "谁 什么 哪 哪里 哪儿 怎么 怎样 怎么样 为什么 多少 几 其 此 该 "
    # prepositions and coverbs
    "在 把 被 对 从 给 向 跟 和 与 及 以 于 为 由 比 让 叫 往 "
    # conjunctions and linking adverbs
    "而 但 但是 并 或 或者 还是 和 及 以及 因为 所以 如果 虽然 而且 然后 就是 也 就 都 还 又 才 "
    # copula and the commonest auxiliaries
    "是 有 会 能 要 可以".split()
)

# A single character this frequent (Zipf >= 6, about once every thousand words, by
# jieba's corpus counts as :func:`flashgen.language.segment.zipf` reports them: 41 characters,
# 了是在和有他不我的人也为就上这年中你说一到都等着对来与地要还又而大之道以得她个后去)
# is part of the grammatical backbone whatever its HSK level.  Multi-character words
# this frequent (政府, 发展, 公司) are real vocabulary and are not caught by this rule.
FUNCTION_ZIPF = 6.0


def is_function_word(token: AnnotatedToken) -> bool:
    """True for grammatical words not worth a vocabulary card.

    >>> from flashgen.datatypes import AnnotatedToken
    >>> def tok(text, zipf): return AnnotatedToken(text, 0, len(text), "word", (), None, text,
    ...                                            None, zipf, None, text)
    >>> is_function_word(tok("的", 7.8)), is_function_word(tok("说", 6.5))
    (True, True)
    >>> is_function_word(tok("政府", 6.0)), is_function_word(tok("鉴于", 4.0))
    (False, False)
    """
    word = token.simplified  # the headword, whichever script the text is in
    if word in FUNCTION_WORDS:
        return True
    return len(word) == 1 and token.zipf >= FUNCTION_ZIPF
