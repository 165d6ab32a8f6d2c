"""What goes in and out of the model: row checks (``validation``), chunked CSV scoring (``scoring``), articles
to scored pairs (``extract``), the MLflow pyfunc for REST and Spark (``serving``), explanations (``explain``)."""
