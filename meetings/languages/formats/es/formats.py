# Django's Spanish formats ("3 de mayo de 2018", "mayo de 2018"), except the short date,
# written with the month's abbreviation as in English ("3 may 2018"), not "03/05/2018".
SHORT_DATE_FORMAT = "j M Y"
