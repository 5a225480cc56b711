"""
Titles and names as written: "Secretary of State Mike Pompeo", "Acting Attorney General
Alberto Elías Beltrán", "el canciller mexicano, Juan Ramón de la Fuente", "María de Haas,
General Director of Special Affairs", "Presidents Enrique Peña Nieto and Donald Trump".

A title is portfolio words, a head word and more portfolio words; the name starts at the first
capitalised word that is not a portfolio word, and a name never runs across lines.
"""

import functools
import re

from .known import default_countries
from .nations import state_forms
from .text import LOWER, UPPER, fold, load_data, normalize

PARTICLES = r"de la|de los|de las|del|de|van der|van|von|da|dos|di|le|la"
# A capitalised word ("Ebrard", "García-Peña", "McNamara", "O’Neill"), an initial with a full stop,
# or a bare initial before a capitalised word ("S Jaishankar").
TOKEN = (
    rf"(?:[{UPPER}][{LOWER}]{{1,2}}[{UPPER}][{LOWER}]+|[{UPPER}][{LOWER}]+"
    rf"(?:['’-][{UPPER}][{LOWER}]+|-[{LOWER}]+)*|[{UPPER}]\.|[{UPPER}](?=[ \t][{UPPER}][{LOWER}]))"
)
SP = r"[ \t\u00a0]+"  # spaces within a line: a name or title never runs across lines
NAME = rf"{TOKEN}(?:{SP}(?:(?:{PARTICLES}){SP})?{TOKEN}){{0,4}}"


def _variants(phrases, lowered=()):
    forms = set(lowered)
    for phrase in phrases:
        forms |= {phrase, phrase[:1].upper() + phrase[1:]}
    return "|".join(
        re.escape(form).replace(r"\ ", r"\s+") for form in sorted(forms, key=len, reverse=True)
    )


def _any_capitals(phrases):
    """Spanish titles are capitalised at will ("encargado de Negocios", "Secretario General"):
    each word's first letter in either case."""
    patterns = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        words = [re.escape(word) for word in phrase.split()]
        words = [f"[{w[0].lower()}{w[0].upper()}]{w[1:]}" if w[:1].isalpha() else w for w in words]
        patterns.append(r"\s+".join(words))
    return "|".join(patterns)


@functools.cache
def portfolio_regex():
    """Portfolio words after a head, with their connectors: " of Homeland Security"."""
    titles = load_data("titles")
    portfolio = "|".join(
        re.escape(w) for w in sorted(set(titles["portfolio_words"]), key=len, reverse=True)
    )
    connectors = "|".join(re.escape(w) for w in sorted(titles["connectors"], key=len, reverse=True))
    word = rf"(?:{portfolio})(?![\w])|\((?:{portfolio}|[A-Z]{{2,8}})\)"
    # A comma may join portfolio words: "for Civilian Security, Democracy, and Human Rights".
    return rf"(?:,?{SP}(?:(?:{connectors}){SP})*(?:{word}))*"


@functools.cache
def portfolio_prefix():
    """Portfolio words before a head ("Homeland Security Advisor"), no nation among them."""
    countries = load_data("countries")["countries"].values()
    nation_words = {
        w for e in countries for form in e["names"] + e["adjectives"] for w in form.split()
    }
    words = [w for w in load_data("titles")["portfolio_words"] if w not in nation_words]
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@functools.cache
def title_regex():
    """Modifier, head, portfolio words: "Acting Attorney General", "secretario de Estado"."""
    titles = load_data("titles")
    # English heads also in lower case ("the U.S. ambassador to Mexico, Roberta Jacobson"),
    # except those that are common words too.
    lowered = [h.lower() for h in titles["heads"]["en"] if h not in titles["not_lowercase"]]
    heads = _variants(titles["heads"]["en"], lowered) + "|" + _any_capitals(titles["heads"]["es"])
    modifiers = _variants(titles["modifiers"])
    prefix = rf"(?:(?:{portfolio_prefix()}){SP}){{0,3}}"
    marks = "|".join(re.escape(m) for m in titles["head_marks"]["marks"])
    return (
        rf"{prefix}(?:(?:{modifiers}){SP})*(?:{heads})(?![\w])(?:{SP}(?:{marks}))?"
        rf"{portfolio_regex()}"
    )


@functools.cache
def titled_name_pattern():
    # A Spanish nationality may follow the title: "el canciller mexicano, Juan Ramón de la Fuente".
    adjectives = sorted(
        {
            a
            for e in load_data("countries")["countries"].values()
            for a in e["adjectives"]
            if a.islower()
        },
        key=len,
        reverse=True,
    )
    nationality = "|".join(re.escape(a) for a in adjectives)
    # "of the Republic of Rwanda", "del Perú", and words that name no one country ("de ese país").
    nation = (
        rf"(?:del|de|of){SP}(?:los{SP}|la{SP}|the{SP}|el{SP})?(?:{country_names()})"
        rf"|(?:de|of){SP}(?:{'|'.join(load_data('titles')['no_nation'])})"
    )
    # Where the post is: "la embajadora de México en Canadá, ...", "Ambassador to Mexico".
    posting = (
        rf"(?:en|in|ante|to){SP}(?:the{SP}|la{SP}|el{SP}|los{SP})?(?:{country_names()}|{TOKEN})"
    )
    honorifics = sorted(load_data("titles")["honorifics"], key=len, reverse=True)
    honorific = "|".join(re.escape(h).replace(r"\ ", SP) for h in honorifics)
    return re.compile(
        rf"(?P<title>{title_regex()})(?:{SP}(?P<nationality>{nationality}|{nation}))?"
        rf"(?:{SP}(?P<posting>{posting}))?"
        rf"(?:[ \t]*,[ \t]*|{SP})(?:(?:{honorific})(?:{SP}|(?<=\.)))*(?P<name>{NAME})"
    )


@functools.cache
def country_names():
    """Every country's names (ISO, English and Spanish, and the package's), as a regex."""
    names = {n for entry in default_countries().values() for n in entry["names"] if len(n) > 2}
    listed = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return rf"(?:(?:{state_forms()}){SP}(?:the{SP}|la{SP}|el{SP})?)?(?:{listed})"


@functools.cache
def appositive_pattern():
    titles = load_data("titles")
    listed = titles["appositive_heads"]["en"] + titles["appositive_heads"]["es"]
    heads = listed + titles["heads"]["en"] + titles["heads"]["es"]
    head = "|".join(re.escape(h) for h in sorted(set(heads), key=len, reverse=True))
    # After the head: a connector or a capitalised word, never "la canciller le planteó ...".
    follow = r"(?:\s+(?:of|for|to|on|the|de|del|la|para|en|y|and)\b|\s+[A-ZÁÉÍÓÚÑ]|(?=\s*[,;.(]))"
    free = rf"(?i:{head})(?![\w]){follow}[^,;.()]{{0,80}}?"
    title = rf"(?:the |el |la )?(?:{free}|{title_regex()})"
    return re.compile(rf"(?P<name>{NAME}),{SP}(?P<title>{title})(?=\s*[,;.(])")


@functools.cache
def stop_tokens():
    """Capitalised words that end a name: title words, months, weekdays, sentence openers."""
    titles = load_data("titles")
    words = set(titles["portfolio_words"]) | {w for h in titles["heads"]["en"] for w in h.split()}
    words |= set(titles["not_name_words"]["words"])
    # A verb of meeting or speech ends a name: "Pompeo, Turkish Foreign Minister Meet in Brussels".
    cues = load_data("cues")
    for group in ("meeting_cues", "speech_verbs"):
        words |= {w for w in cues[group]["en"] + cues[group]["es"] if " " not in w}
    return {fold(w) for w in words}


def clean_name(text, start, end):
    """Trim a matched name at the first word that cannot be part of a name: (start, end)."""
    kept_end = start
    for match in re.finditer(rf"{TOKEN}|(?:{PARTICLES})", text[start:end]):
        word = match.group()
        if fold(word) in stop_tokens() and word[:1].isupper():
            break
        if word[:1].isupper():
            kept_end = start + match.end()
    return start, kept_end


def name_tokens(text, start, end):
    return [t for t in re.findall(TOKEN, text[start:end]) if not t.endswith(".")]


def find_titled(text):
    """(name start, name end, title, title start) for each title + name and name, title."""
    found = []
    match = titled_name_pattern().search(text)
    while match:
        start, end = clean_name(text, *match.span("name"))
        if end > start:
            title, nation = split_nationality(singular_title(match.group("title").strip()))
            nationality = match.group("nationality") or nation
            if match.group("posting"):
                title = f"{title} {match.group('posting')}"
            found.append((start, end, title, match.start("title"), nationality))
            found += _coordinated(text, end, match.group("title"))
        # A name cut short may leave the next title behind it: search again from the cut, or,
        # when nothing was left of the name, from within the title ("his counterpart, Foreign
        # Secretary Luis Videgaray").
        restart = max(end, match.start("name") + 1) if end > start else match.start("title") + 1
        match = titled_name_pattern().search(text, restart)
    for match in appositive_pattern().finditer(text):
        start, end = clean_name(text, *match.span("name"))
        if len(name_tokens(text, start, end)) >= 2:
            found.append((start, end, match.group("title").strip(), match.start("title"), None))
    return found


def _coordinated(text, position, title):
    """The other people a plural title names: "Presidents Enrique Peña Nieto and Donald Trump",
    "Secretaries of Government X, and Finance Y", "los presidentes de Chile, X, y de Perú, Y",
    "los congresistas A, B, C, y el Secretario General ..., D"."""
    head = title.split()[0]
    if not re.search(r"(?:s|es)$", head) or head.lower() in ("cónsul", "jefes"):
        return []
    singular = singular_head(head)
    found = []
    match = _coordinated_pattern().match(text, position)
    while match:
        start, end = clean_name(text, *match.span("name"))
        if len(name_tokens(text, start, end)) < 2:
            break
        portfolio = re.sub(r"^(?:of|de|the|la|el)\s+", "", (match.group("portfolio") or "").strip())
        connector = " of " if singular[:1].isupper() else " de "
        own_title = singular + connector + portfolio if portfolio else singular
        at = match.start("portfolio") if portfolio else match.start("name")
        found.append((start, end, own_title, at, match.group("nation")))
        match = _coordinated_pattern().match(text, end)
    return found


@functools.cache
def _coordinated_pattern():
    nation = rf"(?:del|de|of){SP}(?:los{SP}|la{SP}|the{SP}|el{SP})?(?:{country_names()})"
    # The name before may be followed by its country: "Rosa Villavicencio, de Colombia, y ...".
    return re.compile(
        rf"(?:\s*,\s*(?:{nation}|from{SP}(?:{country_names()})))?"
        rf"\s*[,;]?\s*(?:(?:and|y)(?:{SP}(?P<nation>{nation})\s*,?)?"
        rf"(?P<portfolio>{portfolio_regex()})|(?=[{UPPER}]))\s*,?\s*(?P<name>{NAME})"
    )


def split_nationality(title):
    """ "secretario de Estado de Estados Unidos" -> ("secretario de Estado", "de Estados Unidos")."""
    pattern = rf"\s+((?:de|of)\s+(?:los\s+|la\s+|the\s+)?(?:{country_names()}))$"
    match = re.search(pattern, title)
    if match and match.start() > 0:
        return title[: match.start()], match.group(1)
    return title, None


def singular_head(head):
    """ "Secretaries" -> "Secretary", "Presidents" -> "President", "secretarios" -> "secretario"."""
    for plural, singular in (("ies", "y"), ("ores", "or"), ("ales", "al"), ("es", "e"), ("s", "")):
        if head.endswith(plural) and len(head) > 4:
            return head[: -len(plural)] + singular
    return head


def singular_title(title):
    """A plural title as one person's: "Secretaries of Government" -> "Secretary of Government"."""
    head, _, rest = title.partition(" ")
    if re.search(r"(?:ies|s)$", head) and head.lower() not in ("cónsul",):
        head = singular_head(head)
    return f"{head} {rest}".strip()


def title_country(title):
    """The country of a title only one country uses ("Secretary of State"), or None."""
    table = load_data("titles")["title_countries"]
    words = f" {normalize(title)} "
    # "titular de la Secretaría de Relaciones Exteriores (SRE)" holds "secretaria de relaciones
    # exteriores"; the longest phrase found decides.
    found = [
        (len(k), code) for k, code in table.items() if not k.startswith("_") and f" {k} " in words
    ]
    return max(found)[1] if found else None
