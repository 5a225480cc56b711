"""The CSV export's columns and rows, written a batch at a time for streaming."""

CSV_COLUMNS = [
    "slug",
    "url",
    "title",
    "kind",
    "date",
    "date_end",
    "date_precision",
    "city",
    "country",
    "venue",
    "summary",
    "participants",
    "delegations",
    "mentions",
    "topics",
    "agreements",
    "sources",
]


class Echo:
    """A file-like object that hands back what is written, for streaming csv.writer rows."""

    def write(self, value):
        return value


def csv_row(data):
    """A meeting's record (records.meeting_data()) as a CSV row of CSV_COLUMNS."""
    participants = "; ".join(
        f"{p['name']} ({', '.join(x for x in [p['title'], p['agency'], p['country']] if x)})"
        for p in data["participants"]
    )
    return [
        *(data[key] or "" for key in CSV_COLUMNS[:11]),
        participants,
        "; ".join(f"{d['description']} ({d['country']})" for d in data["delegations"]),
        "; ".join(f"{m['name']} ({m['country']})" for m in data["mentions"]),
        "; ".join(t["name"] for t in data["topics"]),
        "; ".join(a["title"] for a in data["agreements"]),
        "; ".join(s["title"] for s in data["sources"]),
    ]


def batched(pieces, size=100):
    """Strings joined `size` at a time, so a long export is not written a line at a time."""
    batch = []
    for piece in pieces:
        batch.append(piece)
        if len(batch) == size:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)
