"""A draft as proposals, one per fact with its passage, and the text cut for highlighting."""

from pathlib import Path

from meetings.drafting import KnownWorld, draft
from meetings.drafting.proposals import KINDS, proposals, segments

ROOT = Path(__file__).parent
HAGUE = (ROOT / "testset" / "02_hague-espinosa-carlton-gardens.txt").read_text(encoding="utf-8")
KNOWN = KnownWorld.from_fixtures(ROOT.parent.parent / "fixtures")


def test_every_fact_of_a_draft_is_one_proposal_with_its_passage():
    result = draft(HAGUE, known=KNOWN)
    found = proposals(result)
    kinds = [p.kind for p in found]
    assert kinds == sorted(kinds, key=KINDS.index)  # in review order
    assert kinds.count("participant") == len(result.participants)
    assert kinds.count("quote") == len(result.quotes)
    assert kinds.count("topic") == len(result.topics)
    for p in found:
        if p.start is not None:
            assert result.source_text[p.start : p.end].strip()
    quote = next(p for p in found if p.kind == "quote")
    assert quote.payload["speaker"] == "William Hague"
    assert quote.payload["text"] in result.source_text[quote.start : quote.end]


def test_an_unknown_date_or_place_is_not_proposed():
    result = draft("A meeting of officials took place. Nothing more is said.", known=KNOWN)
    kinds = {p.kind for p in proposals(result)}
    assert "date" not in kinds and "place" not in kinds


def test_segments_cover_the_text_and_mark_overlapping_passages():
    text = "Alpha met Beta in Gamma."
    spans = [(1, "participant", 0, 5), (2, "participant", 0, 14), (3, "place", 18, 23)]
    cut = segments(text, spans)
    assert "".join(s.text for s in cut) == text
    assert [(s.text, s.kinds, s.starting, s.covering) for s in cut] == [
        ("Alpha", ["participant"], [1, 2], [1, 2]),
        (" met Beta", ["participant"], [], [2]),
        (" in ", [], [], []),
        ("Gamma", ["place"], [3], [3]),
        (".", [], [], []),
    ]


def test_segments_ignore_passages_outside_the_text():
    text = "Short."
    cut = segments(text, [(1, "topic", None, None), (2, "topic", 3, 99), (3, "topic", 6, 6)])
    assert "".join(s.text for s in cut) == text
    assert not any(2 in s.covering for s in cut)
    assert cut[-1].starting == [3]
