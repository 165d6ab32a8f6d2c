"""The Pipeline's transformers, in the order the data flows through them: role marking (``roles``), one
tokenisation (``tokens``), target-relative context features (``context``), TF-IDF on token lists (``tfidf``),
the feature union with per-corpus copies (``union``) and its compiled batch path (``compiled``)."""
