"""Option values shared by the relations commands and library (no import: read by ``stance --help``)."""

BY = ("actor", "country")
PERIODS = ("day", "week", "month")
