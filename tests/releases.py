"""
The five releases' meetings as the fixtures load them, by slug, and copies of one of them for
tests that need more meetings than the fixtures hold.
"""

from meetings.models import Meeting

POMPEO = "2018-05-pompeo-videgaray-washington"
EBRARD = "ebrard-receives-us-congressional-delegation"
HIGH_LEVEL = "2017-02-23-high-level-meeting-mexico-city"
DIALOGUE = "2017-12-14-second-strategic-dialogue-on-tcos"
NIELSEN = "2018-03-26-nielsen-pena-nieto-mexico-city"
ALL = {POMPEO, EBRARD, HIGH_LEVEL, DIALOGUE, NIELSEN}


def make_copies(count):
    original = Meeting.objects.get(slug=DIALOGUE)
    topics = list(original.topics.all())
    for index in range(count):
        copy = Meeting.objects.get(pk=original.pk)
        copy.pk = None
        copy.slug = f"copy-{index:03d}"
        copy.title = f"Copy {index:03d}"
        copy.save()
        copy.topics.set(topics)
        copy.sources.set(original.sources.all())
