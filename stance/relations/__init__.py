"""From scored pairs to relations: dyads aggregated over time (``aggregate``), the HTML report (``report``),
and the correction loop through Label Studio (``review``, ``labelstudio``)."""
