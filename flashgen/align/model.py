"""The alignment model's parameters: the few numbers every part of the search shares."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AlignParams:
    """The few numbers of the model.  ``lexical``, ``merge`` and ``skip`` were chosen on
    MAC-Dev with a coarse grid (4/6/8, 2/3/4, 8/12/16): choosing them on five chapters
    and scoring the sixth, in turn, gives F1 0.874, against 0.881 for the best choice
    on all six, so they are not much fitted to these chapters."""

    # Gale–Church variance of δ, per Chinese character (English lengths are divided by
    # the text's length ratio).  Texts of 20 beads or more fit their own; MAC-Dev's
    # chapters fit 2 to 4 (Tatoeba's literal pairs about 0.5).
    variance: float = 3.0
    # Cost of a sentence that the other side of its bead does not account for at all.
    lexical: float = 6.0
    # Cost of each sentence beyond the first on either side of a bead.  As every
    # sentence is in one bead, this is in effect a reward of 2 × merge per bead.
    merge: float = 3.0
    # Cost of a 1–0 or 0–1 bead (on top of ``lexical``): rare in translated prose
    # (6 of MAC-Dev's 1,343 gold links); 8 and 12 score alike there.
    skip: float = 12.0
    # Anchor weight (in IDF units) a sentence needs before its coverage counts fully.
    smoothing: float = 2.0
    # Coverage of a sentence by an unrelated one, assumed before looking at the text
    # (MAC-Dev averages 0.03–0.09), and its weight in sentences.
    chance: float = 0.06
    chance_weight: float = 2.0
    # Half width (at least) of the band searched around the diagonal, in sentences;
    # widened when the best path runs along its edge.  MAC-Dev's gold paths stray at
    # most 16 sentences from the diagonal.
    band: int = 30
    # The band starts at a tenth of the text, but at most this wide: memory and time
    # grow with length × width, so a band proportional to the length made whole
    # documents quadratic (8,000 sentences: 4 GB, 257 s).  A path that needs more
    # still gets it, by the widening above.
    band_cap: int = 100
    # Learnt anchors: a character pair and an English word seen together in at least
    # this many first-pass beads, with at least this Dice coefficient.
    learn_min_count: int = 3
    learn_min_dice: float = 0.5
    # Temperature of the link probabilities: 1.5 makes them calibrated on MAC-Dev
    # (links scored 0.6–0.7 were right 69 % of the time, 0.8–0.9: 95 %).
    temperature: float = 1.5
