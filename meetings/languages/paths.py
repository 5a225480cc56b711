"""The same page in another language: its path with the language's prefix, or without it."""

from django.conf import settings


def prefix(language):
    """The path prefix of a language: "" for the default (English), "/es" for Spanish."""
    return "" if language == settings.LANGUAGE_CODE else f"/{language}"


def unprefixed(path, languages=None):
    """`path` without its language prefix: "/es/meetings/" is "/meetings/", "/es" is "/"."""
    codes = languages or [code for code, _ in settings.LANGUAGES]
    for code in codes:
        if code == settings.LANGUAGE_CODE:
            continue
        if path == f"/{code}":
            return "/"
        if path.startswith(f"/{code}/"):
            return path[len(code) + 1 :]
    return path


def localized_path(path, language, query=""):
    """
    The address of the page at `path` (in any language) in `language`, with the same query
    string: ("/es/meetings/", "en", "topic=x") is "/meetings/?topic=x".
    """
    url = prefix(language) + unprefixed(path)
    return f"{url}?{query}" if query else url
