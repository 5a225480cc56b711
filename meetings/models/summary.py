"""
Summary rows: what the home page and the whole meeting list show about every published
meeting (how many, by kind, country, year, topic, official and party), kept current by the
database's own triggers in the same transaction as every write (migration 0009, SQL in
meetings/summary/triggers.py). Derived data, not knowledge: backups leave them out.
"""

from django.db import models


class SummaryCountManager(models.Manager):
    def get_by_natural_key(self, facet, item):
        return self.get(facet=facet, item=item)


class SummaryCount(models.Model):
    """
    How many published meetings (or their links) count under one value of one facet:
    ("meetings", "") all of them, ("kind", "visit"), ("country", "<id>"), ("year", "1998"),
    ("topic", "<id>") topic links, ("official", "<id>") participations, ("party", "<id>")
    meetings with someone on that side; ("agencies" | "topics" | "sources", "") whole tables;
    and within one side's or one pair's meetings ("timeline:12", "2018-05 day"), ("topics:12:34",
    "2018 <topic id>"), ("partner:12", "<side id>"), ("sent:12:34", "<official id>"): see
    meetings/summary/scoped.py.
    """

    derived = True  # rebuilt from the records, never backed up (see backup.knowledge_models)

    facet = models.CharField(max_length=40)
    item = models.CharField(max_length=64, blank=True)
    n = models.BigIntegerField(default=0)

    objects = SummaryCountManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["facet", "item"], name="summary_facet_item_unique")
        ]
        indexes = [models.Index(fields=["facet", "n"], name="summary_facet_n_idx")]

    def __str__(self):
        return f"{self.facet} {self.item}: {self.n}"

    def natural_key(self):
        return (self.facet, self.item)
