"""
The site in several languages: pure functions over paths, dates and country names, the
pieces the templates and models use to speak the reader's language (README, "Languages").
"""
