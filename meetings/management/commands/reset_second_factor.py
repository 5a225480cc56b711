"""
Remove every second factor of a staff account (a lost or replaced phone): its authenticator
and its recovery codes. At the next sign-in, after the password, the person sets up a new
authenticator and gets ten new recovery codes. Sessions verified with the removed devices
are back at the second step at their next request.

    python manage.py reset_second_factor USERNAME [--dry-run]
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from meetings.twofactor.devices import remove_all


class Command(BaseCommand):
    help = "Remove a user's authenticator and recovery codes, so they set up new ones."

    def add_arguments(self, parser):
        parser.add_argument("username", help="The account whose second factor is lost.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be removed, remove nothing."
        )

    @transaction.atomic
    def handle(self, *args, username, dry_run=False, **options):
        users = get_user_model()._default_manager
        try:
            user = users.get_by_natural_key(username)
        except users.model.DoesNotExist:
            raise CommandError(f'No user "{username}".') from None
        counts = remove_all(user, dry_run=dry_run)
        found = ", ".join(f"{count} {kind}" for kind, count in counts.items())
        verb = "Would remove" if dry_run else "Removed"
        self.stdout.write(f"{verb} for {username}: {found}.")
        if not dry_run:
            self.stdout.write("They set up a new authenticator at their next sign-in.")
