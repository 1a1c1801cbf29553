"""Writing what was decided: Anki packages, spreadsheets, handouts, JSON lines.

anki (note types and the .apkg writer: the only code touching genanki), export (CSV,
TSV, Pleco), handout (printable HTML per lesson), records (``flashgen annotate``'s JSON).
"""
