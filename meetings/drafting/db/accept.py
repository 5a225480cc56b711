"""
A proposal accepted writes the real rows, in one transaction, each fact keeping its passage as
its provenance (the rows' `passage` and `source`, a quote's verbatim text); rejected, nothing is
written. The people are matched to known officials (by the reader's slug, then by name or
alias, accents and case ignored) or added, with their post when the database knows the title.
"""

import datetime

import pycountry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ...models import (
    Agreement,
    City,
    Country,
    Delegation,
    Mention,
    Official,
    Participation,
    Position,
    Quote,
    Topic,
)
from ...models.drafting import Proposal


@transaction.atomic
def accept(proposal, user=None, payload=None):
    """Write the proposal's rows (its payload replaced by an editor's `payload` if given)."""
    if payload is not None:
        proposal.payload = {**proposal.payload, **payload}
    if proposal.decision == Proposal.Decision.ACCEPTED:
        raise ValidationError(_("This proposal is already accepted."))
    APPLY[proposal.kind](proposal, proposal.meeting)
    _decide(proposal, Proposal.Decision.ACCEPTED, user)


def reject(proposal, user=None):
    """Nothing is written; the proposal is marked rejected, by whom."""
    if proposal.decision == Proposal.Decision.ACCEPTED:
        raise ValidationError(_("This proposal is already accepted: edit the meeting instead."))
    _decide(proposal, Proposal.Decision.REJECTED, user)


def _decide(proposal, decision, user):
    proposal.decision = decision
    proposal.decided_by = user if user and user.pk else None
    proposal.decided_at = timezone.now()
    proposal.save()


def _checked(row):
    """The row saved after the model's checks (its passage in its source among them)."""
    row.full_clean()
    row.save()
    return row


# ---------------------------------------------------------------- the meeting's own facts


def apply_title(proposal, meeting):
    title = (proposal.payload.get("title") or "").strip()
    if not title:
        raise ValidationError(_("Give a title."))
    meeting.title = title[:300]
    meeting.save()


def apply_date(proposal, meeting):
    payload = proposal.payload
    meeting.date = _day(payload.get("date"))
    meeting.date_end = _day(payload.get("date_end"))
    meeting.date_precision = payload.get("date_precision") or "day"
    if payload.get("date_inferred"):
        meeting.notes = "\n".join(
            filter(
                None, [meeting.notes, f"Date inferred from the release: {meeting.display_date}."]
            )
        )
    meeting.clean()
    meeting.save()


def apply_place(proposal, meeting):
    payload = proposal.payload
    city = None
    if payload.get("city_slug") or payload.get("city"):
        city = (
            City.objects.filter(slug=payload.get("city_slug") or "").first()
            or City.objects.filter(name__iexact=payload.get("city") or "").first()
        )
    country = country_for(payload.get("country")) if payload.get("country") else None
    meeting.city = city
    meeting.country = country or (city.country if city else None)
    meeting.clean()
    meeting.save()


def _day(value):
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(
            _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value}
        ) from None


# ---------------------------------------------------------------- people


def country_for(code):
    """The Country of an ISO code, added from ISO 3166 when the database lacks it."""
    code = (code or "").strip().upper()
    found = Country.objects.filter(code=code).first()
    if found:
        return found
    iso = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    if iso is None:
        raise ValidationError(
            _("“%(code)s” is not a country code: give one such as MX or US.") % {"code": code}
        )
    name = getattr(iso, "common_name", iso.name)
    return Country.objects.create(code=code, name=name)


def official_for(payload, name_key="name", slug_key="slug"):
    """The known official the payload names, or a new one of its country."""
    slug, name = payload.get(slug_key), (payload.get(name_key) or "").strip()
    found = Official.objects.filter(slug=slug).first() if slug else None
    found = found or (Official.objects.matching(name).first() if name else None)
    if found:
        return found
    if not name:
        raise ValidationError(_("Give the person's name."))
    if not payload.get("country"):
        raise ValidationError(
            _("Give %(name)s's country (an ISO code such as MX) to add them.") % {"name": name}
        )
    words = name.split()
    sort_name = f"{words[-1]}, {' '.join(words[:-1])}" if len(words) > 1 else name
    official = Official(name=name, sort_name=sort_name, country=country_for(payload["country"]))
    official.clean()
    official.save()
    return official


def position_for(official, title, meeting):
    """The official's post of that title held at the meeting's date; a new one when the
    database knows the title in their country (and so its agency); else none."""
    title = (title or "").strip()
    if not title:
        return None
    held = official.positions.filter(title__iexact=title)
    if meeting.date:
        held = held.during(*meeting.period)
    if held.exists():
        return held.first()
    other = (
        Position.objects.filter(title__iexact=title, agency__country=official.country_id)
        .select_related("agency")
        .first()
    )
    if other is None:
        return None
    return Position.objects.create(official=official, agency=other.agency, title=other.title)


def apply_participant(proposal, meeting):
    payload = proposal.payload
    official = official_for(payload)
    side = country_for(payload.get("country")) if payload.get("country") else official.country
    role = payload.get("role") or Participation.Role.MEMBER
    _checked(
        Participation(
            meeting=meeting,
            official=official,
            side=side,
            role=role if role in Participation.Role.values else Participation.Role.MEMBER,
            position=position_for(official, payload.get("title"), meeting),
            for_other_party=side.pk != official.country_id,
            order=proposal.order,
            source=proposal.source,
            passage=proposal.passage,
        )
    )


def apply_mention(proposal, meeting):
    payload = proposal.payload
    _checked(
        Mention(
            meeting=meeting,
            official=official_for(payload),
            note=(payload.get("note") or "")[:300],
            source=proposal.source,
            passage=proposal.passage,
        )
    )


def apply_delegation(proposal, meeting):
    payload = proposal.payload
    side = country_for(payload.get("country"))
    if meeting.delegations.filter(side=side).exists():
        raise ValidationError(
            _("The meeting already has an unnamed delegation of %(side)s.") % {"side": side}
        )
    _checked(
        Delegation(
            meeting=meeting,
            side=side,
            description=(payload.get("description") or "")[:300],
            source=proposal.source,
            passage=proposal.passage,
        )
    )


# ---------------------------------------------------------------- words and outcomes


def speaker_for(payload, meeting):
    """The quote's speaker: the reader's match, a known official, or a participant whose
    name ends with the name given ("Hague" for William Hague)."""
    slug, name = payload.get("speaker_slug"), (payload.get("speaker") or "").strip()
    found = Official.objects.filter(slug=slug).first() if slug else None
    found = found or (Official.objects.matching(name).first() if name else None)
    if found is None and name:
        for participation in meeting.participations.select_related("official"):
            if participation.official.name.casefold().endswith(name.casefold()):
                return participation.official
    if found is None:
        raise ValidationError(
            _(
                "No official is known as “%(name)s”: accept the speaker as a participant "
                "first, or edit the speaker's name."
            )
            % {"name": name}
        )
    return found


def apply_quote(proposal, meeting):
    payload = proposal.payload
    number = (meeting.quotes.aggregate(last=Max("number"))["last"] or 0) + 1
    _checked(
        Quote(
            meeting=meeting,
            number=number,
            speaker=speaker_for(payload, meeting),
            text=payload.get("text") or proposal.passage,
            source=proposal.source,
        )
    )


def apply_topic(proposal, meeting):
    from ...admin.meetings import add_broader_topics

    wanted = (proposal.payload.get("slug") or "").strip()
    topic = (
        Topic.objects.filter(slug=wanted).first()
        or Topic.objects.filter(name__iexact=wanted).first()
    )
    if topic is None:
        raise ValidationError(
            _("No topic “%(slug)s”: give a topic's slug, such as security.") % {"slug": wanted}
        )
    meeting.topics.add(topic)
    add_broader_topics(meeting)


def apply_agreement(proposal, meeting):
    payload = proposal.payload
    kind = payload.get("kind") or Agreement.Kind.COMMITMENT
    _checked(
        Agreement(
            meeting=meeting,
            title=(payload.get("title") or "").strip()[:300],
            kind=kind if kind in Agreement.Kind.values else Agreement.Kind.COMMITMENT,
            source=proposal.source,
            passage=proposal.passage,
        )
    )


APPLY = {
    "title": apply_title,
    "date": apply_date,
    "place": apply_place,
    "participant": apply_participant,
    "mention": apply_mention,
    "delegation": apply_delegation,
    "quote": apply_quote,
    "topic": apply_topic,
    "agreement": apply_agreement,
}
