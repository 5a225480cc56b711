"""
The JSON shapes of the public contract: a meeting, a reference to one, a source. Each fact
of a meeting carries its passage and the slug of the source that states it. The row
builders are shared with exports/streaming.py, which reads the same facts as plain values.
"""


def source_data(source):
    return {
        "slug": source.slug,
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "published": source.published.isoformat() if source.published else None,
    }


def meeting_reference(meeting, request):
    """A meeting as the detail pages' JSON twins list it: enough to find and follow it."""
    return {
        "slug": meeting.slug,
        "url": request.build_absolute_uri(meeting.get_absolute_url()),
        "title": meeting.title,
        "date": meeting.iso_date,
    }


def title_held(title, acting):
    """Position.display_title from values: "" without a position."""
    if title is None:
        return ""
    return f"Acting {title}" if acting else title


def participant_record(name, slug, side, title, agency, role, passage, source):
    return {
        "name": name,
        "slug": slug,
        "country": side,
        "title": title,
        "agency": agency,
        "role": role,
        "passage": passage,
        "source": source,
    }


def mention_record(name, slug, country, note, passage, source):
    return {
        "name": name,
        "slug": slug,
        "country": country,
        "note": note,
        "passage": passage,
        "source": source,
    }


def meeting_facts(meeting):
    """The meeting's own fields, as the exports give them."""
    return {
        "slug": meeting.slug,
        "title": meeting.title,
        "kind": meeting.kind,
        "date": meeting.iso_date,
        "date_end": meeting.iso_date_end,
        "date_precision": meeting.date_precision,
        "city": meeting.city.name if meeting.city else None,
        "country": meeting.country.code if meeting.country else None,
        "venue": meeting.venue,
        "summary": meeting.summary,
        "part_of": meeting.part_of.slug if meeting.part_of_id else None,
    }


def meeting_data(meeting, request):
    """One meeting as the exports and the .json twin give it (relations prefetched)."""
    return {
        **meeting_facts(meeting),
        "url": request.build_absolute_uri(meeting.get_absolute_url()),
        "participants": [participation_data(p) for p in meeting.participations.all()],
        "delegations": [
            evidence_data(d, country=d.side.code, description=d.description)
            for d in meeting.delegations.all()
        ],
        "mentions": [mention_data(m) for m in meeting.mentions.all()],
        "topics": [{"slug": t.slug, "name": t.name} for t in meeting.topics.all()],
        "agreements": [
            evidence_data(a, title=a.title, summary=a.summary) for a in meeting.agreements.all()
        ],
        "quotes": [
            {"speaker": q.speaker_name, "text": q.text, "source": q.source.slug}
            for q in meeting.quotes.all()
        ],
        "sources": [source_data(s) for s in meeting.sources.all()],
        "external_ids": [record_data(r) for r in meeting.records.all()],
    }


def record_data(record):
    """A catalogue's record of the meeting: {"scheme", "id", "url"}."""
    return {"scheme": record.scheme, "id": record.record_id, "url": record.url}


def evidence_data(row, **facts):
    """A fact of a meeting with the passage and the source that state it."""
    return {**facts, "passage": row.passage, "source": row.source.slug}


def participation_data(p):
    agency = p.position.agency.name if p.position else None
    return participant_record(
        p.official.name,
        p.official.slug,
        p.side.code,
        p.title,
        agency,
        p.role,
        p.passage,
        p.source.slug,
    )


def mention_data(m):
    official = m.official
    return mention_record(
        official.name, official.slug, official.country.code, m.note, m.passage, m.source.slug
    )
