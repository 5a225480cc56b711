"""
Pictures of the record, drawn on the server as SVG: a timeline of meetings per period
(timeline.py) and an official's network of the people they met (network.py). Both are pure
functions over counts, tested alone; data.py is the one thin layer that reads the counts.
"""
