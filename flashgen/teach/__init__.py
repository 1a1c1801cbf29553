"""Deciding what to teach: words, their example sentences, and the notes.

select (which words of a text are worth a card), study (read -> annotate -> select for
one text, the part that runs in parallel), plan (which lesson of a class introduces
each word), cards (the notes' fields).
"""
