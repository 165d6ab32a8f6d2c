"""From labeled corpora to a registered model: the project's dataset (``dataset``) and the public corpora
(``corpora``), parameters (``params``), fitting (``fit``), evaluation (``evaluation``, ``article_eval``), the
MLflow training run (``run``), ``make benchmark`` (``benchmark``) and studies (``study``)."""
