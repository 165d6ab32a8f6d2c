"""The report folder: a self-contained page (nothing fetched), its figures, the evidence with marked actors."""

import re

import pytest

from stance.errors import InputError
from stance.relations.evidence import highlight
from stance.relations.report import build_report
from tests.pairs_support import write_pairs


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    write_pairs(folder / "pairs.csv")
    result = build_report([folder / "pairs.csv"], folder / "out", top=10, series=["ilham_aliyev:USA"],
                          resamples=200)
    return result, (folder / "out" / "index.html").read_text(encoding="utf-8")


def test_files_beside_the_page(report):
    result, _ = report
    names = {p.name for p in result.folder.iterdir()}
    assert names == {"index.html", "dyads.csv", *(f"{f}.{e}" for f in ("matrix", "network", "series")
                                                   for e in ("png", "svg"))}
    assert all((result.folder / n).stat().st_size > 1000 for n in names if n != "dyads.csv")


def test_the_page_fetches_nothing(report):
    _, html = report
    assert not re.search(r"<(script|link|img|iframe)\b", html)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert not re.search(r"url\(\s*[^#\s]", html) and "@import" not in html  # only url(#local-id)


def test_matrix_cells_link_to_their_evidence_with_marked_actors(report):
    result, html = report
    cell = re.search(r'data-source="ilham_aliyev" data-target="USA"><a href="#(dyad-\d+)">([^<]+)</a>', html)
    assert cell, "no matrix cell for Aliev → United States"
    section = html[html.index(f'id="{cell.group(1)}"'):]
    section = section[: section.index("</section>")]
    assert "Ilham Aliyev → United States" in section
    assert '<mark class="source">Ilham Aliev</mark>' in section and '<mark class="target">États-Unis</mark>' in section
    assert "« l’ingérence »" in section  # French quotes and apostrophes as written
    assert section.count("<li>") == 3 and "negative 0.81" in section
    # mean net over the three rows: (0.07-0.81 + 0.70-0.05 + 0.05-0.77) / 3 = -0.27
    assert cell.group(2) == "−0.27"
    assert result.actors == 9  # every actor of these pairs (fewer than --top)


def test_the_page_in_french(tmp_path):
    write_pairs(tmp_path / "pairs.csv")
    build_report([tmp_path / "pairs.csv"], tmp_path / "fr", lang="fr", resamples=50)
    html = (tmp_path / "fr" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in html and "Qui se positionne comment envers qui" in html
    assert "Azerbaïdjan (gouvernement)" in html


def test_by_country_with_actors_unknown_to_the_gazetteer(tmp_path):
    frame = write_pairs(tmp_path / "pairs.csv")
    unknown = {"source_id": "ner:jean_dupont", "source": "Jean Dupont",
               "sentence": "Jean Dupont a dénoncé l’attitude des États-Unis."}
    frame.loc[len(frame)] = frame.loc[0].to_dict() | unknown
    frame.to_csv(tmp_path / "pairs.csv", index=False)  # no country columns: taken from the gazetteer
    build_report([tmp_path / "pairs.csv"], tmp_path / "c", by="country", resamples=50)
    html = (tmp_path / "c" / "index.html").read_text(encoding="utf-8")
    assert 'data-source="AZE" data-target="USA"' in html  # Aliev and Baku stand for Azerbaijan
    assert 'data-source="ner:jean_dupont" data-target="USA"' in html  # unknown: stays apart
    assert '<mark class="source">Jean Dupont</mark>' in html


def test_unknown_series_or_actor_is_a_clear_error(tmp_path):
    write_pairs(tmp_path / "pairs.csv")
    with pytest.raises(InputError, match="no such dyad"):
        build_report([tmp_path / "pairs.csv"], tmp_path / "x", series=["USA:ilham_aliyev"])
    with pytest.raises(InputError, match="expected SOURCE_ID:TARGET_ID"):
        build_report([tmp_path / "pairs.csv"], tmp_path / "x", series=["ilham_aliyev"])
    with pytest.raises(InputError, match="--actor xi_jinping: not in any pair"):
        build_report([tmp_path / "pairs.csv"], tmp_path / "x", keep=["xi_jinping"])
    assert not (tmp_path / "x").exists()


def test_highlight_marks_each_actor_once_as_written():
    parts = highlight("Selon Bakou, WASHINGTON a trahi Bakou.", "Bakou", "Washington")
    assert parts == [("", "Selon "), ("source", "Bakou"), ("", ", "), ("target", "WASHINGTON"),
                     ("", " a trahi Bakou.")]
    assert highlight("Etats-Unis et Europe", "", "États-Unis") == [("target", "Etats-Unis"), ("", " et Europe")]
