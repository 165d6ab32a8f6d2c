"""Phoenix/PETRARCH2 actor dictionaries: parsing, mapping onto the gazetteer, extension folders.

All snippets are invented (names like ZORAN_EXAMPLEVIC_); tests/data/test_phoenix_dictionaries.py reads the
public dictionaries.
"""

import csv
import logging
from datetime import date

import pytest

from stance.actors.gazetteer import load
from stance.actors.importers import main, to_gazetteer_rows, write_extension
from stance.actors.matching import DocumentActors, Matcher
from stance.actors.phoenix import PhoenixEntry, display_name, read_phoenix
from stance.text.normalise import fold

PEOPLE = """\
# An invented dictionary in the PETRARCH2 layout.
ZORAN_EXAMPLEVIC_  # CountryInfo-style comment
+Z._EXAMPLEVIC_
+ZORAN_P._EXAMPLEVIC
+ZORAN_EXAMPLEVIC_
\t[AZEELI 780101-030804]
\t[AZEGOV 030804-031104]
\t[AZEGOV >031031]
\t[AZEELI]

MIRELA_INVENTOVA_ [SRBGOV 19990101-20040101] [SRBELI <19990101]  # inline codes
VESNA_OLD_EXAMPLE_
\t[AZEGOV < 291231]
\t[AZEGOV 310101-19350101]
"""

MAPPING = """\
ILHAM_ALIYEFF_
+ILHAM_ALIYEV_
+I._ALIYEFF_
\t[AZEGOV >031031]
EXAMPLETOWN_ [AZE]
+EXAMPLEGRAD_
+BAKU_
SECOND_EXAMPLETOWN_ [AZE]
+EXAMPLEGRAD_
ZORAN_EXAMPLEVIC_
\t[AZEGOV >031031]
\t[AZEELI 780101-030804]
PETAR_INVENTIC_ [SRBELI]
ZORAN_EXAMPLEVIC_
+ZORAN_EXAMPLEVITCH_
+AZERBAIJAN_PRESIDENT_
\t[AZEELI]
AZERBAIJANI_PRIME_MINISTER_ [AZEGOV]
ILHAM_ALIYEV!_ [SRBGOV >100101]
INVENTED_LIBERATION_FRONT_ [AZEREB]
+ILHAM_ALIYEV_
+XLF_
EXAMPLE_WATCH_INTERNATIONAL_ [NGOHRI]
INVENTED_HOLDINGS_ [MNCUSA]
AZERI_EXAMPLE_BANK_ [AZEBUS]
INVENTED_MILITIA_ [IMGMUSALQ]
EXAMPLE_PEOPLES_PARTY_ [AZEPTY]
EXAMPLE_OPPOSITION_BLOC_ [AZEOPP]
INTERNATIONAL_EXAMPLE_AGENCY_ [IGOUNOEXA]
EXAMPLE_TIMES_ [AZEMED]
NOBODY_KNOWS_THIS_
"""


def write(tmp_path, text, name="test.actors.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def by_name(entries):
    return {entry.name: entry for entry in entries}


@pytest.fixture(scope="module")
def gaz():
    return load()


@pytest.fixture
def rows(tmp_path, gaz):
    return to_gazetteer_rows(read_phoenix(write(tmp_path, MAPPING)), gaz)


# ---------------------------------------------------------------------------------------------- parsing

def test_names_aliases_and_every_date_form(tmp_path):
    entries = read_phoenix(write(tmp_path, PEOPLE))
    assert [e.name for e in entries] == ["Zoran Examplevic", "Mirela Inventova", "Vesna Old Example"]
    assert entries.skipped == 0
    zoran, mirela, vesna = entries
    assert isinstance(zoran, PhoenixEntry)
    assert zoran.aliases == ("Z. Examplevic", "Zoran P. Examplevic")  # the repeated name is not an alias
    assert zoran.codes == (
        ("AZEELI", date(1978, 1, 1), date(2003, 8, 4)),  # range
        ("AZEGOV", date(2003, 8, 4), date(2003, 11, 4)),
        ("AZEGOV", date(2003, 10, 31), None),  # from
        ("AZEELI", None, None),  # always
    )
    assert mirela.codes == (("SRBGOV", date(1999, 1, 1), date(2004, 1, 1)), ("SRBELI", None, date(1999, 1, 1)))
    assert vesna.codes == (  # until, with a space; two-digit years 00-30 are 20xx, others 19xx; YYYYMMDD
        ("AZEGOV", None, date(2029, 12, 31)),
        ("AZEGOV", date(1931, 1, 1), date(1935, 1, 1)),
    )


@pytest.mark.parametrize("raw, text", [
    ("ILHAM_ALIYEV_", "Ilham Aliyev"),
    ("U.N._EXAMPLE_MISSION_", "U.N. Example Mission"),
    ("THE_UNITED_EXAMPLES_OF_INVENTIA", "The United Examples of Inventia"),
    ("ZORAN_AL-EXAMPLI", "Zoran al-Exampli"),
    ("PATRICK_O'EXAMPLE", "Patrick O'Example"),
    ("EXAMPLE_WORLD'S_FAIR", "Example World's Fair"),
    ("INVENTED_ARMY_(IAX)_", "Invented Army (IAX)"),
    ("BBC_EXAMPLE", "BBC Example"),
    ("EXAMPLE_UK_FUND", "Example UK Fund"),
    ("ZORAN_EXAMPLEVIC_II", "Zoran Examplevic II"),
    ("JOHN_MCEXAMPLE", "John McExample"),
    ("G8_EXAMPLE_GROUP", "G8 Example Group"),
    ("21ST_CENTURY_EXAMPLE", "21st Century Example"),
])
def test_display_names(raw, text):
    assert display_name(raw) == text


def test_malformed_lines_are_skipped_counted_and_logged(tmp_path, caplog):
    text = (
        "\t[AZEGOV >031031]\n"  # 1: a code before any entry
        "+STRAY_SYNONYM_\n"  # 2: a synonym before any entry
        "GOOD_EXAMPLE_PERSON_\n"
        "\t[AZEGOV 9008223-911221]\n"  # 3: a seven-digit date
        "\t[AZEGOV 20121204]\n"  # 4: a date without < > or range
        "\t[AZEGOV 991301-000101]\n"  # 5: month 13
        "\t[AZEGOV 050101-040101]\n"  # 6: ends before it starts
        "\t[azegov]\n"  # 7: not a code
        "\t[AZEGOV >040101\n"  # 8: unclosed
        "+BAD]_SYNONYM_\n"  # 9: a bracket in a name
        "+GOOD_SYNONYM_\n"
        "\t[AZEGOV >040101] trailing words without a hash are a comment\n"
        "BROKEN\ufffdNAME_\n"  # 10: an undecodable character in an entry line...
        "+ITS_SYNONYM_\n"  # 11: ...whose lines have no entry left
        "\t[AZEELI]\n"  # 12
        "ANOTHER_EXAMPLE_ [AZEELI] [---]\n"  # the null code is dropped, not an error
        "ALIAS_TWO_EXAMPLE_ [AZEELI 991301-000101]\n"  # 13: bad inline code: entry kept, code dropped
    )
    with caplog.at_level(logging.DEBUG, logger="stance.importers"):
        entries = read_phoenix(write(tmp_path, text))
    assert entries.skipped == 13
    good, another, two = entries
    assert good.name == "Good Example Person"
    assert good.aliases == ("Good Synonym",)
    assert good.codes == (("AZEGOV", date(2004, 1, 1), None),)
    assert another.codes == (("AZEELI", None, None),)
    assert two.name == "Alias Two Example" and two.codes == ()
    records = [r for r in caplog.records if r.name == "stance.importers"]
    assert any("13" in r.getMessage() and r.levelno == logging.WARNING for r in records)
    assert sum("skipped (" in r.getMessage() for r in records) == 13


# ---------------------------------------------------------------------------------------------- mapping

def test_existing_actor_gets_the_new_spellings_only(rows):
    aliases = {(r["id"], r["alias"]) for r in rows["aliases.csv"]}
    assert ("ilham_aliyev", "Ilham Aliyeff") in aliases
    assert ("ilham_aliyev", "I. Aliyeff") in aliases
    assert not any(r["alias"] == "Ilham Aliyev" for r in rows["aliases.csv"])  # already known
    assert all(r["lang"] == "en" and r["type"] == "name" for r in rows["aliases.csv"])
    assert not any(r["name"].startswith("Ilham Aliyeff") for r in rows["people.csv"])


def test_country_level_entries_add_aliases_to_the_country(rows):
    to_aze = [r["alias"] for r in rows["aliases.csv"] if r["id"] == "AZE"]
    assert sorted(to_aze) == ["Examplegrad", "Exampletown", "Second Exampletown"]  # Baku is known: not again


def test_new_person_with_roles(rows, gaz):
    people = {r["id"]: r for r in rows["people.csv"]}
    zoran = people["zoran_examplevic"]
    assert zoran["name"] == "Zoran Examplevic" and zoran["country"] == "AZE"
    assert zoran["aliases_fr"] == ""
    roles = {(r["role"], r["of"], r["start"], r["end"])
             for r in rows["roles.csv"] if r["person"] == "zoran_examplevic"}
    assert roles == {
        ("affiliation", "AZEGOV", "2003-10-31", ""),
        ("affiliation", "AZEELI", "1978-01-01", "2003-08-04"),
        ("affiliation", "AZEELI", "", ""),  # from the second ZORAN_EXAMPLEVIC_ entry, merged into the first
    }
    # the second entry of the same person adds its spelling to the person created by the first
    assert {"id": "zoran_examplevic", "alias": "Zoran Examplevitch", "lang": "en", "type": "name"} in rows["aliases.csv"]
    assert people["petar_inventic"]["country"] == "SRB"  # undated ELI code, two words
    # a different person whose slug is taken: a fresh id, never an existing one
    assert people["ilham_aliyev_2"]["name"] == "Ilham Aliyev!"
    assert all(r["id"] not in gaz.actors for r in rows["people.csv"] + rows["organisations.csv"])


def test_organisations_and_their_kinds(rows):
    orgs = {r["id"]: r for r in rows["organisations.csv"]}
    kinds = {i: (r["kind"], r["code"]) for i, r in orgs.items()}
    assert kinds == {
        "INVENTED_LIBERATION_FRONT": ("group", "AZEREB"),
        "EXAMPLE_WATCH_INTERNATIONAL": ("ngo", "NGOHRI"),
        "INVENTED_HOLDINGS": ("company", "MNCUSA"),
        "AZERI_EXAMPLE_BANK": ("company", "AZEBUS"),
        "INVENTED_MILITIA": ("group", "IMGMUSALQ"),
        "EXAMPLE_PEOPLES_PARTY": ("party", "AZEPTY"),
        "EXAMPLE_OPPOSITION_BLOC": ("party", "AZEOPP"),
        "INTERNATIONAL_EXAMPLE_AGENCY": ("organisation", "IGOUNOEXA"),
        "EXAMPLE_TIMES": ("media", "AZEMED"),
    }
    front = orgs["INVENTED_LIBERATION_FRONT"]
    # a group listing a leader's name among its synonyms is not that leader, and the name is not re-emitted
    assert front["name_en"] == "Invented Liberation Front" and front["names_en"] == "XLF"
    assert front["country"] == "AZE" and orgs["INVENTED_HOLDINGS"]["country"] == "USA"


def test_no_duplicate_spellings_and_no_unmappable_entries(rows):
    spellings = [r["alias"] for r in rows["aliases.csv"]]
    for r in rows["people.csv"]:
        spellings += [r["name"], *filter(None, r["aliases_en"].split("|"))]
    for r in rows["organisations.csv"]:
        spellings += [r["name_en"], *filter(None, r["names_en"].split("|"))]
    keys = [" ".join(fold(s).split()) for s in spellings]
    assert len(keys) == len(set(keys))
    assert "Nobody Knows This" not in spellings  # no code, names nobody: left out
    assert "Azerbaijani Prime Minister" not in spellings  # a bare title is a role, not an actor
    assert "Azerbaijan President" not in spellings  # nor a spelling of the person


def test_entries_are_plain_values(gaz):
    entry = PhoenixEntry("Zoran Examplevic", (), (("AZEGOV", date(2003, 10, 31), None),))
    rows = to_gazetteer_rows([entry], gaz)
    assert [r["id"] for r in rows["people.csv"]] == ["zoran_examplevic"]
    assert rows["organisations.csv"] == [] and rows["aliases.csv"] == []


# ---------------------------------------------------------------------------------------------- extension

def test_written_extension_is_loaded_and_matched(tmp_path, gaz):
    out = tmp_path / "ext"
    write_extension(to_gazetteer_rows(read_phoenix(write(tmp_path, PEOPLE + MAPPING)), gaz), out)
    assert {p.name for p in out.iterdir()} == {"people.csv", "roles.csv", "organisations.csv", "aliases.csv"}
    with (out / "people.csv").open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == ["id", "name", "country", "aliases_en", "aliases_fr"]

    extended = load(str(out))
    assert load(str(out)) is extended and load() is gaz  # cached per argument, packaged data untouched
    assert "zoran_examplevic" not in gaz.actors
    zoran = extended.actors["zoran_examplevic"]
    assert (zoran.kind, zoran.country) == ("person", "AZE")
    assert extended.actors["EXAMPLE_WATCH_INTERNATIONAL"].kind == "ngo"
    assert any(r.person == "zoran_examplevic" and r.of == "AZEGOV" and r.start == date(2003, 10, 31)
               for r in extended.roles)
    assert len(extended.actors) > len(gaz.actors) and len(extended.aliases) > len(gaz.aliases)

    matcher = Matcher.build(load(str(out)))
    doc = DocumentActors(matcher, on=date(2010, 5, 1), lang="en")
    found = doc.mentions("Zoran Examplevic met Ilham Aliyeff in Exampletown with Example Watch International.")
    assert [(m.text, m.actor_id) for m in found] == [
        ("Zoran Examplevic", "zoran_examplevic"),
        ("Ilham Aliyeff", "ilham_aliyev"),
        ("Exampletown", "AZE"),
        ("Example Watch International", "EXAMPLE_WATCH_INTERNATIONAL"),
    ]
    later = doc.mentions("Examplevic later said the talks went well.")
    assert [(m.text, m.actor_id) for m in later] == [("Examplevic", "zoran_examplevic")]


def test_extension_folder_with_only_some_files(tmp_path, gaz):
    out = tmp_path / "aliases-only"
    write_extension({"people.csv": [], "aliases.csv": [
        {"id": "ilham_aliyev", "alias": "Ilham Examplyev", "lang": "en", "type": ""},
        {"id": "no_such_actor", "alias": "Nobody Example", "lang": "en", "type": "name"},
    ]}, out)
    assert [p.name for p in out.iterdir()] == ["aliases.csv"]  # empty tables are not written
    extended = load(out)  # a PathLike works too
    added = [a for a in extended.aliases if a.text in ("Ilham Examplyev", "Nobody Example")]
    assert [(a.target, a.type, a.lang) for a in added] == [("ilham_aliyev", "name", "en")]
    assert len(extended.actors) == len(gaz.actors)
    with pytest.raises(FileNotFoundError):
        load(str(tmp_path / "missing"))


def test_cli_prints_counts(tmp_path, capsys):
    source = write(tmp_path, MAPPING + "\t[AZEGOV 9008223-911221]\n")
    assert main([str(source), "-o", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr().out
    lines = dict(line.split(":", 1) for line in printed.splitlines() if ":" in line and "wrote" not in line)
    assert int(lines["entries read"]) == 18
    assert int(lines["new people"]) == 3  # zoran_examplevic, petar_inventic, ilham_aliyev_2
    assert int(lines["new organisations"]) == 9
    assert int(lines["skipped lines"]) == 1
    assert int(lines["aliases added to existing actors"].split()[0]) == 5  # 2 to ilham_aliyev, 3 to AZE
    assert (tmp_path / "out" / "people.csv").is_file()
