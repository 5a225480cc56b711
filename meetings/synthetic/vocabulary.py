"""
The vocabulary of the synthetic meetings, read once from vocabulary.toml: places, topics,
agencies and posts, people's names, the words of summaries, and the patterns of titles and
of the press releases' sentences (str.format templates).

Plain data, no Django: the benchmark draws its search terms from SUBJECTS too. The order of
every list matters (see the file's header).
"""

import tomllib
from pathlib import Path

PATH = Path(__file__).with_name("vocabulary.toml")


def load(path=PATH):
    with open(path, "rb") as handle:
        return tomllib.load(handle)


DATA = load()

COUNTRIES = DATA["places"]["countries"]  # code -> name
CITIES = DATA["places"]["cities"]  # [name, slug, country code, weight]

TOPICS = DATA["topics"]["tree"]  # broader topic -> its subtopics
TOPIC_SLUGS = DATA["topics"]["slugs"]

TOP_AGENCIES = DATA["agencies"]["top"]  # code -> [name, short name, kind, alias]
CHAMBERS = DATA["agencies"]["chambers"]  # legislature -> [name, kind]
UNIT_PREFIXES = DATA["agencies"]["unit_prefixes"]
UNIT_DOMAINS = DATA["agencies"]["unit_domains"]
CONSULATE_LABEL = DATA["agencies"]["consulate_label"]
CONSULATE_CITIES = DATA["agencies"]["consulate_cities"]
POSTS = DATA["agencies"]["posts"]  # agency kind -> the titles held there

US_FIRST = DATA["people"]["US"]["first"]
US_LAST = DATA["people"]["US"]["last"]
MIDDLE_INITIALS = DATA["people"]["US"]["middle_initials"]
US_NICKNAMES = DATA["people"]["US"]["nicknames"]
MX_FIRST = DATA["people"]["MX"]["first"]
MX_LAST = DATA["people"]["MX"]["last"]

SUBJECTS = DATA["meetings"]["subjects"]
VERBS = DATA["meetings"]["verbs"]
ORDINALS = DATA["meetings"]["ordinals"]
VISITORS = DATA["meetings"]["visitors"]
SHARED = DATA["meetings"]["shared"]
KIND_WEIGHTS = DATA["meetings"]["kinds"]  # a MeetingKind's value -> weight
PRECISION_WEIGHTS = DATA["meetings"]["precisions"]  # a DatePrecision's value -> weight
PUBLISHERS = DATA["meetings"]["publishers"]
DELEGATION_LABELS = DATA["meetings"]["delegation_labels"]

MEETING_TITLES = DATA["titles"]  # a MeetingKind's value, or "default" -> pattern
RELEASE = DATA["release"]  # the press release's sentence patterns
AGREEMENTS = DATA["agreements"]
RECORDS = DATA["records"]  # the fixed texts of the rows
