"""flashgen: Chinese texts -> Anki decks with context-correct pinyin, glosses and sentences.

The pipeline, one module per stage, in the order data flows:
read -> sentences -> align -> segment -> pinyin / gloss / english -> annotate
-> select -> cards -> deck -> build.  Only ``cli`` prints.
"""

__version__ = "0.1.0"
