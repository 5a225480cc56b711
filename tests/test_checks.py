"""The model layer's checks, shared by the admin, the importers and the drafts."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from meetings.models import (
    Country,
    Meeting,
    Mention,
    Official,
    Participation,
    Position,
    Quote,
    Source,
    Topic,
)
from meetings.text import PassageNotFound, find_passage, make_slug

POMPEO = "2018-05-pompeo-videgaray-washington"
NIELSEN = "2018-03-26-nielsen-pena-nieto-mexico-city"


def test_passages_are_found_whatever_their_quotes_dashes_and_spaces():
    text = "He said: “Our security is linked”  —  to one\nanother’s."
    start, end = find_passage(text, 'said: "Our security is linked" - to one another\'s.')
    assert text[start:end] == "said: “Our security is linked”  —  to one\nanother’s."


def test_a_missing_passage_names_the_first_words_not_found():
    with pytest.raises(PassageNotFound) as error:
        find_passage("The two secretaries met in Washington.", "The two secretaries met in Paris")
    assert error.value.missing == "Paris"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("US–Mexico relations", "us-mexico-relations"),
        ("Peña Nieto", "pena-nieto"),
        ("Secretary’s “meeting” — at the U.S. Embassy", "secretarys-meeting-at-the-u-s-embassy"),
    ],
)
def test_slugs_transliterate_and_turn_dashes_into_hyphens(text, slug):
    assert make_slug(text) == slug


def test_slugs_are_capped_at_a_word():
    slug = make_slug("word " * 40)
    assert len(slug) <= 80 and slug.endswith("word")


@pytest.mark.django_db
def test_an_empty_slug_is_made_from_the_name_and_kept_unique():
    Topic.objects.create(name="Energy", slug="energy-relations")
    topic = Topic(name="Energy–Mexico relations")
    topic.full_clean()
    assert topic.slug == "energy-mexico-relations"
    twin = Topic(name="Energy relations")
    twin.full_clean()
    assert twin.slug == "energy-relations-2"


@pytest.mark.django_db
def test_a_long_slug_is_refused():
    topic = Topic(name="Energy", slug="a" * 125)
    with pytest.raises(ValidationError, match="At most 80 characters"):
        topic.full_clean()


@pytest.mark.django_db
def test_a_passage_with_typographic_differences_is_stored_as_the_source_writes_it():
    participation = Participation.objects.get(meeting__slug=POMPEO, official__slug="mike-pompeo")
    participation.passage = participation.passage.replace("  ", " ").replace(",", " ,")
    with pytest.raises(ValidationError, match="from “, Foreign Secretary"):
        participation.full_clean()
    participation.passage = "U.S. Secretary of State  Mike Pompeo"
    participation.full_clean()
    assert participation.passage == "U.S. Secretary of State Mike Pompeo"


@pytest.mark.django_db
def test_a_quote_not_in_its_source_names_where_it_goes_wrong():
    quote = Quote.objects.filter(meeting__slug=POMPEO).first()
    quote.text = quote.text[:30] + " and more that was never said"
    with pytest.raises(ValidationError) as error:
        quote.full_clean()
    assert "never said" in str(error.value)


@pytest.mark.django_db
def test_a_post_not_held_on_a_new_meetings_date_is_refused_before_it_is_saved():
    pompeo = Official.objects.get(slug="mike-pompeo")
    later_post = Position.objects.get(official=pompeo, title="Secretary of State")
    meeting = Meeting(
        title="An earlier meeting", date=datetime.date(2017, 3, 1), date_precision="day"
    )
    participation = Participation(
        meeting=meeting,  # not saved yet, as in the admin's add form
        official=pompeo,
        side=pompeo.country,
        position=later_post,
        source=Source.objects.get(meetings__slug=POMPEO),
        passage="Secretary of State Mike Pompeo",
    )
    with pytest.raises(ValidationError, match="was not held at the meeting's date"):
        participation.full_clean(exclude=["meeting"])


@pytest.mark.django_db
def test_a_participants_side_is_their_country_unless_marked():
    participation = Participation.objects.get(meeting__slug=POMPEO, official__slug="mike-pompeo")
    participation.side = Country.objects.get(code="MX")
    with pytest.raises(ValidationError, match="is an official of United States"):
        participation.full_clean()
    participation.for_other_party = True
    participation.full_clean()


@pytest.mark.django_db
def test_no_one_is_both_a_participant_and_a_mention():
    mention = Mention.objects.select_related("meeting", "official").first()
    participation = Participation(
        meeting=mention.meeting,
        official=mention.official,
        side=mention.official.country,
        source=mention.source,
        passage=mention.passage,
    )
    with pytest.raises(ValidationError, match="only mentioned"):
        participation.full_clean()
    taken = Participation.objects.select_related("official").filter(meeting__slug=NIELSEN).first()
    twin = Mention(
        meeting=taken.meeting, official=taken.official, source=taken.source, passage=taken.passage
    )
    with pytest.raises(ValidationError, match="took part in this meeting"):
        twin.full_clean()


@pytest.mark.django_db
def test_every_recorded_row_passes_the_checks():
    for model in (Participation, Mention, Quote, Meeting):
        for row in model.objects.all():
            row.full_clean()
