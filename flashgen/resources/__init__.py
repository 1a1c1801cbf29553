"""The language data flashgen ships or builds once: caches and dictionaries.

cache (the cache folder, atomic writes, versioned data), tables (compact tries and
arrays the caches are made of), cedict (CC-CEDICT), idioms (the chengyu list), lexicon
(the segmenter's merged dictionary), levels (HSK levels).
"""
