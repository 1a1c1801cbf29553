"""Chinese language analysis of one aligned sentence pair.

segment (jieba over the merged dictionary; names, numbers), posseg (jieba's
part-of-speech cut), pinyin (the reading in context), gloss (the dictionary meaning),
english (which English words translate a Chinese word), annotate (all of these over a
document: the stage that turns sentence pairs into annotated sentences).
"""
