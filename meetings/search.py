"""
Text search over meetings: one interface, `search_meetings(queryset, query)`, whatever the
database. It returns the meetings matching every word of `query`, ignoring accents and case,
in title, summary, participants' names and aliases, and topics.
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower

from .functions import Unaccent
from .models import Meeting, OfficialAlias, Participation
from .text import normalize_name

MAX_WORDS = 10


def _contains(field, word):
    return Q(**{f"{field}__contains": word})


def search_meetings(queryset, query):
    words = normalize_name(query).split()[:MAX_WORDS]
    if not words:
        return queryset
    matching = Meeting.objects.alias(
        _title=Lower(Unaccent("title")), _summary=Lower(Unaccent("summary"))
    )
    for word in words:
        by_participant = Participation.objects.alias(
            _name=Lower(Unaccent("official__name"))
        ).filter(
            Q(_name__contains=word)
            | Exists(
                OfficialAlias.objects.alias(_alias=Lower(Unaccent("name"))).filter(
                    official=OuterRef("official"), _alias__contains=word
                )
            ),
            meeting=OuterRef("pk"),
        )
        matching = matching.filter(
            _contains("_title", word)
            | _contains("_summary", word)
            | Q(Exists(by_participant))
            | Q(topics__name__icontains=word)
        )
    return queryset.filter(pk__in=matching.values("pk"))
