"""
The meeting's date at its true precision, English and Spanish.

Date expressions are found with patterns (days, ranges, months, "early May", "14 de diciembre
de 2017", "on Tuesday", "yesterday") and read with dateparser. A date without a year, or a
relative one, is resolved against the publication date only when there is one, and is then
marked inferred; without one it stays unknown. Dates of other events (a telephone
conversation, a future meeting, the page's own date line) are not the meeting's.
"""

import datetime
import functools
import re
from dataclasses import dataclass

from dateparser.date import DateDataParser

from .text import cue_words, find_phrases, fold, in_future_clause, sentences, spans_of_lines

EN_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?"
)
ES_MONTHS = r"[Ee]nero|[Ff]ebrero|[Mm]arzo|[Aa]bril|[Mm]ayo|[Jj]unio|[Jj]ulio|[Aa]gosto|[Ss]ep?tiembre|[Oo]ctubre|[Nn]oviembre|[Dd]iciembre"
EN_DAYS = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
ES_DAYS = r"lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo"
M = rf"(?:{EN_MONTHS}|{ES_MONTHS})"
D = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th|º|°)?"
Y = r"(?:19|20)[0-9]{2}"
YEAR_TAIL = rf"(?:,?\s*(?:of\s+|de\s+|del\s+)?(?P<y>{Y}))"
QUALIFIER = (
    r"(?P<q>early|mid|late|the beginning of|the end of|the middle of|principios de|"
    r"inicios de|mediados de|finales de|fines de|comienzos de)"
)

PATTERNS = [
    # March 30 - April 1, 2023
    rf"(?P<m1>{M})\s+(?P<d1>{D})\s*[-–—]\s*(?P<m2>{M})\s+(?P<d2>{D}){YEAR_TAIL}?",
    # December 14-15, 2017 / December 14 and 15
    rf"(?P<m1>{M})\s+(?P<d1>{D})\s*(?:[-–—]|\s(?:and|to|through|al|y)\s)\s*(?P<d2>{D}){YEAR_TAIL}?",
    # del 14 al 15 de diciembre de 2017 / 14 y 15 de diciembre / 14-15 December 2017
    rf"(?:del?\s+)?(?P<d1>{D})\s*(?:[-–—]|\s(?:al|y|a|and|to)\s)\s*(?P<d2>{D})\s+(?:de\s+)?(?P<m1>{M}){YEAR_TAIL}?",
    # Tuesday, May 3, 2022 / May 3
    rf"(?:(?P<wd>{EN_DAYS}),?\s+)?(?P<m1>{M})\s+(?P<d1>{D})\b{YEAR_TAIL}?",
    # el martes 14 de diciembre de 2017 / 14 December 2017 / 8 febrero 2017
    rf"(?:(?P<wd>{EN_DAYS}|(?i:{ES_DAYS})),?\s+)?(?:(?:the\s+)?(?P<d1>{D})\s+(?:de\s+|of\s+)?)"
    rf"(?P<m1>{M}){YEAR_TAIL}?",
    # early May 2018 / a mediados de mayo de 2018 / May 2018
    rf"(?:{QUALIFIER}[\s-]+)?(?P<m1>{M}){YEAR_TAIL}",
    # in early May / a principios de mayo
    rf"{QUALIFIER}[\s-]+(?P<m1>{M})\b",
    rf"(?<=\bin )(?P<m1>{M})\b(?!\s+\d)",
    rf"(?<=\ben )(?P<m1>{ES_MONTHS})\b(?!\s+\d)",
]
# "el último martes 10", "el pasado martes 10", "on Tuesday the 10th": a day of the month, read
# against the publication date.
WEEKDAY_DAY = re.compile(
    rf"\b(?:(?:el|este|esta|on)\s+)?(?:(?:último|ultimo|pasado)\s+)?(?P<wd>(?i:{ES_DAYS})|{EN_DAYS})"
    rf"\s+(?:the\s+)?(?P<d1>{D})\b(?!\s*(?:de\s+)?(?:{M}))"
)
# 2023-11-15, 15/11/2023, 15.11.2023: read only when the order of day and month is certain.
NUMERIC = re.compile(
    r"(?<![\d/.-])(?:(?P<iy>(?:19|20)\d{2})-(?P<im>\d{1,2})-(?P<id>\d{1,2})|"
    r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>(?:19|20)\d{2}))(?![\d/-]|\.\d)"
)
RELATIVE = re.compile(
    rf"\b(?P<rel>today|yesterday|this (?:morning|afternoon|evening)|hoy|ayer|"
    rf"esta (?:mañana|tarde|noche)|este día|"
    rf"(?:on |this |last |este |esta |el |el pasado )?(?:{EN_DAYS}|{ES_DAYS})(?: pasado)?)\b",
    re.I,
)
DATE_RE = [re.compile(pattern) for pattern in PATTERNS]


@dataclass
class DateFact:
    date: datetime.date | None = None
    date_end: datetime.date | None = None
    precision: str = "unknown"
    inferred: bool = False
    start: int | None = None
    end: int | None = None
    note: str = ""

    def iso(self, day):
        if day is None:
            return None
        return {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}.get(
            self.precision
        )


@dataclass
class Candidate:
    start: int
    end: int
    parts: dict
    relative: str = ""


def find_candidates(text):
    """Every date expression, longest first where two overlap, explicit before relative."""
    explicit = []
    for pattern in [*DATE_RE, WEEKDAY_DAY]:
        for match in pattern.finditer(text):
            parts = {k: v for k, v in match.groupdict().items() if v}
            explicit.append(Candidate(match.start(), match.end(), parts))
    for match in NUMERIC.finditer(text):
        parts = {k: v for k, v in match.groupdict().items() if v}
        explicit.append(Candidate(match.start(), match.end(), {**parts, "numeric": "1", "d1": "1"}))
    kept = _without_overlaps(explicit, [])
    relative = [Candidate(m.start(), m.end(), {}, m.group("rel")) for m in RELATIVE.finditer(text)]
    kept = sorted(kept + _without_overlaps(relative, kept), key=lambda c: c.start)
    return [c for c in kept if _is_date_like(text, c)]


def _without_overlaps(candidates, taken):
    kept = []
    for candidate in sorted(candidates, key=lambda c: (c.start, -(c.end - c.start))):
        clashes = any(c.start < candidate.end and candidate.start < c.end for c in kept + taken)
        if not clashes:
            kept.append(candidate)
    return kept


def _is_date_like(text, candidate):
    # A bare weekday or "May" needs a preposition or to be a date by form.
    if candidate.relative:
        word = candidate.relative.lower()
        bare_weekday = " " not in word and word not in ("today", "yesterday", "hoy", "ayer")
        return not bare_weekday or _weekday_used_as_date(text, candidate)
    return True


def _weekday_used_as_date(text, candidate):
    before = text[max(0, candidate.start - 25) : candidate.start].lower()
    return bool(
        re.search(r"\b(met|meets|meet|held|on|spoke|visited|se reunió|sostuvo)\s*$", before)
    )


@functools.cache
def _parser(language, base):
    settings = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": False}
    if base:
        settings["RELATIVE_BASE"] = datetime.datetime.combine(base, datetime.time())
    languages = [language] if language in ("en", "es") else ["en", "es"]
    return DateDataParser(languages=languages, settings=settings)


def _parse(expression, language, base):
    """A date from one cleaned expression, or None."""
    data = _parser(language, base).get_date_data(expression)
    if data.date_obj is None and language in ("en", "es"):
        data = _parser(None, base).get_date_data(expression)
    return data.date_obj.date() if data.date_obj else None


def _clean_day(day):
    return re.sub(r"\D", "", day)


def _expression(month, day, year):
    month = month.rstrip(".")
    parts = [month, _clean_day(day)] if day else [month]
    return " ".join(parts + ([year] if year else []))


def resolve(candidate, language, published):
    """The candidate as a DateFact, or None when it cannot be dated honestly."""
    if candidate.relative:
        return _resolve_relative(candidate, language, published)
    parts = candidate.parts
    if "numeric" in parts:
        return _resolve_numeric(candidate, language)
    if "m1" not in parts:
        return _resolve_day_of_month(candidate, published)
    year = parts.get("y")
    if not year and not published:
        return None
    base = published if not year else None
    precision = "day" if parts.get("d1") else "month"
    first = _parse(_expression(parts["m1"], parts.get("d1"), year), language, base)
    if first is None:
        return None
    last = None
    if parts.get("d2"):
        month = parts.get("m2") or parts["m1"]
        last = _parse(_expression(month, parts["d2"], year or str(first.year)), language, base)
        if last and last < first and not parts.get("m2"):
            last = None
    if precision == "month":
        first = first.replace(day=1)
    fact = DateFact(
        first, last, precision, inferred=not year, start=candidate.start, end=candidate.end
    )
    if not year:
        fact.note = "The year is the publication's: the text gives none."
    return fact


def _resolve_relative(candidate, language, published):
    if not published:
        return None
    word = fold(candidate.relative)
    if word in ("today", "hoy", "este dia") or word.startswith(("this ", "esta ")):
        day = published
    else:
        bare = re.sub(r"^(on|this|last|este|esta|el pasado|el)\s+|\s+pasado$", "", word)
        same_weekday = _weekday_index(bare) == published.weekday()
        day = published if same_weekday else _parse(bare, language, published)
    if day is None or day > published:
        return None
    note = f'"{candidate.relative}" read against the publication date, {published.isoformat()}.'
    return DateFact(day, None, "day", True, candidate.start, candidate.end, note)


def _resolve_numeric(candidate, language):
    """ISO dates always; 15/11/2023 when one number cannot be a month, or in Spanish (day
    first); 03/04/2023 in English is left unknown rather than guessed."""
    parts = candidate.parts
    if "iy" in parts:
        year, month, day = int(parts["iy"]), int(parts["im"]), int(parts["id"])
    else:
        a, b, year = int(parts["a"]), int(parts["b"]), int(parts["y"])
        if a > 12 or (language == "es" and b <= 12):
            day, month = a, b
        elif b > 12:
            day, month = b, a
        else:
            return None
    try:
        found = datetime.date(year, month, day)
    except ValueError:
        return None
    return DateFact(found, None, "day", False, candidate.start, candidate.end)


def _resolve_day_of_month(candidate, published):
    """ "el último martes 10": the latest day numbered so, on or before the publication date,
    and only if it falls on that weekday."""
    if not published:
        return None
    day = int(_clean_day(candidate.parts["d1"]))
    month_start = published.replace(day=1)
    for first in (month_start, (month_start - datetime.timedelta(days=1)).replace(day=1)):
        try:
            found = first.replace(day=day)
        except ValueError:
            continue
        weekday = _weekday_index(fold(candidate.parts["wd"]).lower())
        if found <= published and weekday == found.weekday():
            note = f"The month and year are the publication's ({published.isoformat()})."
            return DateFact(found, None, "day", True, candidate.start, candidate.end, note)
    return None


WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS_ES = ["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"]


def _weekday_index(word):
    for names in (WEEKDAYS, WEEKDAYS_ES):
        if word in names:
            return names.index(word)
    return None


# What a page's date line may hold besides the date: "Published on:", a time, its zone.
PAGE_DATE_LABELS = re.compile(
    r"(?i)\b(?:published|posted|updated|last updated|publicado|actualizado|fecha|date)\b"
    r"(?:\s+(?:on|el))?\s*:?|\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[a-z]{2,4}\b)?"
)


def is_date_line(text, start, end):
    """A line that holds only a date (and perhaps a weekday): the page's date, not the meeting's."""
    for line_start, line_end in spans_of_lines(text):
        if line_start <= start and end <= line_end:
            rest = (text[line_start:start] + text[end:line_end]).strip(" ,.-–—|")
            rest = PAGE_DATE_LABELS.sub("", rest)
            return not re.search(r"[A-Za-zÁ-ú]{3,}", rest) or _dateline_prefix(
                text, line_start, end
            )
    return False


def _dateline_prefix(text, line_start, end):
    # "Ciudad de México, 8 febrero 2017.-El secretario ...": a place and date opening a line.
    head = text[line_start : end + 20]
    dateline = (
        r"^[^.;:]{0,40},\s*[^.;:]*?\d[^.;:]{0,30}?(?:\([^)]{0,30}\))?\s*(?:\.\s*[-–—]|[-–—]|:)"
    )
    return bool(re.match(dateline, head)) and end - line_start < 60


def _sentence_of(spans, position):
    for start, end in spans:
        if start <= position < end:
            return start, end
    return position, position


def score(text, folded, candidate, spans):
    """How likely the expression dates the meeting; None when it dates something else."""
    start, end = _sentence_of(spans, candidate.start)
    window = max(start, candidate.start - 60)
    if find_phrases(folded, cue_words("date_rejections", None), window, candidate.start):
        return None
    if in_future_clause(text, (start, end), candidate.start):
        return None
    if is_date_line(text, candidate.start, candidate.end):
        return None
    points = 0
    # A signing dates the meeting at which it took place.
    cues = cue_words("meeting_cues", None) + cue_words("agreement_cues", "agreement")
    if find_phrases(folded, cues, start, end):
        points += 3
    if candidate.parts.get("y"):
        points += 1
    if candidate.parts.get("d1") or candidate.relative:
        points += 1
    return points


def published_from_text(text, language):
    """The page's own date line ("Apr 13, 2018" alone on a line), when it has one."""
    for candidate in find_candidates(text):
        parts = candidate.parts
        single_day = parts.get("y") and parts.get("d1") and not parts.get("d2")
        if single_day and is_date_line(text, candidate.start, candidate.end):
            return resolve(candidate, language, None)
    return None


def find_date(text, language=None, published=None):
    """The meeting's date: the best-placed expression, resolved honestly, or unknown."""
    folded = fold(text)
    spans = sentences(text)
    scored = []
    for candidate in find_candidates(text):
        points = score(text, folded, candidate, spans)
        if points is not None and points >= 3:
            scored.append((points, -candidate.start, candidate))
    if not scored:
        return DateFact()
    best = max(scored, key=lambda item: item[:2])[2]
    fact = resolve(best, language, published)
    if fact is None:
        passage = text[best.start : best.end]
        return DateFact(
            start=best.start,
            end=best.end,
            note=f'"{passage}" cannot be dated: no year and no publication date.',
        )
    return fact
