"""
Data entry for editors, by subject: a new press release goes in as one meeting page with
inline participants, delegations, mentions, agreements and quotes (``meetings``), with
autocomplete for everything it points at (``reference``, ``people``); each record's history
shows every change, old and new values, and reverts (``base``); and the conflicts loads
leave are settled in ``curation``.
"""

from . import curation, meetings, people, reference

__all__ = ["curation", "meetings", "people", "reference"]
