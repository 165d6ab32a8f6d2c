"""The scraped seed article (public data): cleaned of navigation and teasers, sentences mapped to raw offsets."""

from stance.text.normalise import normalise
from stance.text.sentences import read_document
from tests.support import assert_offsets


def test_seed_article(public_data):
    raw = (public_data / "seed_article_fr.txt").read_text(encoding="utf-8")
    doc = read_document(raw)
    assert doc.lang == "fr"
    texts = [s.text for s in doc.sentences]
    assert len(texts) == len(set(texts))
    nav_start = raw.index("Les plus commentés")
    assert all(s.end <= nav_start for s in doc.sentences)
    for line in raw[nav_start:].splitlines():
        if line.strip():
            assert all(normalise(line) not in t for t in texts)
    assert not any(t.endswith(("...", "…")) for t in texts)
    assert 8 <= len(texts) <= 14
    assert_offsets(doc)
