"""English word lists. Words compared with folded text (see :func:`stance.text.normalise.fold`) are written in
lower case; the others as they appear in the text."""

# --- article cleaning (stance.text) -------------------------------------------------------------------------
# abbreviations after which Punkt must not end a sentence
ABBREVIATIONS = ("mr mrs ms dr prof sen rep gov gen col lt capt sgt st jr sr u.s u.k u.n e.u inc ltd co corp vs etc "
                 "no jan feb mar apr jun jul aug sep sept oct nov dec a.m p.m").split()
# frequent words that tell English from French ("a" is left out: it is also the French verb "a déclaré")
STOPWORDS = frozenset(
    "the of and to in is was that for on said says with by from at as it its has have had be been are "
    "were will would this which who an not but after he she they their over about than also".split()
)
# a line that opens a site's navigation: it and everything after it are dropped
NAVIGATION_HEADERS = ("most read", "most popular", "most commented", "read more", "related articles",
                      "related stories", "more from", "trending", "you may also like", "recommended")
# a line of site furniture, dropped alone
BOILERPLATE = ("share", "share this article", "advertisement", "subscribe")
# "Read more: <headline>": an inline link, dropped alone
INLINE_LINKS = ("read more", "related")

# --- target-relative features (stance.features.context) -----------------------------------------------------
NEGATION_CUES = ("not", "no", "never", "without", "nor", "n't", "neither", "refused", "refuses", "declined",
                 "declines", "failed")
# words that open a clause
CLAUSE_WORDS = ("but", "that", "which", "who", "while", "whereas")

# --- actors and holders (stance.actors) ------------------------------------------------------------------------
# a mention after one of these is governed by it, so it is not the subject
PREPOSITIONS = ("of with by to for against between from on toward towards about over at into than "
                "including such").split()
# honorifics and titles before a name: a short surname after them is a person ("Mr. Lee")
HONORIFICS = ("Mr", "Mrs", "Ms", "Dr", "Gen", "Sen")
TITLES = ("President", "Minister", "Premier", "General", "Secretary", "King", "Queen", "Prince", "Sheikh")
# phrases naming a government through its bodies; {adj}: the country adjective, {name}: the country's name
GOVERNMENT_BODIES = (
    "{adj} government", "{adj} administration", "{adj} authorities", "{adj} foreign ministry",
    "{adj} Foreign Ministry", "{adj} defence ministry", "{adj} defense ministry", "{adj} Defence Ministry",
    "{adj} presidency", "{adj} army", "{adj} military", "{adj} leadership", "{adj} junta", "{adj} officials",
    # possessives: "China's Commerce Ministry", "Kenya's foreign ministry"
    "{name}'s government", "{name}'s foreign ministry", "{name}'s Foreign Ministry", "{name}'s defence ministry",
    "{name}'s defense ministry", "{name}'s Defense Ministry", "{name}'s Defence Ministry",
    "{name}'s Commerce Ministry", "{name}'s army", "{name}'s military", "{name}'s authorities",
    "{name}'s presidency", "{name}'s leadership",
)
# fronted reported speech ("according to X, …")
SPEECH_CUES = ("according to",)
# passive auxiliaries and the agent's preposition ("was accused by X")
PASSIVE_AUXILIARIES = ("was", "were", "been", "is", "are", "being")
PASSIVE_AGENT = "by"
# speech verbs of postposed reported speech ("…, X said")
SPEECH_VERBS = ("said", "says", "told", "added", "stated", "noted", "warned", "wrote")
# "…, Moscow said." / "…, Moscow said on Tuesday": a speech verb that closes the sentence after the subject
CLOSING_SPEECH_VERBS = ("said", "says", "told reporters", "added", "wrote", "noted", "warned")
CLOSING_TIME_WORDS = ("on", "in", "at", "late", "earlier", "last", "this", "after", "during", "when", "while")
# "…, diplomats said.": a postposed speaker who is not an actor
UNNAMED_SPEECH_VERBS = ("said", "say", "told reporters", "added")
# words that show the main verb has come (what follows it is an object, not the subject); "a" is an article
MAIN_VERBS = ("has", "have", "had", "is", "are", "was", "were", "will", "would", "did", "does")
MAIN_VERBS_LEXICAL = ("said", "says", "told", "accuse", "accuses")
# words skipped when looking for the word before a mention
ARTICLES = ("the", "a", "an")

# --- CAMEO/Phoenix dictionaries (stance.actors.mapping) ---------------------------------------------------------
# words that make a 2-4 word name with a dated code a body, not a person ("Kosovo Assembly").
ORGANISATION_WORDS = frozenset(
    "administration agency alliance army assembly authority brigade brigades bureau coalition commission "
    "committee council federation force forces front government league militia ministry movement "
    "organisation organization parliament party regime republic union".split()
)
# words of a title; a name made of these and country words only ("American Vice-President", "Kosovar Prime
# Minister") is a role, which titles.csv covers, not an actor: such entries are left out.
TITLE_WORDS = frozenset(
    "president vice-president minister ministers secretary attorney spokesman spokeswoman spokesperson "
    "ambassador envoy chief leader leaders commander governor mayor senator official officials chancellor "
    "premier king queen".split()
)
GENERIC_TITLE_WORDS = TITLE_WORDS | frozenset(
    "vice prime general deputy head foreign defence defense interior finance state acting first lady the of "
    "us u.s. u.k. uk".split()
)
