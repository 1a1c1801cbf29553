"""``--audio`` on the sample article: time, size, and the pitch of the four tones.

    python benchmarks/audio.py [--repeat R]

Times the real CLI in a subprocess, ``python -m flashgen build seeds/ --out TMP``, with
the dictionary caches already built (a user's second run), three ways:

- without audio;
- with ``--audio``, first build: an empty speech cache, every word and sentence
  synthesised and encoded;
- with ``--audio``, cached rebuild: the same speech cache again.

The first build is repeated R times (``--repeat``) with the speech cache emptied each
time; every figure is the fastest of R runs, wall and CPU (user + system) seconds.
The target: a cached rebuild takes less than 1 s more than a build without audio.
It also prints the deck sizes, the number and total duration of the recordings, and
the F0 table of 妈/麻/马/骂 that ``tests/test_speech.py`` asserts the shapes of
(needs ``praat-parselmouth``: ``pip install -e '.[test]'``).

``--encodings`` prints the MP3 settings compared (``flashgen/speech/media.py``): bit
rate, and signal-to-noise ratio of each decoded file against the synthesised wave.

``--coverage`` also counts the sentences of real text that get no recording (tokens
whose syllables do not match their characters, or nothing to say): every 10th Tatoeba
sentence and every 4th line of the MSR test text, read in place from ../shared/eval.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

from timing import timed  # benchmarks/timing.py (this folder is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "seeds"
DECK = "000_83bce5aa88b4fec1.apkg"


def build(out: Path, cache: Path, *options: str) -> tuple[float, float]:
    env = dict(os.environ, FLASHGEN_CACHE_DIR=str(cache))
    env.pop("SOURCE_DATE_EPOCH", None)
    run = timed(
        [
            sys.executable,
            "-m",
            "flashgen",
            "build",
            str(SAMPLE),
            "--out",
            str(out),
            "--quiet",
            *options,
        ],
        ROOT,
        env,
    )
    return run.wall, run.cpu


def best(runs: list[tuple[float, float]]) -> str:
    wall = min(r[0] for r in runs)
    cpu = min(r[1] for r in runs)
    return f"{wall:5.2f} s wall, {cpu:5.2f} s CPU (fastest of {len(runs)})"


def f0_table() -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        import test_speech  # the test's own measurement, so the table is what it asserts
    except ImportError as e:  # pytest or parselmouth missing
        print(f"F0 table skipped ({e}): pip install -e '.[test]'")
        return
    print("\nF0 of the syllable ma, semitones above 100 Hz (Praat; first/last quarter means)")
    print(
        f"{'context':24} {'tone':>4} {'start':>6} {'end':>6} {'rise':>6} {'mean':>6} "
        f"{'low':>6} {'fall':>6}"
    )
    for context, args in test_speech.CONTEXTS.items():
        for tone, c in test_speech.tone_contours(*args).items():
            print(
                f"{context:24} {tone:>4} {c['start']:6.2f} {c['end']:6.2f} {c['rise']:6.2f} "
                f"{c['mean']:6.2f} {c['low']:6.2f} {c['fall']:6.2f}"
            )


# A sentence of the sample article's length, as numbered pinyin with its sandhi.
TEST_SENTENCE = (
    "zai4 guo4 qu4 de5 ji3 ge4 yue4 li3 , huang2 ren2 xun1 yi4 zhi2 zai4 you2 shui4 "
    "hua2 sheng4 dun4 zheng4 jie4"
)


def encodings() -> None:
    import io

    import numpy as np
    import soundfile

    from flashgen.speech.espeak import espeak_engine

    wave = espeak_engine().synthesize(TEST_SENTENCE)
    x = np.frombuffer(wave.samples, "<i2")
    seconds = len(x) / wave.rate
    reference = x / 32768
    print(f"{seconds:.1f} s sentence; WAV {16 * wave.rate / 1000:.0f} kbit/s")
    for mode, level in [("VARIABLE", q) for q in (0.5, 0.7, 0.9, 0.99)] + [
        ("CONSTANT", q) for q in (0.8, 0.9)
    ]:
        out = io.BytesIO()
        soundfile.write(
            out,
            x,
            wave.rate,
            format="MP3",
            subtype="MPEG_LAYER_III",
            compression_level=level,
            bitrate_mode=mode,
        )
        size = len(out.getvalue())
        out.seek(0)
        decoded, _ = soundfile.read(out, dtype="float64")
        # The encoder may delay the signal: the best alignment within 3,000 samples.
        best = max(
            10 * np.log10((reference**2).sum() / ((decoded[d : d + len(x)] - reference) ** 2).sum())
            for d in range(0, min(3000, len(decoded) - len(x) + 1))
        )
        print(f"{mode:8} {level:4}: {size * 8 / seconds / 1000:4.0f} kbit/s, SNR {best:4.1f} dB")


def coverage() -> None:
    from flashgen.datatypes import SentencePair
    from flashgen.language.annotate import annotate_sentence
    from flashgen.speech import sentence_reading

    eval_dir = ROOT.parent / "shared" / "eval"
    with open(eval_dir / "corpus" / "tatoeba_cmn_eng.tsv", encoding="utf-8") as f:
        tatoeba = [line.split("\t")[1] for line in f if "\t" in line][::10]
    with open(eval_dir / "segmentation" / "msr_test.utf8", encoding="utf-8") as f:
        msr = [line.strip() for line in f if line.strip()][::4]
    for name, lines in (("Tatoeba, every 10th", tatoeba), ("MSR test, every 4th", msr)):
        silent = []
        for i, zh in enumerate(lines):
            s = annotate_sentence(SentencePair(0, i, zh, None, None, None), "eval")
            if sentence_reading(s.zh, s.tokens) is None:
                silent.append(zh)
        print(
            f"{name}: {len(lines) - len(silent)} of {len(lines)} sentences get a recording; "
            f"without: {silent[:5]}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--coverage", action="store_true")
    parser.add_argument("--encodings", action="store_true")
    args = parser.parse_args()
    if args.encodings:
        encodings()
    if args.coverage:
        coverage()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        cache = root / "cache"
        build(root / "warm-up", cache)  # the dictionary caches, as for any user's second run
        plain = [build(root / "plain", cache) for _ in range(args.repeat)]
        first = []
        for _ in range(args.repeat):
            shutil.rmtree(cache / "speech", ignore_errors=True)
            first.append(build(root / "first", cache, "--audio"))
        cached = [build(root / "cached", cache, "--audio") for _ in range(args.repeat)]
        print(f"without audio:         {best(plain)}")
        print(f"--audio, first build:  {best(first)}")
        print(f"--audio, cached:       {best(cached)}")
        extra = min(r[0] for r in cached) - min(r[0] for r in plain)
        extra_cpu = min(r[1] for r in cached) - min(r[1] for r in plain)
        verdict = "met" if extra < 1.0 else "NOT met"
        print(
            f"cached rebuild costs {extra:+.2f} s wall ({extra_cpu:+.2f} s CPU) more "
            f"than without audio: target < 1 s {verdict}"
        )
        size_plain = (root / "plain" / DECK).stat().st_size
        size_audio = (root / "cached" / DECK).stat().st_size
        print(
            f"deck size: {size_plain / 1e6:.2f} MB without audio, "
            f"{size_audio / 1e6:.2f} MB with audio"
        )
        recordings(root / "cached" / DECK)
    f0_table()


def recordings(apkg: Path) -> None:
    import soundfile

    with zipfile.ZipFile(apkg) as z:
        names = [n for n in z.namelist() if n.isdigit()]
        seconds = [soundfile.info(z.open(n)).duration for n in names]
        sizes = [z.getinfo(n).file_size for n in names]
    total = sum(seconds)
    print(
        f"{len(names)} recordings, {total:.0f} s of speech, {sum(sizes) / 1e6:.2f} MB: "
        f"{sum(sizes) * 8 / total / 1000:.0f} kbit/s; longest {max(seconds):.1f} s"
    )


if __name__ == "__main__":
    main()
