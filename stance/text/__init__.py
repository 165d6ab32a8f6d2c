"""Text before actors: the one normaliser and mention-matching rule (``normalise``), article cleaning
(``clean``), language detection and sentence splitting with raw offsets (``sentences``)."""
