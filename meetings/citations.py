"""
How to cite a meeting's record: BibTeX, RIS and CSL-JSON (the formats Zotero reads), with
its permalink and the date it was read. Pure: plain values in, text out.
"""

import json
import re

SITE = "Bilateral"
BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_~^])")
BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def date_parts(iso):
    """[2018, 5, 3], [2018, 5] or [2018] from "2018-05-03", "2018-05" or "2018"; [] for None."""
    return [int(part) for part in iso.split("-")] if iso else []


def bibtex_escape(text):
    return BIBTEX_SPECIAL.sub(lambda m: BIBTEX_ESCAPES.get(m.group(1), "\\" + m.group(1)), text)


def bibtex(key, title, iso, permalink, accessed):
    parts = date_parts(iso)
    fields = [("title", "{" + bibtex_escape(title) + "}")]
    if parts:
        fields.append(("year", str(parts[0])))
    if len(parts) > 1:
        fields.append(("month", str(parts[1])))
    if len(parts) > 2:
        fields.append(("day", str(parts[2])))
    fields += [
        ("organization", SITE),
        ("howpublished", r"\url{" + permalink + "}"),
        ("url", permalink),
        ("urldate", accessed.isoformat()),
        ("note", f"Accessed {accessed.isoformat()}"),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"


def ris(title, iso, permalink, accessed):
    parts = date_parts(iso)
    lines = [("TY", "ELEC"), ("TI", title)]
    if parts:
        padded = [f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])]
        lines += [("PY", padded[0]), ("DA", "/".join(padded + [""] * (3 - len(padded))) + "/")]
    lines += [
        ("DB", SITE),
        ("UR", permalink),
        ("Y2", accessed.strftime("%Y/%m/%d")),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {value}".rstrip() + "\n" for tag, value in lines)


def csl(key, title, iso, permalink, accessed):
    item = {
        "id": key,
        "type": "webpage",
        "title": title,
        "container-title": SITE,
        "URL": permalink,
        "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]},
    }
    if iso:
        item["issued"] = {"date-parts": [date_parts(iso)]}
    return [item]


def citation(key, title, iso, permalink, accessed):
    """
    {"permalink", "accessed", "bibtex", "ris", "csl_json"} of a record: its key (a slug),
    title, ISO date at its precision ("2018-05", or None when unknown), permalink and the
    date it was read (a date).
    """
    return {
        "permalink": permalink,
        "accessed": accessed.isoformat(),
        "bibtex": bibtex(key, title, iso, permalink, accessed),
        "ris": ris(title, iso, permalink, accessed),
        "csl_json": csl(key, title, iso, permalink, accessed),
    }


def csl_text(data):
    """CSL-JSON as shown on the page, indented."""
    return json.dumps(data, ensure_ascii=False, indent=2)
