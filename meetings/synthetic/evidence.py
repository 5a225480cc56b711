"""
The rows that quote a meeting's press release, each with the sentence it rests on (added to
the release as it goes): the participants, an unnamed delegation, a person only mentioned,
agreements and quotes. Then the meeting's own rows: its source, its topics and itself.
"""

from meetings.models import (
    Agreement,
    Delegation,
    Meeting,
    MeetingKind,
    Mention,
    Participation,
    Quote,
    Source,
)
from meetings.synthetic.draft import draw_subjects
from meetings.synthetic.vocabulary import AGREEMENTS, RECORDS, RELEASE, SHARED, VISITORS
from meetings.synthetic.wording import join_names, lower, uncapitalized

MEETING_TOPIC = Meeting.topics.through
MEETING_SOURCE = Meeting.sources.through
AGREEMENT_TOPIC = Agreement.topics.through
DELEGATION_AGENCY = Delegation.agencies.through
# A batch's rows by model, in the order they are written (the meetings last: see generator.py).
ROW_MODELS = (
    Source,
    Meeting,
    Participation,
    Delegation,
    Mention,
    Agreement,
    Quote,
    MEETING_TOPIC,
    MEETING_SOURCE,
    AGREEMENT_TOPIC,
    DELEGATION_AGENCY,
)


def add_participations(gen, draft, release, rows):
    """Each side's people in order, host first, in the post each held on the day."""
    people = [(code, pk) for code in (draft.host, draft.guest) for pk in draft.people[code]]
    for order, (code, pk) in enumerate(people, start=1):
        position = gen.officials.position_on(pk, draft.when.day)
        rows[Participation].append(
            Participation(
                meeting_id=draft.pk,
                official_id=pk,
                side_id=gen.places.countries[code].pk,
                role=role(draft, code, pk),
                position_id=position.pk if position else None,
                order=order,
                source_id=draft.source_pk,
                passage=release.passages[pk],
            )
        )
        gen.meetings_per_official[pk] += 1


def role(draft, code, official_pk):
    if official_pk != draft.heads[code]:
        return "member"
    return "host" if code == draft.host and draft.kind != MeetingKind.PHONE_CALL else "head"


def add_delegation(gen, draft, release, rows):
    """Congressional visits, and a few others, name a delegation but not its members."""
    rng = gen.rng
    if not (draft.kind == MeetingKind.CONGRESSIONAL_DELEGATION or rng.random() < 0.03):
        return
    description = VISITORS[0] if rng.random() < 0.6 else VISITORS[1]
    sentence = release.add(RELEASE["visitors"].format(description=description))
    delegation = Delegation(
        pk=gen.ids.take(Delegation),
        meeting_id=draft.pk,
        side_id=gen.places.countries["US"].pk,
        description=description,
        source_id=draft.source_pk,
        passage=sentence,
    )
    rows[Delegation].append(delegation)
    rows[DELEGATION_AGENCY] += [
        DELEGATION_AGENCY(delegation_id=delegation.pk, agency_id=chamber.pk)
        for chamber in gen.chambers
    ]


def add_mention(gen, draft, release, rows):
    """Now and then someone active that year is named who did not take part."""
    rng = gen.rng
    if rng.random() >= 0.1:
        return
    exclude = draft.people[draft.host] + draft.people[draft.guest]
    mentioned = gen.officials.draw(rng, rng.choice(("US", "MX")), draft.when.year, 1, exclude)
    if not mentioned:
        return
    name = gen.officials.by_pk[mentioned[0]].name
    sentence = release.add(RELEASE["mention"].format(name=name))
    rows[Mention].append(
        Mention(
            meeting_id=draft.pk,
            official_id=mentioned[0],
            note=RECORDS["mention_note"],
            source_id=draft.source_pk,
            passage=sentence,
        )
    )


def add_agreements(gen, draft, release, rows):
    """A quarter of meetings end in one or two agreements, each on one of the topics."""
    rng = gen.rng
    if rng.random() >= 0.25:
        return
    for n in range(rng.randint(1, 2)):
        topic = draft.topics[n % len(draft.topics)]
        formal = rng.random() < 0.4
        title = AGREEMENTS["formal" if formal else "informal"].format(topic=lower(topic.name))
        title += AGREEMENTS["annex"] if n else ""
        verb = AGREEMENTS["signed" if formal else "made"]
        sentence = release.add(RELEASE["agreement"].format(verb=verb, title=uncapitalized(title)))
        agreement = Agreement(
            pk=gen.ids.take(Agreement),
            meeting_id=draft.pk,
            title=title,
            kind="agreement" if formal else "commitment",
            summary=sentence,
            source_id=draft.source_pk,
            passage=sentence,
        )
        rows[Agreement].append(agreement)
        rows[AGREEMENT_TOPIC].append(AGREEMENT_TOPIC(agreement_id=agreement.pk, topic_id=topic.pk))


def add_quotes(gen, draft, release, rows):
    """Sometimes the host's head of delegation is quoted, and then at times the guest's."""
    rng = gen.rng
    if rng.random() >= 0.3:
        return
    speakers = [draft.heads[draft.host], draft.heads[draft.guest]]
    for number in range(1, rng.randint(1, 2) + 1):
        speaker = speakers[number - 1]
        subjects = join_names(draw_subjects(rng, 2))
        text = RELEASE["quote"].format(subjects=subjects, shared=rng.choice(SHARED))
        name = gen.officials.by_pk[speaker].name
        release.add(RELEASE["quoted"].format(text=text, name=name))
        rows[Quote].append(
            Quote(
                meeting_id=draft.pk,
                number=number,
                speaker_id=speaker,
                text=text,
                source_id=draft.source_pk,
            )
        )


def add_records(gen, draft, release, status, rows):
    """The release as a source, the meeting's topics (broader ones too) and the meeting."""
    when = draft.when
    rows[Source].append(
        Source(
            pk=draft.source_pk,
            title=RECORDS["source_title"].format(title=draft.title),
            slug=f"release-{draft.slug}"[:100].strip("-"),
            publisher=release.publisher,
            url=RECORDS["source_url"].format(pk=draft.source_pk),
            published=when.day if when.known_to_the_day else None,
            text=release.text,
        )
    )
    rows[MEETING_SOURCE].append(MEETING_SOURCE(meeting_id=draft.pk, source_id=draft.source_pk))
    tagged = {topic.pk for topic in draft.topics}
    # Broader topics are tagged too, as editors' saves do.
    tagged |= {gen.topics.parent[pk] for pk in tagged if pk in gen.topics.parent}
    rows[MEETING_TOPIC] += [
        MEETING_TOPIC(meeting_id=draft.pk, topic_id=pk) for pk in sorted(tagged)
    ]
    rows[Meeting].append(meeting_row(gen.rng, draft, release, status))


def meeting_row(rng, draft, release, status):
    when = draft.when
    return Meeting(
        pk=draft.pk,
        title=draft.title,
        slug=draft.slug,
        kind=draft.kind,
        date=when.date,
        date_end=when.date_end,
        date_precision=when.precision,
        city_id=draft.city.pk if draft.city else None,
        country_id=draft.country.pk if draft.country else None,
        venue="",
        summary=release.summary,
        notes=RECORDS["meeting_note"] if rng.random() < 0.05 else "",
        status=status,
    )
