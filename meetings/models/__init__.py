"""
The knowledge model: who met whom, when, where, about what, and what they agreed, with the
source passage behind each fact. One import path, models kept by subject:

* ``places``: countries and cities;
* ``bodies``: agencies and their aliases;
* ``people``: officials, their aliases and positions over time;
* ``records``: topics, sources and meetings;
* ``evidence``: participations, unnamed delegations, mentions, agreements and quotes;
* ``catalogues``: other catalogues' record ids, and people an import could not tell apart;
* ``drafting``: the facts the release reader proposed for a draft, each accepted or not;
* ``curation``: what loads wrote, and the conflicts they left for editors;
* ``summary``: counts over every published meeting, kept by triggers (derived data).
"""

from .base import DatePrecision, date_range, format_date, iso_date
from .bodies import Agency, AgencyAlias, AgencyKind
from .catalogues import ExternalRecord, MergeCandidate, OfficialIdentifier, RecordScheme
from .curation import LoadConflict, LoadedRecord
from .drafting import Proposal, ProposalDecision, ProposalKind
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
from .summary import SummaryCount

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
    "ExternalRecord",
    "LoadConflict",
    "LoadedRecord",
    "Meeting",
    "MeetingKind",
    "MeetingStatus",
    "Mention",
    "MergeCandidate",
    "Official",
    "OfficialAlias",
    "OfficialIdentifier",
    "Participation",
    "ParticipationRole",
    "Position",
    "Proposal",
    "ProposalDecision",
    "ProposalKind",
    "Quote",
    "RecordScheme",
    "Source",
    "SummaryCount",
    "Topic",
    "date_range",
    "format_date",
    "is_published",
    "iso_date",
]

# After every model: registers their history (django-simple-history).
from . import history  # noqa: E402, F401
