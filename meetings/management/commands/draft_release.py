"""
manage.py draft_release FILE [--publisher NAME] [--published YYYY-MM-DD] [--url URL] [--json]

Read a press release (text or HTML) with the release reader against what the database knows,
and print the draft: with --json, one meeting in the export's JSON shape, each fact with its
passage and offsets; without, a fixture that `loaddata` takes as a draft meeting (its source,
new officials and countries, participants, delegations, mentions, agreements and quotes, by
natural keys). Writes nothing to the database.
"""

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.drafting import draft
from meetings.drafting.db import known_world
from meetings.drafting.output import Fixture, export_json, source_record
from meetings.models import City, Country, Meeting, Official, Source

MODELS = {"meeting": Meeting, "official": Official, "source": Source}


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--published {value!r} is not a date (YYYY-MM-DD).") from None


def taken(model, slug):
    return MODELS[model].objects.filter(slug=slug).exists()


class Command(BaseCommand):
    help = "Print the draft meeting a press release proposes (JSON, or a fixture for loaddata)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--publisher", default="")
        parser.add_argument("--published", type=str, default=None, help="YYYY-MM-DD")
        parser.add_argument("--url", default="")
        parser.add_argument(
            "--json", dest="as_json", action="store_true", help="the export JSON shape"
        )

    def handle(self, *args, file, publisher, published, url, as_json, **options):
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        day = iso_date(published) if published else None
        known = known_world()
        result = draft(text, published=day, publisher=publisher, known=known)
        slug = self.source_slug(result, path)
        source = source_record(result, publisher=publisher, url=url, published=day, slug=slug)
        if as_json:
            names = {slug: entry["name"] for slug, entry in known.topic_vocabulary().items()}
            return self.output(export_json(result, source, names))
        fixture = Fixture(
            result,
            source,
            countries=Country.objects.values_list("code", flat=True),
            officials=Official.objects.values_list("slug", "country__code"),
            cities=City.objects.values_list("slug", flat=True),
            taken=taken,
        )
        return self.output(fixture.build())

    def source_slug(self, result, path):
        from meetings.text import make_slug

        base = make_slug(result.title) or make_slug(path.stem) or "release"
        slug, number = base, 2
        while taken("source", slug):
            slug, number = f"{base[:90]}-{number}", number + 1
        return slug

    def output(self, data):
        return json.dumps(data, ensure_ascii=False, indent=2)
