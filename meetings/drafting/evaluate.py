"""
Fact-by-fact precision and recall of the reader against hand-made golds.

    python -m meetings.drafting.evaluate tests/drafting/devset [more folders] [--no-known]
                                         [--fixtures fixtures] [--verbose]

A folder holds `NN_name.txt` + `NN_name.json` pairs, the JSON in the draft's shape (optional
"published", "publisher" and "language", at the top level or in a "source" object as the export
has them, are passed to draft()). Facts are compared as follows:
participants by name and side, names compared without accents or case, a surname alone
counting when it is the same person; mentions by name; quotes by speaker and by text, the
draft covering at least 80% of the gold's characters; topics by slug; agreements by
overlapping passages; the date is exact, honestly unknown, wrong, or an invented day; the city
exact (by name and country), unknown, or wrong. "mentioned as participant" counts the people the
gold only mentions that the draft proposes as participants.
"""

import argparse
import datetime
import json
import sys
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from .draft import draft
from .known import KnownWorld
from .text import normalize

QUOTE_COVERAGE = 0.8
FACTS = ("participants", "mentions", "quotes", "topics", "agreements", "delegations")


@dataclass
class Score:
    """Matched, proposed and expected counts of one kind of fact."""

    matched: int = 0
    proposed: int = 0
    expected: int = 0
    misses: list = field(default_factory=list)
    extras: list = field(default_factory=list)

    def add(self, other):
        self.matched += other.matched
        self.proposed += other.proposed
        self.expected += other.expected
        self.misses += other.misses
        self.extras += other.extras

    @property
    def precision(self):
        return self.matched / self.proposed if self.proposed else 1.0

    @property
    def recall(self):
        return self.matched / self.expected if self.expected else 1.0


def same_person(a, b):
    """Same name without accents or case, or one name's words all in the other's with a surname."""
    first, second = normalize(a).split(), normalize(b).split()
    if not first or not second:
        return False
    if first == second:
        return True
    shorter, longer = sorted((first, second), key=len)
    return set(shorter) <= set(longer) and shorter[-1] != longer[0]


def same_city(gold, drafted):
    a, b = normalize(gold["city"]), normalize(drafted["city"])
    names_agree = a == b or a.startswith(b + " ") or b.startswith(a + " ")
    return names_agree and (gold.get("country") or drafted.get("country")) == drafted.get("country")


def match(golds, drafts, equal):
    """One-to-one matches, greedy in the gold's order: a Score."""
    free = list(range(len(drafts)))
    score = Score(proposed=len(drafts), expected=len(golds))
    for gold in golds:
        found = next((i for i in free if equal(gold, drafts[i])), None)
        if found is None:
            score.misses.append(gold)
        else:
            free.remove(found)
            score.matched += 1
    score.extras = [drafts[i] for i in free]
    return score


def _span(text, passage, near=0):
    """Where a verbatim passage is in the text (the occurrence nearest `near`), or None."""
    starts, index = [], text.find(passage)
    while index >= 0:
        starts.append(index)
        index = text.find(passage, index + 1)
    if not starts:
        return None
    start = min(starts, key=lambda s: abs(s - near))
    return start, start + len(passage)


def _covered(text, gold_text, drafted):
    """How much of the gold quote's characters the drafted quote covers, 0 to 1."""
    span = _span(text, gold_text, drafted.get("start", 0))
    if span and "start" in drafted:
        overlap = min(span[1], drafted["end"]) - max(span[0], drafted["start"])
        return max(0, overlap) / max(1, len(gold_text))
    blocks = SequenceMatcher(None, gold_text, drafted["text"], autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks) / max(1, len(gold_text))


def _overlap(text, gold, drafted):
    span = _span(text, gold["passage"], drafted.get("start", 0))
    if span and "start" in drafted:
        return min(span[1], drafted["end"]) > max(span[0], drafted["start"])
    return gold["passage"] in drafted["passage"] or drafted["passage"] in gold["passage"]


def compare_facts(gold, drafted, text):
    """A Score for each kind of fact of one release."""
    return {
        "participants": match(
            gold["participants"],
            drafted["participants"],
            lambda g, d: same_person(g["name"], d["name"]) and g["country"] == d["country"],
        ),
        "mentions": match(
            gold["mentions"], drafted["mentions"], lambda g, d: same_person(g["name"], d["name"])
        ),
        "quotes": match(
            gold["quotes"],
            drafted["quotes"],
            lambda g, d: (
                same_person(g["speaker"], d["speaker"] or "")
                and _covered(text, g["text"], d) >= QUOTE_COVERAGE
            ),
        ),
        "topics": match(sorted(gold["topics"]), sorted(drafted["topics"]), lambda g, d: g == d),
        "agreements": match(
            gold["agreements"], drafted["agreements"], lambda g, d: _overlap(text, g, d)
        ),
        "delegations": match(
            gold["delegations"], drafted["delegations"], lambda g, d: g["country"] == d["country"]
        ),
    }


def date_verdict(gold, drafted):
    """exact | unknown (honestly) | wrong | invented day."""
    same = (gold["date"], gold.get("date_end"), gold["date_precision"]) == (
        drafted["date"],
        drafted.get("date_end"),
        drafted["date_precision"],
    )
    if same:
        return "exact"
    if drafted["date_precision"] == "unknown":
        return "unknown"
    if drafted["date_precision"] == "day" and (
        gold["date_precision"] != "day" or gold["date"] != drafted["date"]
    ):
        return "invented day"
    return "wrong"


def city_verdict(gold, drafted):
    """exact | unknown | wrong."""
    if not drafted["city"]:
        return "exact" if not gold["city"] else "unknown"
    if not gold["city"]:
        return "wrong"
    return "exact" if same_city(gold, drafted) else "wrong"


def mentioned_as_participant(gold, drafted):
    """The gold's mentioned people whom the draft proposes as participants."""
    return [
        m["name"]
        for m in gold["mentions"]
        if any(same_person(m["name"], p["name"]) for p in drafted["participants"])
        and not any(same_person(m["name"], p["name"]) for p in gold["participants"])
    ]


def pairs(folder):
    """(name, text, gold) for each NN_name.txt + NN_name.json pair in a folder."""
    for gold_path in sorted(Path(folder).glob("*.json")):
        text_path = gold_path.with_suffix(".txt")
        if text_path.exists():
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            yield gold_path.stem, text_path.read_text(encoding="utf-8"), gold


def source_metadata(gold):
    """The publication date, publisher and language a gold gives its source: at its top level (the
    draft's shape) or in its "source" (the export's shape)."""
    source = gold.get("source") or {}
    published = gold.get("published") or source.get("published")
    return {
        "published": datetime.date.fromisoformat(published) if published else None,
        "publisher": gold.get("publisher") or source.get("publisher") or "",
        "language": gold.get("language") or source.get("language"),
    }


def evaluate_release(text, gold, known):
    """The draft of one release compared with its gold."""
    drafted = draft(text, **source_metadata(gold), known=known).to_json()
    return {
        "facts": compare_facts(gold, drafted, text),
        "date": date_verdict(gold, drafted),
        "city": city_verdict(gold, drafted),
        "mentioned_as_participant": mentioned_as_participant(gold, drafted),
    }


def evaluate(folders, known):
    """Totals over every release of the folders, and each release's own result."""
    totals = {kind: Score() for kind in FACTS}
    dates, cities, errors, releases = {}, {}, [], {}
    for folder in folders:
        for name, text, gold in pairs(folder):
            result = evaluate_release(text, gold, known)
            releases[name] = result
            for kind in FACTS:
                totals[kind].add(result["facts"][kind])
            dates[result["date"]] = dates.get(result["date"], 0) + 1
            cities[result["city"]] = cities.get(result["city"], 0) + 1
            errors += result["mentioned_as_participant"]
    return {
        "facts": totals,
        "date": dates,
        "city": cities,
        "mentioned_as_participant": errors,
        "releases": releases,
    }


def table(results):
    """The figures as a plain-text table."""
    lines = [
        f"{'fact':<14}{'precision':>10}{'recall':>8}{'matched':>9}{'proposed':>10}{'expected':>10}"
    ]
    for kind, score in results["facts"].items():
        lines.append(
            f"{kind:<14}{score.precision:>10.2f}{score.recall:>8.2f}{score.matched:>9}"
            f"{score.proposed:>10}{score.expected:>10}"
        )
    for key in ("date", "city"):
        counts = ", ".join(f"{verdict} {n}" for verdict, n in sorted(results[key].items()))
        lines.append(f"{key:<14}{counts}")
    lines.append(f"{'mentioned as participant':<26}{len(results['mentioned_as_participant'])}")
    return "\n".join(lines)


def details(results):
    """Each release's misses and extras, for reading failures."""
    lines = []
    for name, result in results["releases"].items():
        lines.append(f"== {name}: date {result['date']}, city {result['city']}")
        for kind, score in result["facts"].items():
            for miss in score.misses:
                lines.append(f"  missed {kind}: {_label(miss)}")
            for extra in score.extras:
                lines.append(f"  extra  {kind}: {_label(extra)}")
    return "\n".join(lines)


def _label(fact):
    if isinstance(fact, str):
        return fact
    who = fact.get("name") or fact.get("speaker") or fact.get("title") or fact.get("description")
    what = fact.get("text") or fact.get("passage") or ""
    return f"{who} ({fact.get('country', '')}) {what[:70]!r}"


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="The reader's precision and recall on gold folders."
    )
    parser.add_argument("folders", nargs="+")
    parser.add_argument(
        "--fixtures", default="fixtures", help="natural-key fixtures giving the known world"
    )
    parser.add_argument(
        "--no-known", action="store_true", help="read with no known officials or cities"
    )
    parser.add_argument(
        "--verbose", action="store_true", help="list each release's misses and extras"
    )
    args = parser.parse_args(argv)
    known = KnownWorld() if args.no_known else KnownWorld.from_fixtures(args.fixtures)
    results = evaluate(args.folders, known)
    print(table(results))
    if args.verbose:
        print(details(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
