"""The report's words in English and French."""

TEXTS = {
    "en": {
        "title": "Who stands where toward whom", "rows": "pair rows read", "aggregated": "aggregated",
        "dates": "dates", "by": "grouped by", "interval": "Interval",
        "net_help": "Net stance = mean of p(positive) − p(negative) over a dyad's pairs, from −1 (hostile) to +1 "
                    "(supportive).",
        "own_tone": "Pairs without a holder (the text's own tone), left out of the matrix",
        "matrix": "Actor × actor matrix", "network": "Signed network", "series": "Over time", "evidence": "Evidence",
        "matrix_help": "Rows: the source (who holds the stance); columns: the target. Click a cell for its "
                       "evidence.",
        "network_help": "An arrow from source to target per dyad: red hostile, blue supportive, wider with more "
                        "pairs.",
        "series_help": "Net stance per period with its 95 % interval (band) for the dyads with the most pairs.",
        "net": "net stance", "no_interval": "a single document: no interval", "documents": "document(s)",
        "no_evidence": "No evidence sentence found in the given files.", "counts": "{neg} hostile, {neu} neutral, "
        "{pos} supportive", "offline": "a self-contained page: no network needed", "colourbar": "net stance",
        "matrix_title": "Net stance, source → target", "network_title": "Signed network (source → target)",
        "series_title": "Net stance over time",
    },
    "fr": {
        "title": "Qui se positionne comment envers qui", "rows": "paires lues", "aggregated": "agrégées",
        "dates": "dates", "by": "regroupées par", "interval": "Intervalle",
        "net_help": "Position nette = moyenne de p(positif) − p(négatif) sur les paires d’une dyade, de −1 "
                    "(hostile) à +1 (favorable).",
        "own_tone": "Paires sans auteur (le ton propre du texte), hors de la matrice",
        "matrix": "Matrice acteur × acteur", "network": "Réseau signé", "series": "Dans le temps",
        "evidence": "Sources", "matrix_help": "Lignes : la source (qui prend position) ; colonnes : la cible. "
                                              "Cliquez une case pour ses phrases.",
        "network_help": "Une flèche de la source vers la cible par dyade : rouge hostile, bleu favorable, plus "
                        "large avec plus de paires.",
        "series_help": "Position nette par période avec son intervalle à 95 % (bande), pour les dyades les plus "
                       "fournies.",
        "net": "position nette", "no_interval": "un seul document : pas d’intervalle", "documents": "document(s)",
        "no_evidence": "Aucune phrase trouvée dans les fichiers donnés.", "counts": "{neg} hostile(s), {neu} "
        "neutre(s), {pos} favorable(s)", "offline": "page autonome : aucun accès réseau nécessaire",
        "colourbar": "position nette", "matrix_title": "Position nette, source → cible",
        "network_title": "Réseau signé (source → cible)", "series_title": "Position nette dans le temps",
    },
}
