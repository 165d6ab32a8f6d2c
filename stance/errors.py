"""Errors that name what the user should fix; the CLI prints them as ``stance: error: …`` (exit code 2)."""


class InputError(Exception):
    """A user's input cannot be read as asked (bad file, encoding, columns, request body, model)."""


class DatasetError(ValueError):
    """A dataset file breaks the schema; the message names the file, row and column."""


class ModelRefused(InputError):
    """A model file that is not a stance model saved without pickle, or holds types outside the trusted list.

    Nothing in it has been run: the check reads the folder's MLmodel (YAML, safe loader) and the skops file's
    list of types before anything is built."""


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived while an output was being written (raised so that cleanup runs)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
