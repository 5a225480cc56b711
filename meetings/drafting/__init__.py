"""
The release reader: from a pasted press release (English or Spanish, text or HTML) to a draft
meeting whose every proposed fact carries the passage it comes from. Pure functions over text.
"""

from .draft import Draft, draft
from .known import KnownWorld
from .text import html_to_text

__all__ = ["Draft", "KnownWorld", "draft", "html_to_text"]
