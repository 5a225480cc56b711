"""The template tags of the shared blocks: breadcrumbs, a page's meetings, ranked lists."""

import pytest
from django.core.paginator import Paginator
from django.template import TemplateSyntaxError, engines

from meetings.models import Meeting


def render(source, **context):
    return engines["django"].from_string("{% load site_tags %}" + source).render(context)


def test_breadcrumbs_lead_from_home_to_the_current_page():
    html = render('{% breadcrumbs "Agencies" "agency-list" current=name %}', name="A & B")
    assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in html
    assert html.index('<a href="/">Home</a>') < html.index('<a href="/agencies/">Agencies</a>')
    assert '<li aria-current="page">A &amp; B</li>' in html


def test_breadcrumbs_take_pairs():
    with pytest.raises(TemplateSyntaxError):
        render('{% breadcrumbs "Agencies" current="x" %}')


def test_ranked_links_to_officials_or_to_the_filtered_list():
    rows = [("mike-pompeo", "Mike Pompeo", 1200)]
    officials = render('{% ranked rows to="official" empty="None yet." %}', rows=rows)
    link = '<a href="/officials/mike-pompeo/">Mike Pompeo</a> <span class="count">1,200</span>'
    assert link in officials
    topics = render(
        '{% ranked rows to="topic" official="luis-videgaray" empty="None yet." %}',
        rows=[("trade", "Trade", 3)],
    )
    assert 'href="/meetings/?official=luis-videgaray&amp;topic=trade"' in topics
    assert "<li>Nobody yet.</li>" in render('{% ranked rows empty="Nobody yet." %}', rows=[])


SECTION = (
    "{% meetings_section pagination %}<p>more</p>"
    '{% empty %}<p class="empty">none</p>{% endmeetings_section %}'
)


@pytest.mark.django_db
def test_meetings_section_shows_the_count_the_rows_and_what_follows():
    meetings = list(Meeting.objects.published().order_by("slug"))
    page = Paginator(meetings, 2).page(1)
    html = render(SECTION, pagination={"page": page, "links": [], "next": "?page=2"})
    assert f'<h2 id="meetings-heading">Meetings ({len(meetings)})</h2>' in html
    assert html.count('class="meeting-item"') == 2
    assert 'rel="next"' in html and "<p>more</p>" in html and "none" not in html


def test_meetings_section_says_when_there_are_none():
    page = Paginator([], 20).page(1)
    html = render(SECTION, pagination={"page": page, "links": []})
    assert "Meetings (0)" in html and '<p class="empty">none</p>' in html
    assert "meeting-list" not in html and "<p>more</p>" not in html


def test_meetings_section_takes_only_the_rows_option():
    with pytest.raises(TemplateSyntaxError):
        render('{% meetings_section pagination order="x" %}{% endmeetings_section %}')
