"""Reading text: bytes to paragraphs and sentences, before any dictionary is loaded.

decode (bytes -> str, encodings), inputs (which files are texts, which are pairs),
markdown, lines (what a line is: English, a date, a byline, a title), paragraphs,
read (a file or a pair of files -> a Document of paragraph pairs), sentences
(splitting Chinese and English), script (what counts as Han; simplified <->
traditional), numerals (numbers in both languages), english (English words and stems).
"""
