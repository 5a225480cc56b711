"""
Loads that never lose an editor's work. A load creates what is missing, updates what nobody
edited since the last load, leaves an editor's changes (and deletions) alone, and lists a
record that changed on both sides as a LoadConflict for review. Resetting a database is a
separate, explicit command (README, "Resetting a development database").
"""
