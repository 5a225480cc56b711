"""How the generated titles and releases put words together. Pure functions over text."""


def join_names(names):
    """ "A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def lower(name):
    """A topic's name inside a sentence: "NAFTA" stays as it is."""
    return name if name.isupper() else name.lower()


def capitalized(text):
    return text[0].upper() + text[1:]


def uncapitalized(text):
    return text[0].lower() + text[1:]
