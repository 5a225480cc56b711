"""
The one layer where the release reader meets the database: the known world read from it
(``known``), a pasted release stored as a Source and a draft meeting with its proposals
(``create``), and each proposal accepted into the real rows or rejected (``accept``).
"""

from .accept import accept, reject
from .create import create_draft
from .known import known_world

__all__ = ["accept", "create_draft", "known_world", "reject"]
