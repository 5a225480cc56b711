"""
Country names in the reader's language, from pycountry's translations of ISO 3166 (the
Debian iso-codes catalogues it ships), not from a list of our own.
"""

import functools
import gettext

import pycountry

# ISO 3166-1 for current countries, ISO 3166-3 for those that no longer exist (SU, YU...).
DOMAINS = (("iso3166-1", pycountry.countries), ("iso3166-3", pycountry.historic_countries))


@functools.lru_cache(maxsize=8)
def catalogue(domain, language):
    """pycountry's gettext catalogue of `domain` for `language` (a null one if it has none)."""
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language], fallback=True)


def _record(database, code):
    try:
        return database.get(alpha_2=code)
    except (KeyError, LookupError):
        return None


@functools.lru_cache(maxsize=4096)
def country_name(code, language, default):
    """
    The name of the country with ISO code `code` in `language` ("MX", "es" -> "México"),
    the common name first ("Corea del Sur", not "Corea, República de"); `default` (our own
    English name) for English, and for codes ISO does not name or translate (UN, EU).
    """
    if not code or language.split("-")[0] == "en":
        return default
    language = language.split("-")[0]
    for domain, database in DOMAINS:
        record = _record(database, code.upper())
        if record is None:
            continue
        translations = catalogue(domain, language)
        for name in (getattr(record, "common_name", None), record.name):
            if name and translations.gettext(name) != name:
                return translations.gettext(name)
        return default
    return default
