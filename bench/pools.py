"""
The URLs each class cycles through, drawn from the data with the seed, so that every run asks
for the same ones and caches cannot answer everything: list pages, filters, searches, meetings,
busy officials' pages, topics' pages, lists and exports.

Django is set up at run time: its models are imported in the functions that use them.
"""

import random
from urllib.parse import urlencode

from meetings.synthetic.vocabulary import SUBJECTS

SORTS = ["", "", "", "date", "title"]  # mostly the default order


def url_pools(seed, size):
    """Many URLs per class, drawn from the data with a fixed seed."""
    from meetings.models import Meeting

    rng = random.Random(seed)
    published = Meeting.objects.published()
    # The draws' order is part of the pools: each function draws after the one before.
    return {
        "home": ["/"],
        "list": list_urls(rng, published.count(), size),
        "filtered": filtered_urls(rng, published, size),
        "search": search_urls(rng, size),
        "meeting": meeting_urls(rng, published, size),
        "official": official_urls(rng, size),
        "export": export_urls(rng),
        "country": country_urls(rng, size),
        "calendar": calendar_urls(rng, size),
        "topic": topic_urls(rng, size),
    }


def list_urls(rng, total, size):
    """Pages of the list, mostly among the first 50, in every order."""
    last_page = max(1, (total + 19) // 20)
    pages = [rng.randint(1, min(50, last_page)) for _ in range(size * 4 // 5)]
    pages += [rng.randint(1, last_page) for _ in range(size // 5)]
    urls = []
    for page in pages:
        sort = rng.choice(SORTS)
        query = {"page": page, **({"sort": sort} if sort else {})}
        urls.append("/meetings/?" + urlencode(query))
    return urls


def filtered_urls(rng, published, size):
    """A topic, an official and years around a real meeting of theirs: never empty."""
    from meetings.models import Meeting

    ids = list(published.exclude(date=None).values_list("pk", flat=True))
    sample = Meeting.objects.filter(pk__in=rng.sample(ids, min(len(ids), size)))
    urls = []
    for meeting in sample.prefetch_related("topics", "participations__official"):
        topics = list(meeting.topics.all())
        people = list(meeting.participations.all())
        if not topics or not people:
            continue
        span = rng.randint(0, 6)
        query = [
            ("topic", rng.choice(topics).slug),
            ("official", rng.choice(people).official.slug),
            ("date_after", str(meeting.date.year - span)),
            ("date_before", str(meeting.date.year + rng.randint(0, 6))),
        ]
        urls.append("/meetings/?" + urlencode(query))
    return urls


def search_urls(rng, size):
    """Words, surnames, phrases, "or" and exclusions, in the proportions of search_term()."""
    from meetings.models import Official, Topic

    # Drawn with the seed, not ORDER BY RANDOM(): every run searches for the same names.
    officials = list(Official.objects.order_by("pk").values_list("sort_name", flat=True))
    surnames = rng.sample(officials, min(len(officials), size // 3))
    topic_names = list(Topic.objects.values_list("name", flat=True))
    terms = [search_term(rng, surnames, topic_names) for _ in range(size)]
    return ["/meetings/?" + urlencode({"q": term}) for term in terms]


def search_term(rng, surnames, topic_names):
    kind = rng.random()
    if kind < 0.4:
        return rng.choice(SUBJECTS)
    if kind < 0.6:
        return rng.choice(surnames).split(",")[0]
    if kind < 0.75:
        return f"{rng.choice(SUBJECTS)} {rng.choice(SUBJECTS)}"
    if kind < 0.85:
        return f'"{rng.choice(topic_names).lower()}"'
    if kind < 0.95:
        return f"{rng.choice(SUBJECTS)} or {rng.choice(SUBJECTS)}"
    return f"{rng.choice(SUBJECTS)} -{rng.choice(SUBJECTS)}"


def meeting_urls(rng, published, size):
    slugs = list(published.values_list("slug", flat=True))
    return [f"/meetings/{slug}/" for slug in rng.sample(slugs, min(size, len(slugs)))]


def official_urls(rng, size):
    """The first pages of the officials in 1,000 meetings or more (else the 20 busiest)."""
    from django.db.models import Count

    from meetings.models import Official

    counted = Official.objects.annotate(n=Count("participations"))
    busy = list(counted.filter(n__gte=1000).values_list("slug", flat=True)) or list(
        counted.order_by("-n").values_list("slug", flat=True)[:20]
    )
    urls = [
        f"/officials/{slug}/" + (f"?page={page}" if page > 1 else "")
        for slug in busy
        for page in (1, 2, 3)
    ]
    rng.shuffle(urls)
    return urls[:size]


def export_urls(rng):
    from meetings.models import Topic

    urls = [
        "/meetings/export.json?" + urlencode({"topic": slug})
        for slug in Topic.objects.values_list("slug", flat=True)
    ]
    rng.shuffle(urls)
    return urls


def busiest_parties(most=6):
    """The codes of the `most` parties with the most published meetings (the summary's)."""
    from meetings.summary.read import read_summary

    return [code for code, _, _ in read_summary({"party": most})["party"]]


def country_urls(rng, size):
    """The countries' index, the busiest parties' pages and the pairs among them (issue 15)."""
    codes = busiest_parties()
    pairs = [f"/countries/{a}/{b}/" for a in codes for b in codes if a != b]
    urls = ["/countries/", *(f"/countries/{code}/" for code in codes), *pairs]
    rng.shuffle(urls)
    return urls[:size]


def calendar_urls(rng, size):
    """Calendars of the busiest parties and pairs, some narrowed to a subject."""
    codes = busiest_parties()
    urls = [
        "/meetings/calendar.ics?" + urlencode([("party", a), ("party", b)])
        for a in codes
        for b in codes
        if a < b
    ]
    urls += [
        "/meetings/calendar.ics",
        "/meetings/calendar.ics?" + urlencode({"q": rng.choice(SUBJECTS)}),
    ]
    rng.shuffle(urls)
    return urls[:size]


def topic_urls(rng, size, first_pages=5):
    """Topics' pages and lists of one topic alone, mostly their first pages, in every order."""
    from meetings.models import Topic

    slugs = list(Topic.objects.order_by("slug").values_list("slug", flat=True))
    urls = []
    for _ in range(size):
        slug, page = rng.choice(slugs), rng.randint(1, first_pages)
        paged = {"page": page} if page > 1 else {}
        if rng.random() < 0.5:
            urls.append(f"/topics/{slug}/" + (f"?{urlencode(paged)}" if paged else ""))
        else:
            sort = rng.choice(SORTS)
            query = {"topic": slug, **paged, **({"sort": sort} if sort else {})}
            urls.append("/meetings/?" + urlencode(query))
    return list(dict.fromkeys(urls))


# ---------------------------------------------------------------- fresh URLs and a popular mix


def fresh_pools(seed, size, taken):
    """
    Per class, up to `size` URLs that no other pool holds (`taken`: url_pools()), each to be
    asked for once: pages of the list in every order, filters around other meetings, other
    searches, other meetings, other pages of officials with 100 meetings or more, other pages
    of topics and of their lists. The home page (one URL) and the exports (one per topic)
    have none.
    """
    from meetings.models import Meeting

    rng = random.Random(seed + 1)
    published = Meeting.objects.published()
    seen = {url for urls in taken.values() for url in urls}

    def new(urls):
        return [url for url in dict.fromkeys(urls) if url not in seen][:size]

    return {
        "list": new(every_list_page(rng, published.count(), size)),
        # In draws of 100 meetings, as the pool: SQLite refuses a prefetch of thousands.
        "filtered": new(
            url for _ in range(size // 50 + 1) for url in filtered_urls(rng, published, 100)
        ),
        "search": new(search_urls(rng, size * 3)),
        "meeting": new(meeting_urls(rng, published, size * 2)),
        "official": new(official_pages(rng, size)),
        "topic": new(topic_urls(rng, size * 2, first_pages=100)),
    }


def every_list_page(rng, total, size):
    last_page = max(1, (total + 19) // 20)
    pairs = {(rng.randint(1, last_page), rng.choice(SORTS)) for _ in range(size * 2)}
    return [
        "/meetings/?" + urlencode({"page": page, **({"sort": sort} if sort else {})})
        for page, sort in sorted(pairs, key=lambda pair: rng.random())
    ]


def official_pages(rng, size):
    """Every page of the officials in 100 meetings or more, shuffled."""
    from django.db.models import Count

    from meetings.models import Official

    counted = Official.objects.annotate(n=Count("participations")).filter(n__gte=100)
    urls = [
        f"/officials/{slug}/" + (f"?page={page}" if page > 1 else "")
        for slug, n in counted.values_list("slug", "n")
        for page in range(1, n // 50 + 2)
    ]
    rng.shuffle(urls)
    return urls[: size * 2]


def popular_mix(seed, pool, length, exponent=1.0):
    """`length` requests over `pool`, the k-th URL asked for in proportion to 1/k^exponent."""
    rng = random.Random(seed + 2)
    weights = [1 / (rank**exponent) for rank in range(1, len(pool) + 1)]
    return rng.choices(pool, weights=weights, k=length)
