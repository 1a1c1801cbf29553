"""Hand-made annotated sentences for the select / cards / deck tests.

Written out as ``"他们|讨论|了|关税|。"``, one ``|`` between tokens; each token's
annotation comes from ``WORDS`` (or is given), so a test reads like the text it uses.
Tests take them as the fixtures ``token``, ``sentence`` and ``news_text`` (conftest.py)
rather than importing this module.
"""

from __future__ import annotations

from flashgen.datatypes import (
    AnnotatedSentence,
    AnnotatedToken,
    EnglishMatch,
    Gloss,
    Kind,
    SentencePair,
)
from flashgen.teach.select import Pick

# headword -> (kind, numbered syllables, senses, hsk, zipf, traditional)
WORDS: dict[str, tuple[Kind, str, str, int | None, float, str]] = {
    "特朗普": ("name", "te4 lang3 pu3", "Trump", None, 3.5, "特朗普"),
    "政府": ("word", "zheng4 fu3", "government", 3, 6.0, "政府"),
    "批准": ("word", "pi1 zhun3", "to approve; to ratify", 5, 4.6, "批准"),
    "了": ("word", "le5", "(completed action marker)", 1, 7.1, "了"),
    "芯片": ("word", "xin1 pian4", "computer chip", None, 4.1, "芯片"),
    "出口": ("word", "chu1 kou3", "to export; exit", 4, 5.0, "出口"),
    "他们": ("word", "ta1 men5", "they", 1, 6.4, "他們"),
    "讨论": ("word", "tao3 lun4", "to discuss", 3, 5.0, "討論"),
    "关税": ("word", "guan1 shui4", "customs duty; tariff", 6, 4.2, "關稅"),
    "一": ("number", "yi1", "one", 1, 6.3, "一"),
    "百": ("number", "bai3", "hundred", 1, 5.0, "百"),
    "H20": ("latin", "", "", None, 0.0, "H20"),
    "一丝不苟": (
        "idiom",
        "yi1 si1 bu4 gou3",
        "not one thread loose; meticulous",
        7,
        3.0,
        "一絲不苟",
    ),
    "朋友": ("word", "peng2 you5", "friend", 1, 5.6, "朋友"),
    "西安": ("name", "xi1 an1", "Xi'an", None, 4.5, "西安"),
    "银行": ("word", "yin2 hang2", "bank", 2, 5.2, "銀行"),
    "行": ("word", "xing2", "to walk; OK", 2, 5.0, "行"),
    "说": ("word", "shuo1", "to speak", 1, 6.5, "說"),
    "鉴于": ("word", "jian4 yu2", "in view of", 7, 4.0, "鑒於"),
    "無": ("word", "wu2", "", None, 5.0, "無"),
}


def token(
    text: str,
    start: int,
    *,
    kind: Kind | None = None,
    syllables: str | None = None,
    senses: str | None = None,
    hsk: int | str | None = "table",
    zipf: float | None = None,
    en_match: EnglishMatch | None = None,
    simplified: str | None = None,
    traditional: str | None = None,
) -> AnnotatedToken:
    if text in WORDS:
        k, syl, sen, h, z, trad = WORDS[text]
    elif all(not c.isalnum() for c in text):
        k, syl, sen, h, z, trad = "punct", "", "", None, 0.0, text
    elif any(c.isascii() and c.isalpha() for c in text):
        k, syl, sen, h, z, trad = "latin", "", "", None, 0.0, text
    else:
        k, syl, sen, h, z, trad = "word", " ".join(["ma1"] * len(text)), "thing", None, 3.0, text
    kind = kind or k
    syl = syllables if syllables is not None else syl
    sen = senses if senses is not None else sen
    gloss = None
    if kind in ("word", "idiom", "name") and sen:
        gloss = Gloss(tuple(sen.split("; ")), (), "idiom-list" if kind == "idiom" else "cedict")
    return AnnotatedToken(
        text,
        start,
        start + len(text),
        kind,
        tuple(syl.split()),
        gloss,
        traditional or trad,
        h if hsk == "table" else hsk,  # type: ignore[arg-type]
        z if zipf is None else zipf,
        en_match,
        simplified or text,
    )


def sentence(
    spec: str,
    index: int = 0,
    *,
    en: str | None = None,
    scope: str | None = "sentence",
    matches: dict[str, str] | None = None,
    overrides: dict[str, dict[str, object]] | None = None,
    file: str = "text.txt",
) -> AnnotatedSentence:
    """``spec`` is the sentence with ``|`` between tokens; ``matches`` maps a word to the
    English it translates (found in ``en``)."""
    tokens, pos = [], 0
    zh = spec.replace("|", "")
    for part in spec.split("|"):
        match = None
        if matches and part in matches and en:
            at = en.index(matches[part])
            match = EnglishMatch(at, at + len(matches[part]), matches[part], matches[part])
        tokens.append(token(part, pos, en_match=match, **(overrides or {}).get(part, {})))
        pos += len(part)
    return AnnotatedSentence(
        file,
        0,
        index,
        zh,
        en,
        scope if en else None,  # type: ignore[arg-type]
        0.9 if en else None,
        tuple(tokens),
    )


def news_text(fixed: bool = False, extra: bool = False) -> list[AnnotatedSentence]:
    """A small bilingual text; ``fixed`` corrects its second sentence, ``extra`` adds one."""
    text = [
        # Trump / government / approved / (le) / chip / export / .
        sentence(
            "特朗普|政府|批准|了|芯片|出口|。",
            0,
            en="The Trump government approved chip exports.",
            matches={"政府": "government", "批准": "approved"},
        ),
        # they / discuss / (le) / tariff / .    (fixed: they / discuss / tariff / .)
        sentence(
            "他们|讨论|关税|。" if fixed else "他们|讨论|了|关税|。",
            1,
            en="They discussed tariffs.",
            matches={"关税": "tariffs"},
        ),
        # meticulous / <script> / & / friend / .
        sentence(
            "一丝不苟|<script>|&|朋友|。",
            2,
            en="A meticulous <script> & friend.",
            matches={"一丝不苟": "meticulous"},
        ),
    ]
    if extra:
        # in view of / bank / , / they / approve / (le) / .
        text.append(
            sentence("鉴于|银行|，|他们|批准|了|。", 3, en="Given the bank, they approved.")
        )
    return text


# when / I / return / home / (de) / time , sky / already / dark / (le) .
WHEN = ("当我回到家的时候，天已经黑了。", "When I got home, it was already dark.")


def annotated_pick(zh: str, en: str, word: str) -> Pick:
    """``word`` in the real annotation of the sentence pair ``zh`` / ``en``."""
    from flashgen.language.annotate import annotate_sentence

    s = annotate_sentence(SentencePair(0, 0, zh, en, "sentence", 1.0), "text.txt")
    return Pick(next(t for t in s.tokens if t.text == word), s)
