"""
The Office of the Historian's records (history.state.gov): Presidents' and Secretaries of
State's trips abroad, foreign leaders' visits to the United States, read and parsed into plain
dataclasses. No database here: a loader turns these into meetings.
"""
