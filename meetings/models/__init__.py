"""
The knowledge model: who met whom, when, where, about what, and what they agreed, with the
source passage behind each fact. One import path, models kept by subject:

* ``places``: countries and cities;
* ``bodies``: agencies and their aliases;
* ``people``: officials, their aliases and positions over time;
* ``records``: topics, sources and meetings;
* ``evidence``: participations, unnamed delegations, mentions, agreements and quotes;
* ``curation``: what loads wrote, and the conflicts they left for editors.
"""

from .base import DatePrecision, date_range, format_date, iso_date
from .bodies import Agency, AgencyAlias, AgencyKind
from .curation import LoadConflict, LoadedRecord
from .evidence import (
    Agreement,
    AgreementKind,
    Delegation,
    Mention,
    Participation,
    ParticipationRole,
    Quote,
)
from .people import Official, OfficialAlias, Position
from .places import City, Country
from .records import Meeting, MeetingKind, MeetingStatus, Source, Topic, is_published

__all__ = [
    "Agency",
    "AgencyAlias",
    "AgencyKind",
    "Agreement",
    "AgreementKind",
    "City",
    "Country",
    "DatePrecision",
    "Delegation",
    "LoadConflict",
    "LoadedRecord",
    "Meeting",
    "MeetingKind",
    "MeetingStatus",
    "Mention",
    "Official",
    "OfficialAlias",
    "Participation",
    "ParticipationRole",
    "Position",
    "Quote",
    "Source",
    "Topic",
    "date_range",
    "format_date",
    "is_published",
    "iso_date",
]

# After every model: registers their history (django-simple-history).
from . import history  # noqa: E402, F401
