"""French word lists. Words matched in folded text (see :func:`stance.text.normalise.fold`, marked "folded" below)
are written without accents; the others as they appear in text (lines of article navigation are compared by
their key, accents or not)."""

# --- article cleaning (stance.text) -------------------------------------------------------------------------
# abbreviations after which Punkt must not end a sentence
ABBREVIATIONS = ("m mm mme mmes mlle mgr dr pr me st ste gén col cdt lt cne av j.-c etc cf p n° no vol env ex min max "
                 "sgt adj janv févr avr juil oct nov déc").split()
# frequent words that tell French from English
STOPWORDS = frozenset(
    "le la les des de du un une est sont été que qui dans pour au aux et en sur par avec ne pas ce cette "
    "ces il elle ils elles nous vous sa ses leur leurs selon mais où aussi avait était sera lors après "
    "avant contre entre sans sous à très déjà".split()
)
# elided words before an apostrophe ("l'", "jusqu'")
ELISIONS = ("l", "d", "qu", "n", "s", "j", "c", "m", "t", "jusqu", "lorsqu", "puisqu")
# a line that opens a site's navigation: it and everything after it are dropped
NAVIGATION_HEADERS = ("les plus commentés", "les plus lus", "à lire aussi", "lire aussi",
                      "sur le même sujet", "nos newsletters", "dans la même rubrique", "les plus partagés")
# a line of site furniture, dropped alone
BOILERPLATE = ("partager", "partager cet article", "publicité", "abonnez-vous")
# "Lire aussi : <headline>": an inline link, dropped alone
INLINE_LINKS = ("à lire aussi", "lire aussi")

# --- target-relative features (stance.features.context) -----------------------------------------------------
NEGATION_CUES = ("ne", "n", "pas", "jamais", "plus", "aucun", "aucune", "sans", "ni", "refuse", "refusé", "refusait")
# words that open a clause
CLAUSE_WORDS = ("mais", "que", "qui", "tandis")

# --- actors and holders (stance.actors) ------------------------------------------------------------------------
# a mention after one of these is governed by it, so it is not the subject
PREPOSITIONS = ("de du des d à au aux avec par pour contre entre sur vers chez envers sans après avant selon "
                "notamment dont comme").split()
# honorifics and titles before a name: a short surname after them is a person ("M. Aliev")
HONORIFICS = ("M", "MM", "Mme", "Mmes", "Dr", "Pr")
TITLES = ("président", "présidente", "ministre", "Premier", "général", "secrétaire", "roi", "reine", "prince",
          "cheikh")
# phrases naming a government through its bodies; {m}/{f}/{mpl}/{fpl}: the country adjective's forms
GOVERNMENT_BODIES = (
    "gouvernement {m}", "exécutif {m}", "pouvoir {m}", "régime {m}", "ministère {m} des Affaires étrangères",
    "ministère {m} de la Défense", "diplomatie {f}", "présidence {f}", "armée {f}", "junte {f}",
    "autorités {fpl}", "dirigeants {mpl}", "forces {fpl}",
)
# folded: fronted reported speech ("selon X, …")
SPEECH_CUES = ("selon", "d'apres")
# folded: passive auxiliaries and the agent's preposition ("a été accusé par X")
PASSIVE_AUXILIARIES = ("ete", "etait", "etaient", "sont", "fut")
PASSIVE_AGENT = "par"
# folded: auxiliaries and speech verbs of postposed reported speech ("« … », a déclaré X")
SPEECH_AUXILIARIES = ("a", "ont", "avait", "a-t-il", "a-t-elle")
SPEECH_VERBS = ("declare", "indique", "affirme", "ajoute", "estime", "assure", "precise", "souligne", "explique",
                "dit", "annonce", "repondu")
# folded: "…, a déclaré un diplomate": a postposed speaker who is not an actor
UNNAMED_SPEECH_AUXILIARIES = ("a", "ont")
UNNAMED_SPEECH_VERBS = ("declare", "indique", "affirme", "ajoute", "estime", "precise")
UNNAMED_SPEAKER_DETERMINERS = ("un", "une", "des", "plusieurs", "les")
# folded: words that show the main verb has come (what follows it is an object, not the subject)
MAIN_VERBS = ("a", "ont", "avait", "avaient", "est", "sont", "sera", "va", "vont")
MAIN_VERBS_LEXICAL = ("accuse", "denonce", "condamne", "salue", "estime", "affirme", "appelle")
# folded: words skipped when looking for the word before a mention
ARTICLES = ("le", "la", "les", "l", "un", "une", "m", "mme")
