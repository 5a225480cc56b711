"""evaluate.py's comparisons, and its command on any folder of golds."""

import datetime
import json

from meetings.drafting.evaluate import (
    city_verdict,
    date_verdict,
    main,
    same_person,
    source_metadata,
)


def test_names_match_without_accents_and_by_surname():
    assert same_person("Enrique Pena Nieto", "Enrique Peña Nieto")
    assert same_person("Videgaray", "Luis Videgaray Caso")
    assert same_person("Ministry of Foreign Affairs", "Mexico's Ministry of Foreign Affairs")
    assert not same_person("Luis", "Luis Videgaray Caso")
    assert not same_person("Rex Tillerson", "John Kelly")


def _date(value, precision, end=None):
    return {"date": value, "date_end": end, "date_precision": precision}


def test_date_verdicts():
    assert date_verdict(_date("2018-05", "month"), _date("2018-05", "month")) == "exact"
    assert date_verdict(_date("2018-05", "month"), _date(None, "unknown")) == "unknown"
    assert date_verdict(_date("2018-05", "month"), _date("2018-05-01", "day")) == "invented day"
    assert date_verdict(_date(None, "unknown"), _date("2018-05-03", "day")) == "invented day"
    assert date_verdict(_date("2018-05-03", "day"), _date("2018-05", "month")) == "wrong"


def test_city_verdicts():
    gold = {"city": "Washington, D.C.", "country": "US"}
    assert city_verdict(gold, {"city": "Washington", "country": "US"}) == "exact"
    assert city_verdict(gold, {"city": None, "country": None}) == "unknown"
    assert city_verdict(gold, {"city": "Mexico City", "country": "MX"}) == "wrong"
    assert city_verdict({"city": None}, {"city": None}) == "exact"


def test_the_command_reads_any_folder_of_pairs(tmp_path, capsys):
    text = "U.S. Secretary of State Mike Pompeo met Mexican Foreign Secretary Luis Videgaray in Washington."
    gold = {
        "title": "",
        "date": None,
        "date_end": None,
        "date_precision": "unknown",
        "date_inferred": False,
        "city": "Washington",
        "country": "US",
        "participants": [
            {"name": "Mike Pompeo", "country": "US", "title": "", "role": "head", "passage": text},
            {
                "name": "Luis Videgaray",
                "country": "MX",
                "title": "",
                "role": "head",
                "passage": text,
            },
        ],
        "delegations": [],
        "mentions": [],
        "quotes": [],
        "topics": [],
        "agreements": [],
    }
    (tmp_path / "01_pompeo.txt").write_text(text, encoding="utf-8")
    (tmp_path / "01_pompeo.json").write_text(json.dumps(gold), encoding="utf-8")
    assert main([str(tmp_path), "--no-known", "--verbose"]) == 0
    out = capsys.readouterr().out
    assert "participants        1.00    1.00        2         2         2" in out
    assert "== 01_pompeo: date exact, city exact" in out


def test_the_source_s_metadata_at_the_top_level_or_in_its_source():
    expected = {"published": datetime.date(2018, 4, 13), "publisher": "SRE", "language": "es"}
    top = {"published": "2018-04-13", "publisher": "SRE", "language": "es"}
    assert source_metadata(top) == expected
    assert source_metadata({"source": {**top, "url": "https://example.org"}}) == expected
    assert source_metadata({}) == {"published": None, "publisher": "", "language": None}
