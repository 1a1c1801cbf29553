"""Builds: texts to decks, one per text (texts) or one per class (classes).

The orchestration the CLI calls: study each text (in parallel), plan, make notes and
write packages, and say what was done as summaries the CLI renders.
"""
