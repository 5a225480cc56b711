"""Drafts from releases: who drafted a meeting, the publish permission, the reader's proposals.

The columns are added in place on SQLite (no table rebuild: the meeting table's triggers stay);
the new table gets the data version's trigger like every table of the app.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from ._operations import AddFieldInPlace, version_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0008_historical_record"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="meeting",
            options={
                "ordering": [
                    models.OrderBy(models.F("date"), descending=True, nulls_last=True),
                    "title",
                ],
                "permissions": [("publish_meeting", "Can publish meetings")],
            },
        ),
        AddFieldInPlace(
            model_name="historicalmeeting",
            name="drafted_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Who drafted it from a release.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        AddFieldInPlace(
            model_name="meeting",
            name="drafted_by",
            field=models.ForeignKey(
                blank=True,
                help_text="Who drafted it from a release.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.CreateModel(
            name="Proposal",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("title", "Title"),
                            ("date", "Date"),
                            ("place", "Place"),
                            ("participant", "Participant"),
                            ("mention", "Mentioned person"),
                            ("delegation", "Unnamed delegation"),
                            ("quote", "Quote"),
                            ("topic", "Topic"),
                            ("agreement", "Agreement"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "payload",
                    models.JSONField(default=dict, help_text="The fact's fields, as proposed."),
                ),
                ("start", models.PositiveIntegerField(blank=True, null=True)),
                ("end", models.PositiveIntegerField(blank=True, null=True)),
                ("order", models.PositiveSmallIntegerField(default=0)),
                (
                    "decision",
                    models.CharField(
                        choices=[
                            ("pending", "Pending"),
                            ("accepted", "Accepted"),
                            ("rejected", "Rejected"),
                        ],
                        default="pending",
                        max_length=10,
                    ),
                ),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="proposals",
                        to="meetings.meeting",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="proposals",
                        to="meetings.source",
                    ),
                ),
            ],
            options={
                "ordering": ["order", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            (
                                "kind__in",
                                [
                                    "title",
                                    "date",
                                    "place",
                                    "participant",
                                    "mention",
                                    "delegation",
                                    "quote",
                                    "topic",
                                    "agreement",
                                ],
                            )
                        ),
                        name="proposal_kind_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("decision__in", ["pending", "accepted", "rejected"])),
                        name="proposal_decision_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("end__isnull", True), ("start__isnull", True)),
                            models.Q(("end__gte", models.F("start")), ("start__isnull", False)),
                            _connector="OR",
                        ),
                        name="proposal_passage_in_order",
                    ),
                ],
            },
        ),
        # Every table of the app bumps the data version (the convention tests/test_versioning.py
        # checks), though proposals show on no public page.
        version_triggers("meetings_proposal"),
    ]
