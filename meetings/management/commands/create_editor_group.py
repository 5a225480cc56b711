"""
Create or update the "editor" group: what data entry needs and nothing more; and its sibling,
the "reviewer" group: the same, and publishing (``meetings.publish_meeting``). Editors draft
meetings and submit them for review; only reviewers publish them.

Editors may view, add and change every record of the knowledge base, and delete only the
rows that hang off a meeting or a person (participants, delegations, mentions, agreements,
quotes, aliases, positions), so a mistaken inline can be removed. They see each record's
history and may revert it (that takes the record's change permission), and settle the
conflicts loads leave (view and change, never add or delete). Deleting meetings, sources,
officials, agencies, topics and places, and anything to do with accounts, stays with
superusers. Running it again brings the group back to exactly these permissions, so it is
safe after every migration (`make db` and `make serve` run it). Give a person the group in
the admin under Users, with "Staff status" ticked and "Superuser status" not.

    python manage.py create_editor_group [--dry-run]
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction

GROUP_NAME = "editor"
REVIEWER_GROUP_NAME = "reviewer"
REVIEWER_EXTRA = {"publish_meeting"}

# Models whose rows editors may also delete.
DELETABLE = {
    "agencyalias",
    "agreement",
    "delegation",
    "mention",
    "officialalias",
    "participation",
    "position",
    "quote",
}


# Written by the application, not by hand: editors read them. The history (django-simple-
# history: its versions, diffs and reverts) goes with each record's own permissions.
READ_ONLY = {"loadedrecord", "externalrecord", "officialidentifier"}
# Settled, never added: loads list them; an editor keeps the current record or takes the
# incoming one, merges two records of one person or keeps them apart.
SETTLED_ONLY = {"loadconflict", "mergecandidate"}


def actions_for(model):
    name = model._meta.model_name
    if name in READ_ONLY or name.startswith("historical"):
        return ["view"]
    if name in SETTLED_ONLY:
        return ["view", "change"]
    return ["view", "add", "change"] + (["delete"] if name in DELETABLE else [])


def editor_permission_codenames():
    """The codenames ("add_meeting", ...) of the meetings app's permissions editors get."""
    codenames = set()
    for model in apps.get_app_config("meetings").get_models():
        name = model._meta.model_name
        codenames.update(f"{action}_{name}" for action in actions_for(model))
    return codenames


class Command(BaseCommand):
    help = 'Create or update the "editor" and "reviewer" groups with the permissions they need.'

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would change and change nothing.",
        )

    @transaction.atomic
    def handle(self, *args, dry_run=False, verbosity=1, **options):
        # Permissions are made after migrate; make sure they exist even if it was skipped.
        create_permissions(apps.get_app_config("meetings"), verbosity=0)
        codenames = editor_permission_codenames()
        self.set_group(GROUP_NAME, codenames, dry_run, verbosity)
        self.set_group(REVIEWER_GROUP_NAME, codenames | REVIEWER_EXTRA, dry_run, verbosity)
        if dry_run:
            transaction.set_rollback(True)

    def set_group(self, name, codenames, dry_run, verbosity):
        wanted = set(
            Permission.objects.filter(content_type__app_label="meetings", codename__in=codenames)
        )
        group, created = Group.objects.get_or_create(name=name)
        current = set() if created else set(group.permissions.all())
        added = sorted(p.codename for p in wanted - current)
        removed = sorted(p.codename for p in current - wanted)
        group.permissions.set(wanted)

        if created:
            self.stdout.write(f'{"Would create" if dry_run else "Created"} group "{name}".')
        if verbosity >= 2:
            for codename in added:
                self.stdout.write(f"  + {codename}")
            for codename in removed:
                self.stdout.write(f"  - {codename}")
        self.stdout.write(
            f'{"Would give" if dry_run else "Gave"} "{name}" {len(wanted)} permissions '
            f"({len(added)} added, {len(removed)} removed)."
        )
