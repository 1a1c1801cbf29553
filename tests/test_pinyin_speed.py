"""The shortcuts that make reading pinyin fast give what the plain computation gives."""

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from flashgen.language.pinyin import context as fp
from flashgen.language.pinyin.model import g2pm


def test_a_text_reads_the_same_whatever_else_is_asked_of_it() -> None:
    # g2pM runs each direction only as far as the characters asked for need, so a text
    # is run over different lengths depending on which characters are asked for; the
    # figures of a character must not change with that (bit for bit).
    model = g2pm()
    text = "他还说了一个长长的故事，我们都觉得还行，还了书就走了。"
    polyphones = [i for i, c in enumerate(text) if c in model.classes]
    assert len(polyphones) > 4
    whole = model.batch([(text, polyphones)])[0]
    for i in polyphones:
        assert model.batch([(text, [i])])[0] == {i: whole[i]}
    ends = [polyphones[0], polyphones[-1]]
    assert model.batch([(text, ends)])[0] == {i: whole[i] for i in ends}
    assert model.batch([(text, polyphones[::-1])])[0] == whole


def test_repeated_sentences_read_as_the_first_time() -> None:
    items = [("他还在银行", [(0, 1), (1, 2), (2, 3), (3, 5)]), ("还有吗", [(0, 2), (2, 3)])]
    first = fp.read_sentences(items * 2)
    fp._SEEN.clear()
    assert fp.read_sentences(items) * 2 == first


def _choose(probs: dict[str, float], votes: fp._Votes) -> str:
    """The choice as it was written before it was prepared per word (the reference)."""
    lexical = votes.lexical
    best = max(probs, key=probs.__getitem__)
    if lexical is not None and fp._is_light_form(lexical, best):
        return lexical
    if votes.name or votes.phrase not in (None, lexical):
        lexical_bonus = fp.LEXICAL_BONUS
    else:
        lexical_bonus = fp.COMMON_WORD_BONUS

    def score(reading: str) -> float:
        s = math.log(probs.get(reading, 0.0) + fp._FLOOR)
        if reading == lexical:
            s += lexical_bonus
        if reading == votes.phrase:
            s += fp.PHRASE_BONUS
        return s

    candidates = set(probs) | {v for v in (lexical, votes.phrase) if v}
    return max(sorted(candidates), key=score)


@settings(max_examples=300, deadline=None)
@given(
    char=st.sampled_from(sorted("还了长行重得地只和为便看")),
    weights=st.lists(
        st.sampled_from([0.0, 1e-300, 1e-20, 1e-15, 0.001, 0.3, 0.5, 1.0]), min_size=5, max_size=5
    ),
    lexical=st.sampled_from(
        [
            None,
            "hai2",
            "huan2",
            "le5",
            "zhang3",
            "xing2",
            "de5",
            "he2",
            "bian4",
            "kan4",
            "zhong4",
            "wei4",
            "er2",
        ]
    ),
    phrase=st.sampled_from([None, "hai2", "huan2", "le5", "xing2", "he5"]),
    name=st.booleans(),
)
def test_choice_is_the_plain_rule(
    char: str, weights: list[float], lexical: str | None, phrase: str | None, name: bool
) -> None:
    readings = g2pm().classes[char][0]
    total = sum(weights[: len(readings)]) or 1.0
    probs = tuple(w / total for w in weights[: len(readings)])
    votes = fp._Votes(lexical, phrase, name)
    plain = _choose(dict(zip(readings, probs, strict=True)), votes)
    assert fp._choice(char, votes).pick(probs) == plain
