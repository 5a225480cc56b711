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


# OWASP's advice against CSV injection: a cell a spreadsheet would read as a formula (or as
# the start of one after a tab or carriage return) is prefixed with an apostrophe, which the
# spreadsheet shows as text. No cell of ours starts with one of these otherwise: dates are
# ISO (2018-03-26), slugs start with a letter or digit, and no column holds a number.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """The cell as text a spreadsheet will not evaluate."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


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
    cells = [
        *(data[key] or "" for key in CSV_COLUMNS[:11]),
        participants,
        "; ".join(f"{d['description']} ({d['country']})" for d in data["delegations"]),
        "; ".join(f"{m['name']} ({m['country']})" for m in data["mentions"]),
        "; ".join(t["name"] for t in data["topics"]),
        "; ".join(a["title"] for a in data["agreements"]),
        "; ".join(s["title"] for s in data["sources"]),
    ]
    return [spreadsheet_safe(cell) for cell in cells]


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
