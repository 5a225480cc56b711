"""
The historian's plans written to the database: one thin layer of bulk writes over the pure
modules above it (reference.py: countries, cities and agencies; people.py: one person, one
record; writer.py: meetings and their facts; state.py: what an editor may have changed).
"""
