"""Label and report layouts rendered to PDF, raster, TSPL and ZPL bytes. No Qt.

A layout is data: a kind's function turns plain values into a list of elements (text boxes, Code 128,
QR, lines) in millimetres on a label size; each renderer draws those elements its own way.
"""
