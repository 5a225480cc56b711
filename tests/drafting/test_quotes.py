"""Quotes, verbatim without their marks, and who said them."""

from meetings.drafting.known import KnownWorld
from meetings.drafting.nations import nations
from meetings.drafting.people import find_people
from meetings.drafting.quotes import find_quotes

NATIONS = nations(KnownWorld().country_table())


def quotes(text):
    people = find_people(text, (), NATIONS)
    return [
        (q.speaker.name, q.text, q.attributed_by_context)
        for q in find_quotes(text, people, NATIONS)
    ]


def test_said_after_the_quote_and_a_colon_before_a_block_quote():
    text = (
        "U.S. Secretary of State Mike Pompeo met Foreign Secretary Luis Videgaray.\n\n"
        "“We spoke of four vital areas of our work with Mexico,” said Secretary of State Pompeo.\n\n"
        "“Our security is linked to one another’s,” said Secretary Pompeo:\n\n"
        "“It will take our shared resources and commitment to disrupt criminal groups.”\n\n"
        "“Mexico is one of the United States’ closest partners. We are neighbors, allies, and friends.”"
    )
    assert quotes(text) == [
        ("Mike Pompeo", "We spoke of four vital areas of our work with Mexico", False),
        ("Mike Pompeo", "Our security is linked to one another’s", False),
        (
            "Mike Pompeo",
            "It will take our shared resources and commitment to disrupt criminal groups.",
            False,
        ),
        (
            "Mike Pompeo",
            "Mexico is one of the United States’ closest partners. We are neighbors, allies, and friends.",
            True,
        ),
    ]


def test_speaker_before_the_quote_and_pronouns():
    text = (
        "Mexico's Foreign Minister Marcelo Ebrard highlighted the cooperation of both countries.\n\n"
        "“We share strategic objectives with the United States,” he said.\n\n"
        'Roberto Velasco, head of the Unit for North America, said that "regular routes are an '
        'essential pillar" while Alberto Elías Beltrán, Acting Attorney General, said that in his '
        'meetings with U.S. Attorney General Jeff Sessions "there were no complaints or comments".'
    )
    assert quotes(text) == [
        ("Marcelo Ebrard", "We share strategic objectives with the United States", False),
        ("Roberto Velasco", "regular routes are an essential pillar", False),
        ("Alberto Elías Beltrán", "there were no complaints or comments", False),
    ]


def test_a_role_noun_names_the_person_who_holds_that_title():
    text = (
        "Mexico's delegation was led by Foreign Secretary Luis Videgaray Caso, with Secretary of "
        'Government Miguel Osorio Chong.\n\nOn immigration, the Chancellor said: "We have expressed our '
        'concern regarding the rights of Mexicans," while stressing dialogue.'
    )
    assert quotes(text) == [
        (
            "Luis Videgaray Caso",
            "We have expressed our concern regarding the rights of Mexicans",
            False,
        )
    ]


def test_spanish_attributions():
    text = (
        "El canciller Marcelo Ebrard se reunió con el secretario de Estado de Estados Unidos, Antony Blinken.\n\n"
        "“Tenemos una agenda amplia y muy positiva”, afirmó el canciller.\n\n"
        "“Vamos a trabajar juntos en materia de seguridad”, señaló Blinken.\n\n"
        "La subsecretaria Martha Delgado dijo que “la cooperación para el desarrollo es prioritaria”.\n\n"
        "“Nos estamos preparando para la Cumbre de Líderes de América del Norte”, dijo el jefe de la "
        "diplomacia estadounidense."
    )
    assert quotes(text) == [
        ("Marcelo Ebrard", "Tenemos una agenda amplia y muy positiva", False),
        ("Antony Blinken", "Vamos a trabajar juntos en materia de seguridad", False),
        ("Martha Delgado", "la cooperación para el desarrollo es prioritaria", False),
        (
            "Antony Blinken",
            "Nos estamos preparando para la Cumbre de Líderes de América del Norte",
            False,
        ),
    ]


def test_institutions_quoted():
    text = (
        "On Twitter, Mexico's Ministry of Foreign Affairs wrote in Spanish: “Foreign Minister Luis "
        "Videgaray participates in the Second Strategic Dialogue.”\n"
        "The discussions revolved around “strategies to disrupt the business model of traffickers,” "
        "according to a press release issued by U.S. Department of State ."
    )
    assert [q[0] for q in quotes(text)] == [
        "Mexico's Ministry of Foreign Affairs",
        "U.S. Department of State",
    ]


def test_short_quotations_and_unattributed_quotes_are_left_out():
    text = (
        "Secretary Marcelo Ebrard delivered a copy of the “Mexican Foreign Policy Magazine” to the delegation.\n\n"
        "Observers called the talks “a turning point in the relationship between both nations”."
    )
    assert quotes(text) == []


def test_the_speaker_is_the_subject_not_the_one_photographed_with_them():
    text = (
        "La canciller Alicia Bárcena se reunió con el secretario de Estado, Antony Blinken.\n"
        "La canciller Bárcena publicó una foto con Blinken y un mensaje en el que destacó que la "
        "reunión sirvió “para continuar nuestras excelentes conversaciones bilaterales”."
    )
    assert [q[0] for q in quotes(text)] == ["Alicia Bárcena"]


def test_a_transcript_s_speaker_labels():
    text = (
        "Secretary of State Antony Blinken and Foreign Secretary Marcelo Ebrard met in Mexico City.\n\n"
        "SECRETARY BLINKEN: Good afternoon, everyone. It is wonderful to be back in Mexico.\n\n"
        "QUESTION: Thank you, Mr. Secretary. What did you discuss today?\n\n"
        "FOREIGN SECRETARY EBRARD: We discussed migration, security and our shared border."
    )
    assert quotes(text) == [
        (
            "Antony Blinken",
            "Good afternoon, everyone. It is wonderful to be back in Mexico.",
            False,
        ),
        ("Marcelo Ebrard", "We discussed migration, security and our shared border.", False),
    ]


def test_single_quotes_and_a_paragraph_the_line_never_closes():
    text = (
        "Foreign Minister Ayman Safadi met Foreign Minister Vincent Biruta in Amman.\n"
        "Safadi said, 'Jordan is keen to develop the relationship with Rwanda’s government.'\n"
        "Secretary of State Michael R. Pompeo met Foreign Minister Mevlut Cavusoglu, spokesperson "
        'Morgan Ortagus said. "Secretary Pompeo met the Foreign Minister today," Ortagus said. '
        '"They discussed security and defense issues at length.\n'
    )
    assert quotes(text) == [
        (
            "Ayman Safadi",
            "Jordan is keen to develop the relationship with Rwanda’s government.",
            False,
        ),
        ("Morgan Ortagus", "Secretary Pompeo met the Foreign Minister today", False),
        ("Morgan Ortagus", "They discussed security and defense issues at length.", True),
    ]


def test_pronouns_and_omitted_subjects_are_the_sentence_before_s_subject():
    text = (
        "Minister Jaishankar said he undertook useful discussions. Last month, Deputy Secretary "
        "Wendy Sherman visited.\n"
        "Minister Jaishankar also chaired a meeting of the committee.\n"
        '"Chaired a meeting of the Consultative Committee for External Affairs," he said.\n'
        "El ministro José Manuel Albares se reunió con su homólogo, el secretario de Estado Marco "
        "Rubio. “Esta reunión sirve para reforzar los lazos entre nuestros países”, aseguró tras la "
        "conversación. En esos encuentros, agregó, no se habló de “todos los puntos de la relación "
        "bilateral que queremos construir”."
    )
    assert [q[0] for q in quotes(text)] == [
        "Jaishankar",
        "José Manuel Albares",
        "José Manuel Albares",
    ]


def test_ministries_in_lower_case_a_communique_and_a_role_noun_of_the_sentence_before():
    text = (
        "La canciller colombiana, Carolina Barco, se reunió con el canciller ecuatoriano, Heinz "
        "Moeller. Asiste además la ministra de Defensa, Martha Lucía Ramírez.\n"
        "La Canciller colombiana empezó la reunión agradeciendo la iniciativa.\n"
        "“Tenemos un marco de cooperación que permite seguir construyendo”, expresó la Ministra.\n"
        "“El encuentro estuvo orientado a un diálogo franco”, afirma el ministerio de Relaciones "
        "Exteriores en un comunicado.\n"
        "A través de un comunicado, la Cancillería peruana informó del encuentro. “Los ministros "
        "coincidieron en trabajar conjuntamente”, asegura el comunicado."
    )
    assert [q[0] for q in quotes(text)] == [
        "Carolina Barco",
        "ministerio de Relaciones Exteriores",
        "Cancillería peruana",
    ]
