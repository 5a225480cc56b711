"""Text helpers: HTML to text, a folded copy with the same offsets, sentences, language."""

from meetings.drafting.text import detect_language, fold, html_to_text, sentences


def test_html_is_reduced_to_its_blocks_of_text():
    html = (
        "<html><head><style>p {color: red}</style><script>var x = 1;</script></head><body>"
        "<h1>Secretary Blinken&#8217;s Meeting</h1><p>Secretary Blinken met&nbsp;today"
        " with <b>Foreign Secretary</b> Ebrard.</p><p>They discussed migration.</p></body></html>"
    )
    text = html_to_text(html)
    assert text == (
        "Secretary Blinken’s Meeting\n\nSecretary Blinken met today with Foreign Secretary"
        " Ebrard.\n\nThey discussed migration."
    )


def test_folding_keeps_every_offset():
    text = "Peña Nieto met Álvarez — “señaló”"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded.index("pena nieto") == text.index("Peña Nieto")
    assert folded[text.index("Álvarez") :].startswith("alvarez")


def test_sentences_keep_abbreviations_and_join_broken_lines():
    text = "U.S. Secretary Pompeo met in Washington, D.C. today. He spoke.\nMexico's Foreign Minister\nopened the talks."
    found = [text[s:e] for s, e in sentences(text)]
    assert found == [
        "U.S. Secretary Pompeo met in Washington, D.C. today.",
        "He spoke.",
        "Mexico's Foreign Minister\nopened the talks.",
    ]


def test_language_is_told_from_common_words():
    assert detect_language("El canciller se reunió con los senadores en la Cancillería.") == "es"
    assert detect_language("The Secretary met with the senators of the United States.") == "en"
