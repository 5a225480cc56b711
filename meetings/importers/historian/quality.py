"""
The parsers measured against the hand-labelled sample (tests/importers/data/historian_gold.json).

People count as found when name and side agree after normalisation (names.match_key); titles
are then compared as written, case ignored; delegations count when the side agrees and either
description contains the other; visitors by title and name, U.S. participants by name, cities by
name.
"""

import datetime
import json
from dataclasses import dataclass

from .names import match_key
from .remarks import parse_remarks
from .visitors import parse_visit_text


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    expected: int = 0

    @property
    def precision(self):
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self):
        return self.true_positives / self.expected if self.expected else 1.0

    def add(self, predicted, expected, same):
        """Count one record's items, each gold item matched at most once."""
        unmatched = list(expected)
        for item in predicted:
            for index, gold in enumerate(unmatched):
                if same(item, gold):
                    del unmatched[index]
                    self.true_positives += 1
                    break
        self.predicted += len(predicted)
        self.expected += len(expected)

    def figures(self):
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3)}


def _same_person(item, gold):
    return match_key(item["name"]) == match_key(gold["name"]) and item["side"] == gold["side"]


def _same_title(item, gold):
    return _same_person(item, gold) and item["title"].casefold() == gold["title"].casefold()


def _same_delegation(item, gold):
    a, b = item["description"].casefold(), gold["description"].casefold()
    return item["side"] == gold["side"] and (a in b or b in a)


def _trip_predictions(item):
    day = datetime.date.fromisoformat(item["start"]) if item.get("start") else None
    parsed = parse_remarks(item["text"], item["country"], day, item["role"])
    people = [{"name": p.name, "title": p.title, "side": p.side} for p in parsed.people]
    groups = [{"side": d.side, "description": d.description} for d in parsed.delegations]
    return people, groups, parsed.accompanied_president


def _visit_predictions(item):
    parsed = parse_visit_text(item["visitor"], item["text"])
    visitors = [{"title": v.title, "name": v.name} for v in parsed.visitors]
    people = [{"name": p.name, "title": p.title, "side": p.side} for p in parsed.people]
    return visitors, people, [city.name for city in parsed.cities]


def measure(items):
    """Precision and recall of every measure over `items` (gold records)."""
    scores = {name: Score() for name in ("people", "titles", "delegations", "flags")}
    scores |= {name: Score() for name in ("visitors", "visit_people", "cities")}
    for item in items:
        if item["kind"] == "trip":
            people, groups, flag = _trip_predictions(item)
            scores["people"].add(people, item["people"], _same_person)
            scores["titles"].add(people, item["people"], _same_title)
            scores["delegations"].add(groups, item["delegations"], _same_delegation)
            scores["flags"].add(
                [flag] if flag else [], [True] if item["accompanied_president"] else [], bool.__eq__
            )
        else:
            visitors, people, cities = _visit_predictions(item)
            scores["visitors"].add(
                visitors,
                item["visitors"],
                lambda a, b: (
                    a["title"] == b["title"] and match_key(a["name"]) == match_key(b["name"])
                ),
            )
            scores["visit_people"].add(people, item["people"], _same_person)
            scores["cities"].add(cities, item["cities"], str.__eq__)
    return {name: score.figures() for name, score in scores.items()}


def load_gold(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)["items"]


def measure_split(path, split):
    return measure([item for item in load_gold(path) if item["split"] == split])
