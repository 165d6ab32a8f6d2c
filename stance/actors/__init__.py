"""Actors in sentences: the packaged gazetteer (``gazetteer``), mention matching and coreference
(``matching``), holders and candidate pairs (``pairs``), the optional spaCy pass (``ner``), and CAMEO/Phoenix
dictionaries as gazetteer extensions (``phoenix``, ``mapping``, ``importers``)."""
