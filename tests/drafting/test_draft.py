"""draft(): the whole release, every proposed fact pointing at its passage."""

import datetime
import json

from meetings.drafting import KnownWorld, draft

COMUNICADO = """Comunicado No. 412

El canciller Ebrard recibe al secretario de Seguridad Nacional de Estados Unidos

Ciudad de México, 14 de diciembre de 2021.- Por instrucciones del presidente Andrés Manuel López Obrador, el canciller Marcelo Ebrard recibió hoy en la Cancillería al secretario de Seguridad Nacional de Estados Unidos, Alejandro Mayorkas, acompañado por el embajador Ken Salazar.

En el encuentro también participó una delegación de legisladores estadounidenses.

Los funcionarios abordaron la cooperación en seguridad, el tráfico de armas, el fentanilo y la migración regular.

“México y Estados Unidos comparten la responsabilidad de detener el tráfico de armas”, afirmó el canciller.

Por su parte, el secretario Mayorkas señaló: “Nuestra cooperación en la frontera es más estrecha que nunca”.

Ambos funcionarios acordaron establecer un grupo de trabajo sobre movilidad laboral y firmaron un memorándum de entendimiento sobre intercambio de información.
"""


def test_a_spanish_communique():
    result = draft(COMUNICADO)
    assert result.language == "es"
    assert (
        result.title
        == "El canciller Ebrard recibe al secretario de Seguridad Nacional de Estados Unidos"
    )
    assert (result.date, result.date_precision, result.date_inferred) == ("2021-12-14", "day", True)
    assert result.published == "2021-12-14"
    assert (result.city, result.country) == ("Ciudad de México", "MX")
    people = {(p["name"], p["country"], p["role"]) for p in result.participants}
    # Ambassador Salazar accompanies Secretary Mayorkas: the same side.
    assert people == {
        ("Marcelo Ebrard", "MX", "host"),
        ("Alejandro Mayorkas", "US", "head"),
        ("Ken Salazar", "US", "member"),
    }
    inferred = {p["name"] for p in result.participants if p["side_inferred"]}
    assert inferred == {"Marcelo Ebrard"}  # no nationality given: the host country's
    assert [m["name"] for m in result.mentions] == ["Andrés Manuel López Obrador"]
    assert [(d["country"], d["description"]) for d in result.delegations] == [
        ("US", "legisladores estadounidenses")
    ]
    assert [(q["speaker"], q["attributed_by_context"]) for q in result.quotes] == [
        ("Marcelo Ebrard", False),
        ("Alejandro Mayorkas", False),
    ]
    assert {"security", "arms-trafficking", "fentanyl-and-synthetic-drugs", "migration"} <= set(
        result.to_json()["topics"]
    )
    assert [a["kind"] for a in result.agreements] == ["agreement"]


def test_every_passage_is_the_source_text_at_its_offsets():
    data = draft(COMUNICADO, published=datetime.date(2021, 12, 14)).to_json()
    text = data["source_text"]
    facts = [
        *data["participants"],
        *data["mentions"],
        *data["delegations"],
        *data["quotes"],
        *data["agreements"],
        *data["topic_passages"],
        *data["passages"].values(),
    ]
    assert facts
    for fact in facts:
        assert text[fact["start"] : fact["end"]] == fact["passage"]
    for quote in data["quotes"]:
        assert quote["text"] == quote["passage"]
    json.dumps(data)  # the draft is plain JSON


def test_html_is_read_as_text_and_offsets_refer_to_the_text():
    html = (
        "<html><body><nav>Home | Press | Contact</nav><h1>Secretary Blinken&rsquo;s Meeting with "
        "Mexican Foreign Secretary Ebrard</h1><p>WASHINGTON &mdash; Secretary of State Antony J. Blinken "
        "met today with Mexican Foreign Secretary Marcelo Ebrard in Washington, D.C. They discussed "
        "migration and fentanyl.</p></body></html>"
    )
    result = draft(html, published=datetime.date(2022, 5, 3))
    assert "<" not in result.source_text
    assert result.title == "Secretary Blinken’s Meeting with Mexican Foreign Secretary Ebrard"
    assert (result.date, result.date_inferred) == ("2022-05-03", True)
    assert result.city.upper().startswith("WASHINGTON") and result.country == "US"
    assert {(p["name"], p["country"]) for p in result.participants} == {
        ("Antony J. Blinken", "US"),
        ("Marcelo Ebrard", "MX"),
    }
    for fact in result.participants:
        assert result.source_text[fact["start"] : fact["end"]] == fact["passage"]


def test_known_officials_give_their_names_slugs_and_titles():
    known = KnownWorld(
        officials=[
            (
                "antony-blinken",
                "Antony J. Blinken",
                ["Antony Blinken", "Blinken"],
                "US",
                [("Secretary of State", datetime.date(2021, 1, 26), None)],
            )
        ],
        cities=[("washington-dc", "Washington, D.C.", "US")],
    )
    result = draft(
        "Secretary Blinken met Canada's Foreign Minister Mélanie Joly in Washington on May 3, 2022.",
        known=known,
    )
    blinken = next(p for p in result.participants if p["slug"] == "antony-blinken")
    assert (blinken["name"], blinken["country"], blinken["title"]) == (
        "Antony J. Blinken",
        "US",
        "Secretary",
    )
    assert result.city_slug == "washington-dc"
    assert {p["name"] for p in result.participants} == {"Antony J. Blinken", "Mélanie Joly"}


def test_an_empty_release_is_an_empty_draft():
    result = draft("")
    assert (result.title, result.date_precision, result.participants, result.quotes) == (
        "",
        "unknown",
        [],
        [],
    )


GUATEMALA = """Reunión bilateral México-Guatemala

Ciudad de Guatemala, 9 de febrero de 2024.- La secretaria de Relaciones Exteriores, Alicia Bárcena, se reunió hoy con el presidente de Guatemala, Bernardo Arévalo, y con el canciller guatemalteco, Carlos Ramiro Martínez, acompañada por la embajadora de México en Guatemala, Carmen Moreno.

Los funcionarios dialogaron sobre migración, movilidad laboral y cooperación regional, y acordaron instalar un grupo de trabajo sobre seguridad fronteriza.

“Guatemala y México compartimos una frontera y un futuro”, señaló la canciller mexicana.

El presidente Arévalo envió un saludo a la presidenta Claudia Sheinbaum Pardo.
"""


def test_a_spanish_communique_with_another_country():
    result = draft(GUATEMALA, publisher="Secretaría de Relaciones Exteriores")
    assert (result.date, result.date_inferred) == ("2024-02-09", True)
    assert (result.city, result.country) == ("Ciudad de Guatemala", "GT")
    sides = {p["name"]: (p["country"], p["side_inferred"]) for p in result.participants}
    assert sides == {
        "Alicia Bárcena": ("MX", False),
        "Bernardo Arévalo": ("GT", False),
        "Carlos Ramiro Martínez": ("GT", False),
        "Carmen Moreno": ("MX", False),
    }
    assert [m["name"] for m in result.mentions] == ["Claudia Sheinbaum Pardo"]
    assert [q["speaker"] for q in result.quotes] == ["Alicia Bárcena"]
    assert {"migration", "labor-mobility", "regional-cooperation", "border-security"} <= set(
        result.to_json()["topics"]
    )
    assert [a["kind"] for a in result.agreements] == ["commitment"]


def test_a_summit_abroad_gives_no_one_its_side():
    text = (
        "La canciller, Alicia Bárcena, se reunió este jueves en Río de Janeiro con el secretario "
        "de Estado, Antony Blinken, en el marco de la Cumbre del G-20."
    )
    result = draft(text, published=datetime.date(2024, 2, 23))
    assert (result.city, result.country, result.date) == ("Río de Janeiro", "BR", "2024-02-22")
    sides = {p["name"]: p["country"] for p in result.participants}
    assert sides == {"Alicia Bárcena": None, "Antony Blinken": "US"}


def test_titles_with_an_acronym_and_people_named_as_someone_s():
    text = (
        "La titular de la Secretaría de Relaciones Exteriores (SRE), Alicia Bárcena, se reunió con el "
        "secretario de Seguridad Nacional de Estados Unidos, Alejandro Mayorkas. Después sostendrá "
        "encuentros con el secretario de Estado, Antony Blinken, y con el asesor de Seguridad Nacional "
        "del presidente Joe Biden."
    )
    result = draft(text)
    assert {(p["name"], p["country"]) for p in result.participants} == {
        ("Alicia Bárcena", "MX"),
        ("Alejandro Mayorkas", "US"),
    }
    assert {m["name"] for m in result.mentions} == {"Antony Blinken", "Joe Biden"}
