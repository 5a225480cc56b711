"""The JSON shapes of the public contract: a meeting, a reference to one, a source."""


def source_data(source):
    return {
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


def meeting_data(meeting, request):
    """One meeting as the exports and the .json twin give it (relations prefetched)."""
    return {
        "slug": meeting.slug,
        "url": request.build_absolute_uri(meeting.get_absolute_url()),
        "title": meeting.title,
        "kind": meeting.kind,
        "date": meeting.iso_date,
        "date_end": meeting.iso_date_end,
        "date_precision": meeting.date_precision,
        "city": meeting.city.name if meeting.city else None,
        "country": meeting.country.code if meeting.country else None,
        "venue": meeting.venue,
        "summary": meeting.summary,
        "participants": [
            {
                "name": p.official.name,
                "slug": p.official.slug,
                "country": p.side.code,
                "title": p.title,
                "agency": p.position.agency.name if p.position else None,
                "role": p.role,
            }
            for p in meeting.participations.all()
        ],
        "delegations": [
            {"country": d.side.code, "description": d.description}
            for d in meeting.delegations.all()
        ],
        "topics": [{"slug": t.slug, "name": t.name} for t in meeting.topics.all()],
        "agreements": [{"title": a.title, "summary": a.summary} for a in meeting.agreements.all()],
        "quotes": [{"speaker": q.speaker_name, "text": q.text} for q in meeting.quotes.all()],
        "sources": [source_data(s) for s in meeting.sources.all()],
    }
