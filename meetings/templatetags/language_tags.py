"""
The language switcher in the header and the alternate-language links in the head: the
current page in each of the site's languages, with its query string (its state) kept.
"""

from django import template
from django.conf import settings
from django.core.exceptions import DisallowedHost, TooManyFieldsSent
from django.utils import translation
from django.utils.html import format_html_join

from meetings.languages.paths import localized_path

register = template.Library()


def understood_query_string(request):
    """
    The parameters the page understood (request.GET, see versioning.cached_page), not the
    raw query string: made-up ones would otherwise reach the cached page's links. None for
    a query refused whole (the 400 for too many parameters).
    """
    try:
        return request.GET.urlencode() if request else ""
    except TooManyFieldsSent:
        return ""


def language_links(request):
    """(code, name, URL, is current) for each language, for the page `request` is for."""
    current = translation.get_language()
    path = request.path if request else "/"
    query = understood_query_string(request)
    return [
        (code, name, localized_path(path, code, query), code == current)
        for code, name in settings.LANGUAGES
    ]


@register.inclusion_tag("meetings/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in each language, each named in its own language."""
    return {"languages": language_links(context.get("request"))}


@register.simple_tag(takes_context=True)
def alternate_languages(context):
    """<link rel="alternate" hreflang=...> to this page in each language, for search engines."""
    request = context.get("request")
    if request is None:
        return ""
    try:
        links = [
            (code, request.build_absolute_uri(url)) for code, _, url, _ in language_links(request)
        ]
    except DisallowedHost:  # the 400 page answering a request for a host not ours
        return ""
    return format_html_join("\n  ", '<link rel="alternate" hreflang="{}" href="{}">', links)
