"""
Two records that are one person, made one: everything the duplicate took part in, was
mentioned in, said or held moves to the person kept, and the duplicate's name stays as an
alias, so the next import finds the person kept under it.
"""

from django.db import transaction
from django.utils import timezone

from .models import (
    Mention,
    MergeCandidate,
    OfficialAlias,
    OfficialIdentifier,
    Participation,
    Position,
    Quote,
)
from .text import normalize_name


@transaction.atomic
def merge_officials(duplicate, kept, user=None):
    """Merge `duplicate` into `kept` (both Officials) and delete it. Returns `kept`."""
    if duplicate.pk == kept.pk:
        raise ValueError("An official cannot be merged into themselves.")
    move_positions(duplicate, kept)
    move_rows(Participation, duplicate, kept)
    move_rows(Mention, duplicate, kept)
    Quote.objects.filter(speaker=duplicate).update(speaker=kept)
    OfficialIdentifier.objects.filter(official=duplicate).update(official=kept)
    keep_names(duplicate, kept)
    settle_candidates(duplicate, kept, user)
    duplicate.delete()
    return kept


def move_rows(model, duplicate, kept):
    """Their rows in meetings where `kept` has none; where both have one, `kept`'s stays."""
    taken = model.objects.filter(official=kept).values("meeting_id")
    model.objects.filter(official=duplicate, meeting_id__in=taken).delete()
    model.objects.filter(official=duplicate).update(official=kept)


def move_positions(duplicate, kept):
    """Their posts; one `kept` already holds (same agency, title and start) takes their rows."""
    held = {(p.agency_id, p.title, p.start): p for p in Position.objects.filter(official=kept)}
    for position in Position.objects.filter(official=duplicate):
        twin = held.get((position.agency_id, position.title, position.start))
        if twin is None:
            position.official = kept
            position.save(update_fields=["official"])
        else:
            Participation.objects.filter(position=position).update(position=twin)
            position.delete()


def keep_names(duplicate, kept):
    """The duplicate's name and aliases become the kept person's aliases (new ones only)."""
    known = {normalize_name(kept.name)} | {
        normalize_name(name) for name in kept.aliases.values_list("name", flat=True)
    }
    for name in [duplicate.name, *duplicate.aliases.values_list("name", flat=True)]:
        if normalize_name(name) not in known:
            known.add(normalize_name(name))
            OfficialAlias.objects.create(official=kept, name=name)


def settle_candidates(duplicate, kept, user):
    """The pair is resolved; other doubts about the duplicate now concern the kept person."""
    now = timezone.now()
    MergeCandidate.objects.filter(official=duplicate, candidate=kept).update(
        resolved=now, resolved_by=user, resolution="merged"
    )
    MergeCandidate.objects.filter(official=kept, candidate=duplicate).update(
        resolved=now, resolved_by=user, resolution="merged"
    )
    for candidate in MergeCandidate.objects.filter(official=duplicate).exclude(candidate=kept):
        if not MergeCandidate.objects.filter(official=kept, candidate=candidate.candidate).exists():
            MergeCandidate.objects.filter(pk=candidate.pk).update(official=kept)
