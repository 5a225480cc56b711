"""
The site's date formats where they differ from Django's (FORMAT_MODULE_PATH): English dates
as "3 May 2018" and "May 2018"; Spanish keeps Django's ("3 de mayo de 2018", "mayo de 2018").
"""
