"""
The site in Spanish: /es/ before a page's path, the same page and state in the other
language one link away, Spanish words, dates, numbers and country names, quotes and sources
in their own language, and the same cost as in English.
"""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from meetings.languages.countries import country_name
from meetings.languages.paths import localized_path, unprefixed
from meetings.models import Country, Meeting
from meetings.models.base import format_date

DIALOGUE = "2017-12-14-second-strategic-dialogue-on-tcos"
POMPEO = "2018-05-pompeo-videgaray-washington"
EBRARD = "ebrard-receives-us-congressional-delegation"
SOURCE = "four-areas-of-cooperation-between-us-mexico"

PAGES = [
    "/",
    "/meetings/",
    "/meetings/?topic=security&official=luis-videgaray&date_after=2017&q=secretary",
    f"/meetings/{DIALOGUE}/",
    "/officials/",
    "/officials/luis-videgaray/",
    "/agencies/",
    "/agencies/sre/",
    "/topics/",
    "/topics/security/",
    "/sources/",
    f"/sources/{SOURCE}/",
]


def html_lang(content):
    return re.search(r'<html lang="([^"]+)"', content).group(1)


# ---------------------------------------------------------------- addresses


@pytest.mark.parametrize(
    ("path", "language", "query", "expected"),
    [
        ("/meetings/", "es", "", "/es/meetings/"),
        ("/", "es", "", "/es/"),
        ("/es/", "en", "", "/"),
        ("/es", "en", "", "/"),
        ("/es/meetings/", "en", "topic=a&topic=b&page=2", "/meetings/?topic=a&topic=b&page=2"),
        ("/es/officials/x/", "es", "", "/es/officials/x/"),
        ("/estonia/", "es", "", "/es/estonia/"),  # only the whole segment is a prefix
    ],
)
def test_localized_path_swaps_only_the_language_prefix(path, language, query, expected):
    assert localized_path(path, language, query) == expected
    assert unprefixed(expected.split("?")[0]) == unprefixed(path)


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_every_page_answers_in_both_languages_with_its_lang(client, path):
    english = client.get(path)
    spanish = client.get(f"/es{path}")
    assert english.status_code == spanish.status_code == 200
    assert html_lang(english.content.decode()) == "en"
    assert html_lang(spanish.content.decode()) == "es"
    assert spanish["Content-Language"] == "es"


@pytest.mark.django_db
def test_links_on_a_spanish_page_stay_in_spanish_and_data_twins_are_unprefixed(client):
    content = client.get(f"/es/meetings/{DIALOGUE}/").content.decode()
    assert 'href="/es/meetings/"' in content
    assert 'href="/es/officials/luis-videgaray/"' in content
    assert f'href="/meetings/{DIALOGUE}.json"' in content
    assert 'href="/meetings/feed/"' in content
    assert f"/es/meetings/{DIALOGUE}.json" not in content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/es/meetings/export.json",
        "/es/meetings/export.csv",
        "/es/meetings/feed/",
        f"/es/meetings/{DIALOGUE}.json",
        "/es/healthz",
        "/es/admin/",
    ],
)
def test_data_and_operations_routes_have_no_spanish_twin(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_english_addresses_are_unchanged_whatever_the_browser_asks(client):
    response = client.get(reverse("meeting-list"), HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert html_lang(response.content.decode()) == "en"
    assert reverse("meeting-list") == "/meetings/"
    with translation.override("es"):
        assert reverse("meeting-list") == "/es/meetings/"
        assert reverse("meeting-export-json") == "/meetings/export.json"


# ---------------------------------------------------------------- the switcher


@pytest.mark.django_db
def test_the_switcher_links_this_page_and_its_query_in_each_language(client):
    query = "topic=security&official=luis-videgaray&sort=date"
    content = client.get(f"/es/meetings/?{query}").content.decode()
    switcher = re.search(r'<nav class="languages".*?</nav>', content, re.S).group(0)
    assert 'aria-label="Idioma"' in switcher
    english = re.search(r'<a href="([^"]+)" hreflang="en" lang="en"\s*>English</a>', switcher)
    spanish = re.search(
        r'<a href="([^"]+)" hreflang="es" lang="es"\s*aria-current="true">Español</a>', switcher
    )
    assert english.group(1) == f"/meetings/?{query}".replace("&", "&amp;")
    assert spanish.group(1) == f"/es/meetings/?{query}".replace("&", "&amp;")
    assert (
        f'<link rel="alternate" hreflang="en" href="http://testserver/meetings/?{query}'.replace(
            "&", "&amp;"
        )
        in content
    )
    # And back: the English page marks English as current.
    content = client.get(f"/meetings/?{query}").content.decode()
    assert re.search(r'hreflang="en" lang="en"\s*aria-current="true">English', content)


# ---------------------------------------------------------------- words


@pytest.mark.django_db
def test_spanish_pages_speak_spanish(client):
    home = client.get("/es/").content.decode()
    assert "Reuniones" in home and "Últimas reuniones" in home
    assert "Latest meetings" not in home
    assert "Saltar al contenido" in home
    detail = client.get(f"/es/meetings/{DIALOGUE}/").content.decode()
    for words in ("Participantes", "Acuerdos y resultados", "Diálogo de alto nivel", "Inicio"):
        assert words in detail
    assert "Participants" not in detail


@pytest.mark.django_db
def test_filters_facets_chips_and_errors_in_spanish(client):
    content = client.get("/es/meetings/", {"country": "MX", "kind": "bilateral"}).content.decode()
    assert "País: México" in content  # chip, with the country's Spanish name
    assert "Tipo: Reunión bilateral" in content
    assert "Más recientes primero" in content
    bad = client.get("/es/meetings/", {"date_after": "2018-13", "topic": "no-such-topic"})
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "Algunos filtros no se pudieron aplicar" in text
    assert "2018-13 no es una fecha real." in text
    assert "Escoja una opción válida" in text or "Seleccione una opción válida" in text
    # The JSON export is the same in every language: English messages.
    export = client.get("/meetings/export.json", {"date_after": "2018-13"})
    assert export.json()["errors"]["date_after"][0]["message"] == "2018-13 is not a real date."


@pytest.mark.django_db
def test_facets_are_labelled_in_each_language_and_cached_apart(client):
    country = re.compile(r'<a href="\?country=MX"\s*>(\w+)</a>')
    spanish = client.get("/es/meetings/").content.decode()
    assert "<h2>País</h2>" in spanish and country.search(spanish).group(1) == "México"
    english = client.get("/meetings/").content.decode()  # the same facets, from the cache
    assert "<h2>Country</h2>" in english and "<h2>País</h2>" not in english
    assert country.search(english).group(1) == "Mexico"
    assert country.search(client.get("/es/meetings/").content.decode()).group(1) == "México"


@pytest.mark.django_db
def test_not_found_and_a_corrected_page_in_spanish(client):
    missing = client.get("/es/meetings/no-such-meeting/")
    assert missing.status_code == 404
    assert "Página no encontrada" in missing.content.decode()
    assert html_lang(missing.content.decode()) == "es"
    assert "Page not found" in client.get("/meetings/no-such-meeting/").content.decode()
    page = client.get("/es/meetings/", {"page": "x"}).content.decode()
    assert "El número de página debe ser un número entero a partir de 1" in page


# ---------------------------------------------------------------- dates, numbers, countries


@pytest.mark.parametrize(
    ("date", "precision", "english", "spanish"),
    [
        (datetime.date(2017, 12, 14), "day", "14 December 2017", "14 de diciembre de 2017"),
        (datetime.date(2018, 5, 1), "month", "May 2018", "mayo de 2018"),
        (datetime.date(2017, 1, 1), "year", "2017", "2017"),
        (None, "unknown", "Date unknown", "Fecha desconocida"),
    ],
)
def test_dates_at_their_precision_in_each_language(date, precision, english, spanish):
    with translation.override("en"):
        assert format_date(date, precision) == english
    with translation.override("es"):
        assert format_date(date, precision) == spanish


@pytest.mark.django_db
def test_meeting_dates_and_counts_on_spanish_pages(client):
    assert "14 de diciembre de 2017" in client.get(f"/es/meetings/{DIALOGUE}/").content.decode()
    assert "mayo de 2018" in client.get(f"/es/meetings/{POMPEO}/").content.decode()
    assert "14 December 2017" in client.get(f"/meetings/{DIALOGUE}/").content.decode()
    Meeting.objects.filter(slug=DIALOGUE).update(
        date=datetime.date(2017, 1, 1), date_precision="year"
    )
    content = client.get(f"/es/meetings/{DIALOGUE}/").content.decode()
    assert '<time datetime="2017">2017</time>' in content
    assert "(no se conoce el mes)" in content


def test_numbers_use_the_languages_separators():
    from django.contrib.humanize.templatetags.humanize import intcomma

    with translation.override("en"):
        assert intcomma(4271) == "4,271"
    with translation.override("es"):
        assert intcomma(4271) == "4\xa0271"  # the RAE's and Django's: a space between groups


@pytest.mark.parametrize(
    ("code", "default", "spanish"),
    [
        ("MX", "Mexico", "México"),
        ("US", "United States", "Estados Unidos"),
        ("KR", "South Korea", "Corea del Sur"),  # the common name, not "Corea, República de"
        ("SU", "Soviet Union", "URSS, Unión de Repúblicas Socialistas Soviéticas"),  # historic
        ("UN", "United Nations", "United Nations"),  # ISO names no such country: ours
        ("", "Nowhere", "Nowhere"),
    ],
)
def test_country_names_come_from_pycountrys_catalogues(code, default, spanish):
    assert country_name(code, "es", default) == spanish
    assert country_name(code, "en", default) == default


@pytest.mark.django_db
def test_a_country_shows_its_name_in_the_readers_language():
    mexico = Country.objects.get(code="MX")
    assert mexico.display_name == "Mexico"
    with translation.override("es"):
        assert mexico.display_name == "México"
    assert str(mexico) == "Mexico"


# ---------------------------------------------------------------- quotes and sources


@pytest.mark.django_db
def test_quotes_passages_and_sources_keep_their_own_language(client):
    content = client.get(f"/es/meetings/{DIALOGUE}/").content.decode()
    assert '<blockquote lang="en"><p>' in content
    assert '<blockquote class="passage" lang="en">' in content
    source = client.get(f"/es/sources/{SOURCE}/").content.decode()
    assert '<div class="source-text" lang="en">' in source
    assert '<h1 lang="en">' in source
    official = client.get("/es/officials/luis-videgaray/").content.decode()
    assert '<blockquote lang="en">' in official


# ---------------------------------------------------------------- cost


def queries(client, path):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_a_spanish_page_runs_the_queries_of_its_english_one(client, path):
    assert queries(client, f"/es{path}") == queries(client, path)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "count"),
    # The pins of tests/test_pages.py, on the Spanish pages.
    [
        ("/es/", 5),
        ("/es/meetings/", 6),
        ("/es/meetings/?topic=security&official=luis-videgaray&date_after=2017&q=secretary", 8),
        (f"/es/meetings/{DIALOGUE}/", 13),
        ("/es/officials/", 4),
        ("/es/officials/luis-videgaray/", 13),
        ("/es/agencies/", 2),
        ("/es/agencies/sre/", 12),
        ("/es/topics/", 2),
        ("/es/topics/security/", 9),
        ("/es/sources/", 3),  # the page and its count, as in English
        ("/es/sources/second-strategic-high-level-dialogue-on-disrupting-tcos/", 8),
    ],
)
def test_spanish_pages_run_a_fixed_number_of_queries(
    client, django_assert_num_queries, path, count
):
    with django_assert_num_queries(count):
        assert client.get(path).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "words"), [("/", "Bad request"), ("/es/", "Solicitud incorrecta")]
)
def test_a_request_for_another_host_is_refused_with_a_400_page(client, path, words):
    response = client.get(path, HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    assert words in response.content.decode()
    assert "evil.example.com" not in response.content.decode()


@pytest.mark.parametrize(
    "choices",
    ["MeetingKind", "AgencyKind", "ParticipationRole", "AgreementKind", "DatePrecision"],
)
def test_every_choice_shown_on_pages_has_a_spanish_label(choices):
    import meetings.models as models

    labels = getattr(models, choices).choices
    with translation.override("es"):
        spanish = [str(label) for _, label in labels]
    english = [str(label) for _, label in labels]
    assert all(s != e for s, e in zip(spanish, english, strict=True)), spanish


# ---------------------------------------------------------------- pictures and countries


def visible(content):
    """The page's body without its markup: the words a reader sees (and the SVG's titles)."""
    body = content.split("<body", 1)[1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


@pytest.mark.django_db
def test_a_country_pair_page_in_spanish(client, django_assert_num_queries):
    # The pin of /countries/US/MX/ in tests/test_pictures_pages.py: the same cost in Spanish.
    with django_assert_num_queries(9):
        response = client.get("/es/countries/US/MX/")
    assert response.status_code == 200
    content = response.content.decode()
    assert html_lang(content) == "es"
    assert "<h1>Estados Unidos y México</h1>" in content  # pycountry's names, in Spanish
    assert "<title>Estados Unidos – México · Bilateral</title>" in content
    text = visible(content)
    for words in (
        "Reuniones en las que participaron funcionarios tanto de Estados Unidos como de México.",
        "Reuniones por mes",
        "Estados Unidos y México: reuniones por mes",
        "Los mismos recuentos en una tabla",
        "Temas a lo largo del tiempo",
        "Últimos acuerdos y resultados",
        "Últimos viajes y visitas",
        "A quiénes envió más México",
        "Calendario (.ics)",
    ):
        assert words in text, words
    for words in (
        "Meetings per month",
        "dated meetings",
        "Topics over time",
        "Latest trips and visits",
        "Whom",
        "sent most",
        "The same counts",
        "United States and Mexico",
        "officials of both",
    ):
        assert words not in text, words
    english = client.get("/countries/US/MX/").content.decode()
    assert "<h1>United States and Mexico</h1>" in english and html_lang(english) == "en"


@pytest.mark.django_db
def test_the_countries_index_and_a_country_page_in_spanish(client):
    index = visible(client.get("/es/countries/").content.decode())
    assert "Países" in index and "Cada país cuyos funcionarios participaron" in index
    assert "Countries" not in index and "Each country" not in index
    assert "México" in index and "Estados Unidos" in index  # the parties, named in Spanish
    assert "Mexico" not in index and "United States" not in index
    country = client.get("/es/countries/MX/").content.decode()
    assert "<h1>México</h1>" in country
    assert "Reuniones en las que participaron funcionarios de México." in visible(country)
    assert "took part" not in country
    assert "Estados Unidos" in visible(country)  # its partners (the titles are as recorded)


@pytest.mark.django_db
def test_timeline_months_are_named_in_spanish(client):
    content = client.get("/es/meetings/").content.decode()
    assert "Reuniones por mes" in content and "reuniones con fecha" in content
    assert "<title>mayo de 2018: 1</title>" in content and ">marzo de 2018</a>" in content
    assert "May 2018" not in content and "March 2018" not in content
    assert "Meetings per month" not in content


@pytest.mark.django_db
def test_an_officials_network_in_spanish(client):
    content = client.get("/es/officials/luis-videgaray/").content.decode()
    figure = re.search(r'<figure class="network".*?</figure>', content, re.S).group(0)
    text = visible("<body>" + figure)
    for words in (
        "Quién se reunió con quién",
        "grosor de la línea: reuniones en común; color: país",
        "Luis Videgaray Caso y las personas con las que más se reunió",
        "Las mismas personas en una tabla",
        "Reuniones en común",
    ):
        assert words in text, words
    assert 'aria-label="Países"' in figure
    for words in ("Who met whom", "people", "together", "Person", "Country"):
        assert not re.search(rf"\b{words}\b", text), words


@pytest.mark.django_db
def test_a_meetings_citation_and_relationship_links_in_spanish(client):
    content = client.get(f"/es/meetings/{POMPEO}/").content.decode()
    cite = re.search(r'<section class="cite".*?</section>', content, re.S).group(0)
    assert "Cómo citar" in cite and "Enlace permanente:" in cite and "consultado el" in cite
    assert "Cite this" not in cite and "Permalink" not in cite and "accessed <" not in cite
    assert "<summary>BibTeX</summary>" in cite  # the formats keep their names
    text = visible(content)
    assert "Relación:" in text and "Estados Unidos y México: todas sus reuniones" in text
    assert "all their meetings" not in text


@pytest.mark.django_db
def test_the_csrf_failure_page_in_spanish():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/es/meetings/", {"q": "x"}, secure=True)
    assert response.status_code == 403
    content = response.content.decode()
    assert html_lang(content) == "es"
    assert "No se pudo enviar este formulario" in content
    assert "This form could not be sent" not in content
