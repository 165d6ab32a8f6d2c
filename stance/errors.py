"""Errors that name what the user should fix; the CLI prints them as ``stance: error: …`` (exit code 2)."""


class InputError(Exception):
    """A user's input cannot be read as asked (bad file, encoding, columns, request body, model)."""


class DatasetError(ValueError):
    """A dataset file breaks the schema; the message names the file, row and column."""
