"""
The Spanish catalogue is complete and in step with the templates, and no template shows text
that is not marked for translation.

* locale/es/LC_MESSAGES/django.po: no entry untranslated, fuzzy or obsolete, each
  translation keeps its msgid's placeholders, and the committed .mo says the same.
* Every {% translate %} and {% blocktranslate %} string of every template is in the .po
  (found by walking the compiled templates' nodes, so exactly the msgids Django looks up):
  `make messages` was run after the templates last changed.
* No visible text outside them: each template is split by Django's own lexer into text,
  variables, tags and comments; the text between {% blocktranslate %} and its end is the
  translation's, the rest must hold no words once the HTML tags are taken out (and the
  attributes people see or hear, title, alt, placeholder, aria-label, value, must hold
  none either), nor may a literal given to a tag or a filter read as English
  (empty="None yet.", |default:"Nobody"): pass a {% translate ... as name %} instead. The
  brand "Bilateral" and the names of file formats are the only words allowed. The text
  between {% comment %} and {% endcomment %} is the template's own note, never shown.
"""

import gettext
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template import engines
from django.template.base import Lexer, TokenType
from django.templatetags.i18n import BlockTranslateNode, TranslateNode
from django.utils.translation import trim_whitespace

LOCALE = Path(settings.BASE_DIR) / "locale"
PO = LOCALE / "es" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
TEMPLATES = Path(settings.BASE_DIR) / "templates"
TEMPLATE_FILES = sorted(TEMPLATES.rglob("*.html"))
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
ALLOWED_WORDS = {"Bilateral", "JSON", "CSV", "Atom", "BibTeX", "RIS", "CSL"}
MSGID_TAGS = {"translate", "trans"}  # whose literal is the msgid
# A string literal in a tag or a variable that reads as English: a capitalised word
# ({% ranked ... empty="None yet." %}, |default:"Nobody"); URL names, paths, choices' values
# and date formats ("Y-m-d", "j F Y") are lowercase or single capitals.
PROSE_LITERAL = re.compile(r"""(["'])((?:(?!\1).)*[A-Z][a-z]+(?:(?!\1).)*)\1""")
VISIBLE_ATTRIBUTE = re.compile(
    r"\b(?:title|alt|placeholder|aria-label|value)=\"([^\"{]*)\"", re.IGNORECASE
)

BUTTON_VALUE = re.compile(r"(<button\b[^>]*?)\svalue=\"[^\"]*\"", re.IGNORECASE)


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(PO))


def key(msgid, context=None):
    return f"{context}\x04{msgid}" if context else msgid


def test_every_entry_is_translated_and_none_is_fuzzy_or_obsolete(catalogue):
    assert catalogue.metadata.get("Language") == "es"
    assert not catalogue.metadata_is_fuzzy
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
    assert [e.msgid for e in catalogue.obsolete_entries()] == []
    assert catalogue.percent_translated() == 100


def placeholders(text):
    return sorted(set(PLACEHOLDER.findall(text)))


def test_translations_keep_their_placeholders(catalogue):
    """The singular form keeps the msgid's; Spanish's other forms, the msgid_plural's."""
    for entry in catalogue:
        if entry.msgid_plural:
            for form, translation in entry.msgstr_plural.items():
                source = entry.msgid if form == 0 else entry.msgid_plural
                assert placeholders(translation) == placeholders(source), entry.msgid
        else:
            assert placeholders(entry.msgstr) == placeholders(entry.msgid), entry.msgid


def test_the_compiled_catalogue_is_the_committed_po(catalogue):
    with MO.open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    for entry in catalogue:
        if entry.msgid_plural:  # Spanish's forms: 1, a million (de), and the others
            for n, form in ((1, 0), (1_000_000, 1), (2, 2)):
                translated = compiled.ngettext(entry.msgid, entry.msgid_plural, n)
                assert translated == entry.msgstr_plural[form], entry.msgid
        elif entry.msgctxt:
            assert compiled.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr
        else:
            assert compiled.gettext(entry.msgid) == entry.msgstr, entry.msgid


def template_msgids(path):
    """The msgids the template at `path` looks up, as Django looks them up."""
    template = engines["django"].engine.get_template(str(path.relative_to(TEMPLATES)))
    found = []
    for node in template.nodelist.get_nodes_by_type(TranslateNode):
        if node.filter_expression.var.literal is not None:
            context = node.message_context.resolve({}) if node.message_context else None
            found.append(key(node.filter_expression.var.literal, context))
    for node in template.nodelist.get_nodes_by_type(BlockTranslateNode):
        msgid, _ = node.render_token_list(node.singular)
        if node.trimmed:
            msgid = trim_whitespace(msgid)
        context = node.message_context.resolve({}) if node.message_context else None
        found.append(key(msgid, context))
    return found


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_every_template_string_is_in_the_catalogue(catalogue, path):
    known = {key(e.msgid, e.msgctxt) for e in catalogue}
    missing = [msgid for msgid in template_msgids(path) if msgid not in known]
    assert not missing, f"run `make messages` and translate: {missing}"


def words(text):
    """The words of `text` a reader would see, but the allowed ones."""
    text = re.sub(r"&#?\w+;", " ", text)
    return [w for w in re.findall(r"[^\W\d_]{2,}", text) if w not in ALLOWED_WORDS]


def visible_text(markup):
    """The text and the perceivable attributes of `markup`, without its HTML tags."""
    # A <button>'s value is what the form sends, not what it shows (its content is).
    markup = BUTTON_VALUE.sub(r"\1", markup)
    shown = VISIBLE_ATTRIBUTE.findall(markup)
    text = re.sub(r"<!--.*?-->|<!doctype[^>]*>|<[^>]*>", " ", markup, flags=re.S | re.I)
    return " ".join([text, *shown])


def untranslated_text(source):
    """
    The words of a template's source that lie outside the translation tags: the template
    with each variable and tag (and each {% blocktranslate %}...{% endblocktranslate %}) put
    back as a placeholder without letters, so that HTML tags split by them stay whole.
    """
    parts, depth, note = [], 0, False
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if name in ("comment", "endcomment"):
                note = name == "comment"
            elif note:
                continue
            if name in ("blocktranslate", "blocktrans"):
                depth += 1
            elif name in ("endblocktranslate", "endblocktrans"):
                depth -= 1
            if name not in MSGID_TAGS:
                parts.extend(f" {literal} " for _, literal in PROSE_LITERAL.findall(token.contents))
            parts.append("\x00")
        elif note:
            continue
        elif token.token_type == TokenType.VAR:
            parts.extend(f" {literal} " for _, literal in PROSE_LITERAL.findall(token.contents))
            parts.append("\x00")
        elif token.token_type == TokenType.TEXT and not depth:
            parts.append(token.contents)
    return words(visible_text("".join(parts)))


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_template_shows_text_outside_the_translation_tags(path):
    assert untranslated_text(path.read_text("utf-8")) == []


@pytest.mark.parametrize(
    "source",
    [
        "<p>Meetings</p>",
        '<a href="{{ url }}">Next page</a>',
        '<input placeholder="Search here">',
        '<a href="{{ u }}" title="Both of them">{{ n }}</a>',
        "{% if x %}None yet.{% endif %}",
        "{% comment %}a note{% endcomment %}<p>Shown</p>",
        '<span class="x"\n  >Read more</span>',
        '{% ranked rows to="topic" empty="None yet." %}',
        '{% breadcrumbs "Agencies" "agency-list" current=agency.name %}',
        '{{ source.publisher|default:"Not named" }}',
        '{% blocktranslate with n=x|default:"Nobody" %}{{ n }}{% endblocktranslate %}',
    ],
)
def test_the_check_finds_unmarked_text(source):
    assert untranslated_text(source)


@pytest.mark.parametrize(
    "source",
    [
        '{% load i18n %}<p class="lede">{% translate "Meetings" %}</p>',
        '<a href="{{ url }}" class="brand">Bilateral</a> <a href="x">JSON</a>',
        "{% blocktranslate trimmed %}Hello <b>{{ name }}</b>{% endblocktranslate %}",
        '<input type="search" name="q" id="id_q" maxlength="200">',
        "{# a comment in English #}<p>{{ meeting.title }} ({{ meeting.display_date }})</p>",
        '<li><span aria-hidden="true">…</span> · → — 2018</li>',
        '{% url "meeting-list" %}{% if kind == "high-level" %}{{ d|date:"j F Y" }}{% endif %}',
        '{% translate "Nobody yet." as nobody %}{% ranked rows empty=nobody %}',
        "{% comment %}Django's page, in {{ our }} layout.{% endcomment %}<p>{{ x }}</p>",
        "<details><summary>BibTeX</summary></details><summary>RIS</summary> CSL-JSON",
    ],
)
def test_the_check_lets_marked_text_and_markup_pass(source):
    assert untranslated_text(source) == []
