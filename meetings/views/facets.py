"""
A meeting list's facets (counts by topic, official, country, kind and year, each a link that
toggles its filter), the chips of the filters in force, and the list's cached count.
"""

from django.db import connection
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from ..aggregates import FACETS, facet_groups, published_facet_groups
from ..languages.countries import country_name
from ..models import MeetingKind
from ..search import parse as parse_search
from ..summary.read import whole_list
from ..versioning import cached

FACET_LIMIT = 12
# Facet counts of a filtered list are computed when at most this many meetings match: beyond,
# each count reads tens of thousands of rows (a one-word search at 100,000 meetings took
# 0.5 s on PostgreSQL), so the page asks for a narrower filter instead. The unfiltered list
# always has them: read from the summary rows the database's triggers keep.
FACETED_MAX = 5_000
# A filtered list is counted, and charted by month, when at most this many meetings match:
# beyond, it is "more than" this many. Counting a one-word search at 1,000,000 meetings read
# every match's search row (448,000 of them, 650 ms on PostgreSQL); this many take 50.
COUNTED_MAX = 10_000
# What a filtered list groups its meetings by: the facets, and the months of its timeline.
LISTED = (*FACETS, "timeline")


def filters_key(params):
    """What a list's meetings depend on: its parameters but the page and the order."""
    return tuple(sorted((k, v) for k, v in params.multi_items if k not in ("page", "sort")))


def facet_links(params, rows):
    """The five facets' counts, each with the link that adds or removes its value."""
    topics, officials, parties, countries, kinds, years = rows
    return [
        facet(_("Topic"), "topic", params, topics, multi=True),
        facet(_("Official"), "official", params, officials, multi=True),
        country_pages(facet(_("Party"), "party", params, parties, multi=True), parties),
        facet(_("Country"), "country", params, countries),
        facet(_("Kind"), "kind", params, kinds),
        year_facet(params, years),
    ]


def country_pages(party_facet, rows):
    """Each party's item also links to its country's page."""
    for item, (code, _label, _count) in zip(party_facet["items"], rows, strict=True):
        item["page"] = reverse("country-detail", args=[code])
    return party_facet


def facet_rows(groups):
    """The facets' (value, label, count) rows, labelled in the reader's language."""
    kind_labels = dict(MeetingKind.choices)
    kinds = [(kind, str(kind_labels.get(kind, kind)), n) for kind, n in groups["kind"]]
    return [
        groups["topic"],
        groups["official"],
        localized_countries(groups["party"]),
        localized_countries(groups["country"]),
        kinds,
        groups["year"],
    ]


def localized_countries(rows):
    """(code, name, count) rows with each country's name in the active language."""
    language = translation.get_language() or "en"
    return [(code, country_name(code, language, name), n) for code, name, n in rows]


def searched_alone(narrowed):
    """
    Whether a list whose filters in force are `narrowed` is only searched, on PostgreSQL:
    its figures are then read from the matching search rows alone.
    """
    return narrowed == {"q"} and connection.vendor == "postgresql"


def list_summary(filtered, params, narrowed, search=None):
    """
    (count, facet rows or None, timeline rows or None) of a list's meetings: those of a
    filtered list (`narrowed` names the filters in force) cached for these filters and the
    data version (filtered_summary), those of the whole list read from the summary rows the
    triggers keep (meetings/summary: one small query at any size, so not cached).
    """
    if narrowed:
        key = ("summary", filters_key(params))
        return cached(key, lambda: filtered_summary(filtered, narrowed, search))
    count, groups = whole_list(FACET_LIMIT)
    return count, facet_rows(groups), groups["timeline"]


def filtered_summary(filtered, narrowed, search):
    """
    list_summary() of a filtered list, in one query: counted up to COUNTED_MAX + 1, grouped
    by month for its timeline (timeline_rows() as the timeline reads them) when COUNTED_MAX
    meetings or fewer match, and by its facets when FACETED_MAX or fewer do. On PostgreSQL,
    a list only searched (`search`, its q) is read from the meetings' search rows alone
    (published_facet_groups: a search matching 5,700 meetings, 26 to 9 ms), any other by
    facet_groups.
    """
    limits = {"at_most": FACETED_MAX, "count_most": COUNTED_MAX, "facets": LISTED}
    if searched_alone(narrowed):
        groups = published_facet_groups(FACET_LIMIT, search=parse_search(search), **limits)
    else:
        groups = facet_groups(filtered, FACET_LIMIT, **limits)
    count = groups["count"]
    timeline = groups["timeline"] if count <= COUNTED_MAX else None
    return count, facet_rows(groups) if count <= FACETED_MAX else None, timeline


def facet(title, key, params, rows, multi=False):
    items = []
    for value, label, count in rows:
        active = params.has(key, value)
        if multi:
            url = params.toggle(key, value)
        else:
            url = params.without(key) if active else params.replace(key, value)
        items.append(facet_item(label, count, url, active))
    return {"title": title, "key": key, "items": items}


def facet_item(label, count, url, active):
    # Every key the template asks for, "page" (a country's page) too: a key it misses costs
    # the template an exception and a dir() of the dict (0.5 ms a list of 110 items).
    return {"label": label, "count": count, "url": url, "active": active, "page": ""}


def year_facet(params, rows):
    items = []
    for year, count in rows:
        year = str(year)
        active = params.get("date_after") == year and params.get("date_before") == year
        if active:
            url = params.without("date_after", "date_before")
        else:
            url = params.replace_many(date_after=year, date_before=year)
        items.append(facet_item(year, count, url, active))
    return {"title": _("Year"), "key": "year", "items": items}


def active_chips(filterset, params):
    """The filters in force, each with a link that removes it."""
    if not filterset.is_bound:
        return []
    cleaned = getattr(filterset.form, "cleaned_data", {})
    chips = []
    names = {
        "topic": _("Topic"),
        "official": _("Official"),
        "agency": _("Agency"),
        "country": _("Country"),
        "city": _("City"),
    }

    def chip(name, value, url):
        return {"label": _("%(name)s: %(value)s") % {"name": name, "value": value}, "url": url}

    for key in ("topic", "official"):
        for obj in cleaned.get(key) or []:
            chips.append(chip(names[key], obj, params.toggle(key, obj.slug)))
    for party in cleaned.get("party") or []:
        chips.append(chip(_("Party"), display(party), params.toggle("party", party.code)))
    for key in ("agency", "country", "city"):
        obj = cleaned.get(key)
        if obj:
            chips.append(chip(names[key], display(obj), params.without(key)))
    if cleaned.get("kind"):
        kind = dict(MeetingKind.choices)[cleaned["kind"]]
        chips.append(chip(_("Kind"), kind, params.without("kind")))
    for key, label in (("date_after", _("From")), ("date_before", _("Until"))):
        if cleaned.get(key):
            chips.append(chip(label, params.get(key), params.without(key)))
    if cleaned.get("q"):
        chips.append(chip(_("Search"), cleaned["q"], params.without("q")))
    return chips


def display(obj):
    """How a filter's object is named on the page: a country in the reader's language."""
    return getattr(obj, "display_name", obj)
