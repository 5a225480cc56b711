"""
The parsers' precision and recall on the hand-labelled sample, pinned so that they never regress.

The test half was labelled before the parser first ran on it and no rule was tuned on it: its
figures are the honest ones. Raise a pin when a change improves a figure; never lower one.
"""

from pathlib import Path

import pytest

from meetings.importers.historian import quality

GOLD = Path(__file__).parent / "data" / "historian_gold.json"

PINS = {
    "dev": {
        "people": (1.0, 1.0),
        "titles": (1.0, 1.0),
        "delegations": (1.0, 1.0),
        "flags": (1.0, 1.0),
        "visitors": (1.0, 1.0),
        "visit_people": (1.0, 1.0),
        "cities": (1.0, 1.0),
    },
    "test": {
        "people": (1.0, 1.0),
        "titles": (0.984, 0.984),
        "delegations": (0.625, 0.833),
        "flags": (1.0, 1.0),
        "visitors": (1.0, 1.0),
        "visit_people": (1.0, 1.0),
        "cities": (1.0, 1.0),
    },
}


def test_the_sample_is_160_records_in_two_halves():
    items = quality.load_gold(GOLD)
    for split in ("dev", "test"):
        half = [item for item in items if item["split"] == split]
        assert sum(item["kind"] == "trip" for item in half) == 60
        assert sum(item["kind"] == "visit" for item in half) == 20


def test_every_gold_label_is_in_its_record():
    for item in quality.load_gold(GOLD):
        for person in item["people"]:
            assert person["name"] in item["text"]
        for group in item.get("delegations", []):
            assert group["description"] in item["text"]
        for city in item.get("cities", []):
            assert city in item["text"]


@pytest.mark.parametrize("split", ["dev", "test"])
def test_the_figures_never_fall_below_their_pins(split):
    figures = quality.measure_split(GOLD, split)
    for measure, (precision, recall) in PINS[split].items():
        assert figures[measure]["precision"] >= precision, (split, measure, figures[measure])
        assert figures[measure]["recall"] >= recall, (split, measure, figures[measure])
