"""Word lists by language (``stance.lang.fr``, ``stance.lang.en``), read by the modules that use them.

Each list says what it is for; a module that needs both languages joins them. No behaviour lives here.
"""


def alternation(*word_lists) -> str:
    """The words of the lists as a regular-expression alternation ``a|b|c``, each once, in order (the words are
    plain letters, spaces, hyphens and apostrophes: nothing to escape)."""
    return "|".join(dict.fromkeys(word for words in word_lists for word in words))
