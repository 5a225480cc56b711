"""
A meeting's press release, sentence by sentence: the dateline, who met whom, the rest of each
side's delegation, and the summary. Every fact recorded about the meeting quotes one of its
sentences word for word; evidence.py adds the sentences its rows rest on.
"""

from dataclasses import dataclass, field

from meetings.synthetic.draft import draw_subjects
from meetings.synthetic.vocabulary import DELEGATION_LABELS, PUBLISHERS, RELEASE, VERBS
from meetings.synthetic.wording import join_names, lower


@dataclass
class Release:
    publisher: str
    sentences: list = field(default_factory=list)
    passages: dict = field(default_factory=dict)  # participant's pk -> the sentence naming them
    summary: str = ""

    def add(self, sentence):
        self.sentences.append(sentence)
        return sentence

    @property
    def text(self):
        return "\n\n".join(self.sentences)


def write_release(gen, draft):
    release = Release(publisher=gen.rng.choice(PUBLISHERS[draft.host]))
    place_comma = f"{draft.place}, " if draft.place else ""
    release.add(
        RELEASE["dateline"].format(
            publisher=release.publisher, place_comma=place_comma, when=draft.when.dateline
        )
    )
    # "Secretary Jane Smith": each name with the post held on the day, where known.
    styled = {
        code: [gen.officials.styled(pk, draft.when.day) for pk in pks]
        for code, pks in draft.people.items()
    }
    add_opening(release, draft, styled)
    add_delegations(release, draft, styled)
    add_summary(gen, release, draft)
    return release


def add_opening(release, draft, styled):
    """Who met whom, where, on what: the heads of delegation's passage."""
    opening = release.add(
        RELEASE["opening"].format(
            host=styled[draft.host][0],
            guest=styled[draft.guest][0],
            in_place=draft.in_place,
            topics=join_names([lower(topic.name) for topic in draft.topics]),
        )
    )
    for pk in draft.heads.values():
        release.passages[pk] = opening


def add_delegations(release, draft, styled):
    """The rest of each side's delegation, in one sentence a side: their passage."""
    for code in (draft.host, draft.guest):
        if len(styled[code]) > 1:
            sentence = release.add(
                RELEASE["delegation"].format(
                    label=DELEGATION_LABELS[code], members=join_names(styled[code][1:])
                )
            )
            for pk in draft.people[code][1:]:
                release.passages[pk] = sentence


def add_summary(gen, release, draft):
    """The meeting's summary is the release's summary sentence, and at times one more."""
    rng, names = gen.rng, {code: gen.officials.by_pk[pk].name for code, pk in draft.heads.items()}
    summary = release.add(
        RELEASE["summary"].format(
            host=names[draft.host],
            guest=names[draft.guest],
            verb=rng.choice(VERBS),
            subjects=join_names(draft.subjects),
            in_place=draft.in_place,
        )
    )
    if rng.random() < 0.5:
        verb = rng.choice(VERBS)
        subjects = join_names(draw_subjects(rng, 2))
        summary += " " + release.add(RELEASE["extra"].format(verb=verb, subjects=subjects))
    release.summary = summary
