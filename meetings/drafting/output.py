"""
A draft written out, for `manage.py draft_release`: one meeting in the export's JSON shape
(each fact with its passage and offsets), or a fixture that `loaddata` takes as a draft
meeting with its source, its new officials and countries, and its rows (natural keys). Pure:
what the database already holds is given as arguments.
"""

import datetime

import pycountry

from ..text import make_slug

EVIDENCE = ("passage", "start", "end")


def _where(fact, source):
    return {**{key: fact.get(key) for key in EVIDENCE}, "source": source}


def export_json(result, source, topic_names=None):
    """The draft as one meeting of the export (`source` is the export's source record)."""
    topic_names = topic_names or {}
    slug = source["slug"]
    return {
        "title": result.title or source["title"],
        "kind": "bilateral",
        "status": "draft",
        "date": result.date,
        "date_end": result.date_end,
        "date_precision": result.date_precision,
        "date_inferred": result.date_inferred,
        "city": result.city,
        "country": result.country,
        "participants": [
            {**_person(p), "role": p["role"], **_where(p, slug)} for p in result.participants
        ],
        "delegations": [
            {"country": d["country"], "description": d["description"], **_where(d, slug)}
            for d in result.delegations
        ],
        "mentions": [{**_person(m), "note": m["note"], **_where(m, slug)} for m in result.mentions],
        "topics": [
            {"slug": t["slug"], "name": topic_names.get(t["slug"], t["slug"]), **_where(t, slug)}
            for t in result.topics
        ],
        "agreements": [
            {"title": a["title"], "kind": a["kind"], **_where(a, slug)} for a in result.agreements
        ],
        "quotes": [_quote(q, slug) for q in result.quotes],
        "sources": [source],
        "passages": result.passages,
        "notes": result.notes,
    }


def _quote(quote, source):
    keys = ("speaker", "text", "attributed_by_context")
    return {**{key: quote[key] for key in keys}, **_where(quote, source)}


def _person(fact):
    return {key: fact.get(key) for key in ("name", "slug", "country", "title")}


def source_record(result, *, title="", publisher="", url="", published=None, slug=""):
    """The release as the export gives a source, its text and language added."""
    title = title or result.title or "Untitled release"
    return {
        "slug": slug or make_slug(title) or "release",
        "title": title[:300],
        "publisher": publisher,
        "url": url,
        "published": published.isoformat() if published else result.published,
        "language": result.language,
        "text": result.source_text,
    }


class Fixture:
    """
    The natural-key records of a draft meeting: `countries` are the codes the database holds,
    `officials` its officials' slugs with their country codes, `cities` its city slugs, and
    `taken(model, slug)` says whether a slug is in use there.
    """

    def __init__(self, result, source, *, countries, officials, cities, taken):
        self.result, self.source = result, source
        self.countries, self.cities = set(countries), set(cities)
        self.officials = dict(officials)
        self.taken, self.records, self.notes = taken, [], list(result.notes)
        self.new_slugs, self.by_name = {}, {}

    def build(self, now=None):
        now = (now or datetime.datetime.now(datetime.UTC)).isoformat()
        source = {k: v for k, v in self.source.items() if k != "slug"}
        self.add("meetings.source", slug=self.source["slug"], **source)
        meeting = self.unique("meeting", make_slug(self.result.title) or "draft")
        people = [(p, "participation") for p in self.result.participants]
        people += [(m, "mention") for m in self.result.mentions]
        known = [(fact, kind, self.official(fact)) for fact, kind in people]
        self.quotes = list(self.spoken())
        self.add("meetings.meeting", **self.meeting_fields(meeting, now))
        done = set()
        for fact, kind, official in known:
            if official and official not in done:
                done.add(official)
                self.add_person_row(meeting, fact, kind, official)
        self.add_rows(meeting)
        return self.records

    def add(self, model, **fields):
        self.records.append({"model": model, "fields": fields})

    def unique(self, model, base):
        slug, number = base, 2
        while self.taken(model, slug) or slug in self.new_slugs.values():
            slug, number = f"{base[:140]}-{number}", number + 1
        return slug

    def country(self, code):
        """The code, its country record added when the database lacks it; None if unknown."""
        if not code or code in self.countries:
            return [code] if code else None
        iso = pycountry.countries.get(alpha_2=code)
        if iso is None:
            return None
        self.add("meetings.country", code=code, name=getattr(iso, "common_name", iso.name))
        self.countries.add(code)
        return [code]

    def official(self, fact):
        """The known official's slug, or a new official's (added with their country)."""
        if fact.get("slug") in self.officials:
            return fact["slug"]
        name = fact["name"]
        if name in self.by_name:
            return self.by_name[name]
        country = self.country(fact.get("country"))
        if country is None:
            self.notes.append(f"{name}: no country given, left out (add them by hand).")
            return None
        slug = self.unique("official", make_slug(name) or "official")
        words = name.split()
        sort_name = f"{words[-1]}, {' '.join(words[:-1])}" if len(words) > 1 else name
        self.add("meetings.official", name=name, sort_name=sort_name, slug=slug, country=country)
        self.new_slugs[name] = self.by_name[name] = slug
        self.officials[slug] = country[0]
        return slug

    def meeting_fields(self, slug, now):
        result = self.result
        topics = [[t["slug"]] for t in result.topics]
        return {
            "title": (result.title or self.source["title"])[:300],
            "slug": slug,
            "kind": "bilateral",
            "status": "draft",
            "date": result.date,
            "date_end": result.date_end,
            "date_precision": result.date_precision,
            "city": [result.city_slug] if result.city_slug in self.cities else None,
            "country": self.country(result.country),
            "notes": "\n".join(self.notes),
            "topics": topics,
            "sources": [[self.source["slug"]]],
            "created": now,
            "updated": now,
        }

    def evidence(self, meeting, fact):
        return {"meeting": [meeting], "source": [self.source["slug"]], "passage": fact["passage"]}

    def add_person_row(self, meeting, fact, kind, official):
        fields = {**self.evidence(meeting, fact), "official": [official]}
        if kind == "mention":
            self.add("meetings.mention", **fields, note=(fact.get("note") or "")[:300])
            return
        side = self.country(fact.get("country"))
        if side is None:
            return
        role = fact.get("role") or "member"
        self.add(
            "meetings.participation",
            **fields,
            side=side,
            role=role if role in ("head", "host", "member") else "member",
            for_other_party=self.officials.get(official) != side[0],
            order=len(self.records),
        )

    def add_rows(self, meeting):
        result = self.result
        for group in result.delegations:
            side = self.country(group["country"])
            if side:
                fields = {**self.evidence(meeting, group), "side": side}
                self.add("meetings.delegation", **fields, description=group["description"][:300])
        for item in result.agreements:
            kind = item["kind"] if item["kind"] in ("agreement", "commitment") else "commitment"
            fields = self.evidence(meeting, item)
            self.add("meetings.agreement", **fields, title=item["title"][:300], kind=kind)
        for number, quote in enumerate(self.quotes, start=1):
            self.add(
                "meetings.quote",
                meeting=[meeting],
                number=number,
                speaker=[quote["speaker_slug"]],
                text=quote["text"],
                source=[self.source["slug"]],
            )

    def spoken(self):
        """The quotes whose speaker is known or among the draft's people."""
        for quote in self.result.quotes:
            slug = quote.get("speaker_slug")
            if slug not in self.officials:
                name = (quote.get("speaker") or "").casefold()
                found = [s for n, s in self.by_name.items() if n.casefold().endswith(name)]
                slug = found[0] if name and found else None
            if slug:
                yield {**quote, "speaker_slug": slug}
            else:
                self.notes.append(
                    f"A quote of {quote.get('speaker') or 'no one named'} left out: "
                    "its speaker is not known."
                )
