"""
Full-text search: the same meetings on PostgreSQL and SQLite for the same queries (CI runs
this file on both), any input accepted, and every kind of write visible at once.
"""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.models import Meeting, Official, OfficialAlias, Participation, Topic
from meetings.search import MAX_TERMS, parse, search_meetings

pytestmark = pytest.mark.django_db

POMPEO = "2018-05-pompeo-videgaray-washington"
EBRARD = "ebrard-receives-us-congressional-delegation"
HIGH_LEVEL = "2017-02-23-high-level-meeting-mexico-city"
DIALOGUE = "2017-12-14-second-strategic-dialogue-on-tcos"
NIELSEN = "2018-03-26-nielsen-pena-nieto-mexico-city"
ALL = {POMPEO, EBRARD, HIGH_LEVEL, DIALOGUE, NIELSEN}


def found(query, queryset=None):
    queryset = Meeting.objects.all() if queryset is None else queryset
    return {meeting.slug for meeting in search_meetings(queryset, query)}


# The expected meetings are the same on both databases: this list is the cross-check.
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("fentanyl", {EBRARD}),
        ("Pena Nieto", {HIGH_LEVEL, NIELSEN}),  # a participant, without accents
        ("PEÑA", {HIGH_LEVEL, NIELSEN}),  # case and accents ignored
        ("peña nieto", {HIGH_LEVEL, NIELSEN}),
        ("Miguel Osorio", {HIGH_LEVEL, DIALOGUE}),  # an alias
        ("Osorio-Chong", {HIGH_LEVEL, DIALOGUE}),  # punctuation splits words
        ("ÁLVAREZ", {EBRARD}),
        ("Beltran", {DIALOGUE}),
        ("nafta", {POMPEO, DIALOGUE}),  # a topic, and a word of a summary
        ("intelligence sharing", {HIGH_LEVEL, NIELSEN}),  # a topic's name
        ("Ebrard", {EBRARD}),  # the title
        ("U.S.", {EBRARD}),
        ("secretar", {POMPEO, EBRARD, DIALOGUE, NIELSEN}),  # a prefix of three letters or more
        ("kirst", {DIALOGUE, NIELSEN}),
        ("se", set()),  # too short to be a prefix: only the whole word
        ('"foreign secretary"', {POMPEO, EBRARD, DIALOGUE}),  # a phrase
        ('"secretary foreign"', set()),  # ... in that order
        ('"drug trafficking"', {POMPEO, EBRARD, HIGH_LEVEL, DIALOGUE}),
        ("security -nafta", {EBRARD, HIGH_LEVEL, NIELSEN}),  # exclusion
        ("-nafta", {EBRARD, HIGH_LEVEL, NIELSEN}),  # exclusion alone
        ("-security", set()),
        ('videgaray -"foreign secretary"', {HIGH_LEVEL, NIELSEN}),
        ("tillerson or pompeo", {POMPEO, DIALOGUE, HIGH_LEVEL}),  # either
        ("fentanyl OR nafta", {EBRARD, POMPEO, DIALOGUE}),
        ("border fentanyl or nafta", {EBRARD, POMPEO}),  # "or" binds tighter than "and"
        ("nothing-matches-this", set()),
        ("or", ALL),  # no words: no search
        ('"" - -- ()', ALL),
    ],
)
def test_queries_find_the_same_meetings_on_every_database(query, expected):
    assert found(query) == expected


def test_results_are_ranked_title_first():
    results = list(search_meetings(Meeting.objects.all(), "ebrard").order_by("-search_rank"))
    assert results[0].slug == EBRARD  # in its title, beyond the participants
    ranked = search_meetings(Meeting.objects.all(), "nafta").annotate(rank=F("search_rank"))
    assert all(r.rank > 0 for r in ranked.order_by("-search_rank"))


def test_search_narrows_the_given_queryset():
    assert found("nafta", Meeting.objects.filter(slug=POMPEO)) == {POMPEO}
    assert found("nafta", Meeting.objects.none()) == set()


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"""',
        "'",
        "\\",
        "%",
        "_",
        "*",
        "a*",
        "NEAR(a b)",
        "title:nafta",
        "nafta:*",
        "!nafta",
        "(nafta",
        "nafta)",
        "a & b | !c <-> d",
        "AND OR NOT",
        "- - -",
        "-",
        "--nafta",
        "\x00",
        "nafta\x00security",
        "\x01\x02\x1b[31m",
        "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
        "😀 🇲🇽",
        "x" * 10_000,
        " ".join(["nafta"] * 5_000),
        "é" * 3_000,
        "'; DROP TABLE meetings_meeting; --",
        '" OR 1=1 --',
        "日本語のテキスト",
        "ﬁnance ²",
    ],
)
def test_any_input_is_accepted(query):
    list(search_meetings(Meeting.objects.all(), query))
    list(search_meetings(Meeting.objects.all(), query).order_by("-search_rank"))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text):
    results = search_meetings(Meeting.objects.all(), text).annotate(rank=F("search_rank"))
    list(results.values_list("pk", "rank"))


def test_the_list_page_searches_with_any_input(client):
    for query in ['"unclosed', "a -", "x" * 200, "nafta OR", "-nafta", "é:*"]:
        response = client.get(reverse("meeting-list"), {"q": query})
        assert response.status_code == 200, query
    # The form refuses NUL characters: an error beside the field, not a server error.
    assert client.get(reverse("meeting-list"), {"q": "a\x00b"}).status_code == 400


def test_only_the_first_words_are_used():
    query = parse(" ".join(f"w{i}" for i in range(50)))
    assert sum(len(phrase.words) for alternatives in query.required for phrase in alternatives) == (
        MAX_TERMS
    )


def test_the_query_language():
    query = parse('border fentanyl or "synthetic drugs" -nafta U.S.')
    assert query.tsquery() == (
        "'border':* & ('fentanyl':* | ('synthetic' <-> 'drugs')) & ('u' <-> 's') & !'nafta':*"
    )
    assert query.fts5() == (
        '("border" * AND ("fentanyl" * OR "synthetic drugs") AND "u s") NOT ("nafta" *)'
    )
    assert not parse("  -- \x00 ")


# ---------------------------------------------------------------- kept current


def videgaray_meetings():
    return set(
        Participation.objects.filter(official__slug="luis-videgaray").values_list(
            "meeting__slug", flat=True
        )
    )


def test_the_index_holds_every_meeting_after_loaddata():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM meetings_meetingsearch")
        assert cursor.fetchone()[0] == Meeting.objects.count() == 5


def test_a_new_alias_is_found_at_once():
    official = Official.objects.get(slug="luis-videgaray")
    alias = OfficialAlias.objects.create(official=official, name="Zacarías Quux")
    assert found("zacarias") == videgaray_meetings()
    alias.name = "Yolotl Quux"
    alias.save()
    assert found("zacarias") == set()
    assert found("yolotl") == videgaray_meetings()
    alias.delete()
    assert found("quux") == set()


def test_an_alias_added_in_the_admin_is_found_at_once(admin_client_logged_in):
    official = Official.objects.get(slug="luis-videgaray")
    url = reverse("admin:meetings_official_change", args=[official.pk])
    data = form_data(admin_client_logged_in.get(url))
    total = int(data["aliases-TOTAL_FORMS"])
    data["aliases-TOTAL_FORMS"] = str(total + 1)
    data[f"aliases-{total}-name"] = "Xóchitl Quux"
    data[f"aliases-{total}-official"] = str(official.pk)
    response = admin_client_logged_in.post(url, data)
    assert response.status_code == 302
    assert found("xochitl quux") == videgaray_meetings()


def form_data(response):
    """The POST data that submits an admin change page as it stands."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            data[field.html_name] = [str(v) for v in value] if isinstance(value, list) else value
    return data


def test_renamed_officials_and_topics_are_found_at_once():
    Official.objects.filter(slug="luis-videgaray").update(name="Luis Videgaray Wxyzzy")
    assert found("wxyzzy") == videgaray_meetings()
    topic = Topic.objects.get(slug="agriculture")
    topic.name = "Agronomy and Qwerty"
    topic.save()
    assert (
        found("qwerty") == set(topic.meetings.values_list("slug", flat=True)) == {EBRARD, NIELSEN}
    )


def add_participant(meeting, slug):
    """The official `slug` joins the meeting, cited from the source of its first participant."""
    official = Official.objects.get(slug=slug)
    participation = Participation.objects.filter(meeting=meeting).first()
    Participation.objects.create(
        meeting=meeting,
        official=official,
        side=official.country,
        source=participation.source,
        passage=participation.passage,
    )
    return official


def test_meeting_edits_participants_and_topics_are_found_at_once():
    meeting = Meeting.objects.get(slug=POMPEO)
    meeting.title = "Pompeo and Videgaray discuss Plonk"
    meeting.save()
    assert found("plonk") == {POMPEO}
    Meeting.objects.filter(slug=POMPEO).update(summary="Nothing but Fnord.")
    assert found("fnord") == {POMPEO}
    assert found("venezuela") == set()  # the old summary is gone

    ebrard = add_participant(meeting, "marcelo-ebrard")
    assert found("ebrard") == {EBRARD, POMPEO}
    Participation.objects.filter(meeting=meeting, official=ebrard).delete()
    assert found("ebrard") == {EBRARD}

    assert POMPEO in found("nafta")
    meeting.topics.remove(Topic.objects.get(slug="nafta"))
    meeting.summary = ""
    meeting.save()
    assert POMPEO not in found("nafta")
    meeting.topics.add(Topic.objects.get(slug="nafta"))
    assert POMPEO in found("nafta")


def test_a_deleted_meeting_leaves_the_index():
    Meeting.objects.filter(slug=EBRARD).delete()
    assert found("fentanyl") == set()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM meetings_meetingsearch")
        assert cursor.fetchone()[0] == 4


def test_reloading_the_fixtures_keeps_one_document_a_meeting():
    call_command("loaddata", "meetings", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM meetings_meetingsearch")
        assert cursor.fetchone()[0] == 5
    assert found("Pena Nieto") == {HIGH_LEVEL, NIELSEN}


def search_row_facts(slug):
    """What a meeting's search row says of it (PostgreSQL: migrations 0005 and 0018)."""
    meeting = Meeting.objects.get(slug=slug)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT published, kind, country_id, year, topic_ids, official_ids, timeline_item "
            "FROM meetings_meetingsearch WHERE meeting_id = %s",
            [meeting.pk],
        )
        return cursor.fetchone()


def facts_of(slug):
    """The same, from the meeting, its topics and its participants."""
    meeting = Meeting.objects.get(slug=slug)
    return (
        meeting.status == "published",
        meeting.kind,
        meeting.country_id,
        meeting.date.year if meeting.date else None,
        sorted(meeting.topics.values_list("pk", flat=True)),
        sorted(meeting.participations.values_list("official_id", flat=True)),
        f"{meeting.date:%Y-%m} {meeting.date_precision}" if meeting.date else None,
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="search rows carry facts there")
def test_search_rows_keep_their_meetings_facts_through_every_write():
    assert all(search_row_facts(slug) == facts_of(slug) for slug in ALL)
    meeting = Meeting.objects.get(slug=POMPEO)
    meeting.status = "draft"
    meeting.save()
    assert search_row_facts(POMPEO)[0] is False
    Meeting.objects.filter(slug=POMPEO).update(
        status="published", kind="visit", date=None, date_precision="unknown"
    )
    assert search_row_facts(POMPEO) == facts_of(POMPEO)
    assert search_row_facts(POMPEO)[1:4] == ("visit", meeting.country_id, None)
    Meeting.objects.filter(slug=POMPEO).update(country=None)
    assert search_row_facts(POMPEO)[2] is None
    Meeting.objects.filter(slug=POMPEO).update(date=date(2019, 5, 1), date_precision="month")
    assert search_row_facts(POMPEO)[6] == "2019-05 month"
    Meeting.objects.filter(slug=POMPEO).update(date_precision="day")  # the precision alone
    assert search_row_facts(POMPEO)[6] == "2019-05 day"

    ebrard = add_participant(meeting, "marcelo-ebrard")
    assert ebrard.pk in search_row_facts(POMPEO)[5]
    Participation.objects.filter(meeting=meeting, official=ebrard).update(
        official=Official.objects.get(slug="kirstjen-nielsen")
    )
    assert search_row_facts(POMPEO) == facts_of(POMPEO)
    meeting.topics.clear()
    assert search_row_facts(POMPEO)[4] == []
    meeting.topics.add(*Topic.objects.all()[:2])
    assert search_row_facts(POMPEO) == facts_of(POMPEO)
    Participation.objects.filter(meeting=meeting).delete()
    assert search_row_facts(POMPEO)[5] == []
