"""
The development gold: the hand-made facts of the five releases (the project's fixtures)
converted to the draft's shape, one `NN_name.txt` + `NN_name.json` pair per release.

    python -m meetings.drafting.devset fixtures tests/drafting/devset

The gold keeps what the fixtures record, with the meeting's true date even where it rests on
outside knowledge (the reader should then say "unknown", never guess). Where the fixtures
leave out a fact the reader is meant to propose, ADDITIONS adds it, with the reason.
"""

import json
import sys
from pathlib import Path

# Quotes the fixtures do not record, with why they belong in the gold.
ADDITIONS = {
    "four-areas-of-cooperation-between-us-mexico": {
        "quotes": [
            {
                "speaker": "Mike Pompeo",
                "text": "Mexico is our second largest export market, third largest trading partner. The importance of modernizing NAFTA cannot be overstated, and we will continue to work towards an agreement with Mexico and with Canada.",
                "attributed_by_context": True,
            },
            {
                "speaker": "Mike Pompeo",
                "text": "Mexico is one of the United States’ closest partners. Together we are working to build a more secure, prosperous, and democratic hemisphere. We are neighbors, allies, and friends.",
                "attributed_by_context": True,
            },
        ],
        "why": "Two quoted passages follow Pompeo's attributed quotes without an attribution of "
        "their own; the fixtures leave them out, the reader should propose them as attributed by "
        "context.",
    }
}


def _records(folder, name):
    return json.loads((Path(folder) / f"{name}.json").read_text(encoding="utf-8"))


def _index(records, model):
    return [r["fields"] for r in records if r["model"] == f"meetings.{model}"]


def _iso(value, precision):
    if not value or precision == "unknown":
        return None
    return {"day": value, "month": value[:7], "year": value[:4]}[precision]


def _city_as_written(text, city):
    """The city as the text writes it, else its recorded name."""
    if city is None:
        return None
    variants = [city["name"], city["name"].replace(",", ""), city["name"].split(",")[0]]
    found = [(text.find(v), -len(v), v) for v in variants if text.find(v) >= 0]
    return min(found)[2] if found else city["name"]


def _speaker(quote, officials, agencies, text):
    if quote["speaker"]:
        return officials[quote["speaker"][0]]["name"]
    agency = agencies[quote["speaker_agency"][0]]
    names = [agency["name"], *agency["aliases"]]
    return next((n for n in sorted(names, key=len, reverse=True) if n in text), agency["name"])


def _world(fixtures):
    officials = {o["slug"]: o for o in _index(_records(fixtures, "officials"), "official")}
    reference = _records(fixtures, "reference")
    agencies = {a["slug"]: {**a, "aliases": []} for a in _index(reference, "agency")}
    for alias in _index(reference, "agencyalias"):
        agencies[alias["agency"][0]]["aliases"].append(alias["name"])
    cities = {c["slug"]: c for c in _index(reference, "city")}
    return officials, agencies, cities


def gold_for(meeting, source, facts, world):
    """One meeting of the fixtures in the draft's shape."""
    officials, agencies, cities = world
    text = source["text"]
    mine = [f for f in facts if f.get("meeting") == [meeting["slug"]]]
    gold = {
        "title": meeting["title"],
        "date": _iso(meeting["date"], meeting["date_precision"]),
        "date_end": _iso(meeting["date_end"], meeting["date_precision"]),
        "date_precision": meeting["date_precision"],
        "date_inferred": "rests on" in meeting["notes"],
        "city": _city_as_written(text, cities.get((meeting["city"] or [None])[0])),
        "country": (meeting["country"] or [None])[0],
        **_people(mine, officials),
        "quotes": [
            {
                "speaker": _speaker(q, officials, agencies, text),
                "text": q["text"],
                "attributed_by_context": False,
            }
            for q in sorted(_of(mine, "quote"), key=lambda f: f["number"])
        ],
        "topics": [t[0] for t in meeting["topics"]],
        "agreements": [
            {"title": a["title"], "kind": a["kind"], "passage": a["passage"]}
            for a in _of(mine, "agreement")
        ],
        "published": source["published"],
        "publisher": source["publisher"],
        "language": source["language"],
    }
    return _with_additions(gold, slug=source["slug"])


def _of(facts, model):
    return [f for f in facts if f["_model"] == f"meetings.{model}"]


def _people(mine, officials):
    """Participants, unnamed delegations and people only mentioned."""
    return {
        "participants": [
            {
                "name": officials[p["official"][0]]["name"],
                "country": p["side"][0],
                "title": p["position"][2],
                "role": p["role"],
                "passage": p["passage"],
            }
            for p in sorted(_of(mine, "participation"), key=lambda f: f["order"])
        ],
        "delegations": [
            {"country": d["side"][0], "description": d["description"], "passage": d["passage"]}
            for d in _of(mine, "delegation")
        ],
        "mentions": [
            {
                "name": officials[m["official"][0]]["name"],
                "country": officials[m["official"][0]]["country"][0],
                "note": m["note"],
                "passage": m["passage"],
            }
            for m in _of(mine, "mention")
        ],
    }


def _with_additions(gold, slug):
    added = ADDITIONS.get(slug)
    if added:
        gold["quotes"] += added["quotes"]
        gold["gold_notes"] = added["why"]
    return gold


def check(gold, text):
    """Every passage and quote of a gold is verbatim in its text; raises otherwise."""
    for group in ("participants", "delegations", "mentions", "agreements"):
        for fact in gold[group]:
            assert fact["passage"] in text, (group, fact["passage"])
    for quote in gold["quotes"]:
        assert quote["text"] in text, quote["text"]


def write(fixtures, folder):
    """Writes one text and one gold per release into the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    meetings = _records(fixtures, "meetings")
    facts = [
        {**r["fields"], "_model": r["model"]} for r in meetings if r["model"] != "meetings.meeting"
    ]
    sources = {s["slug"]: s for s in _index(_records(fixtures, "sources"), "source")}
    world = _world(fixtures)
    for meeting in _index(meetings, "meeting"):
        source = sources[meeting["sources"][0][0]]
        stem = f"{source['file_name'][1:3]}_{source['slug']}"
        gold = gold_for(meeting, source, facts, world)
        check(gold, source["text"])
        (folder / f"{stem}.txt").write_text(source["text"], encoding="utf-8")
        (folder / f"{stem}.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    write(*sys.argv[1:3])
