"""Sentence alignment: which English sentences translate which Chinese ones.

model (the parameters), anchors (dictionary, number and name evidence shared by two
sentences), costs (the cost of each bead: lengths and anchors), search (the best
monotone path through the beads).
"""
