"""A class: a folder with a flashgen.toml whose texts are its lessons.

config (reading and checking flashgen.toml, known-word lists), lessons (finding
classes and their lessons).
"""
