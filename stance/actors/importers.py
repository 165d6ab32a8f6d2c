"""Import CAMEO/Phoenix actor dictionaries as an extension of the actor gazetteer.

``to_gazetteer_rows`` maps entries read by :mod:`stance.actors.phoenix` onto the gazetteer's CSV files
(``people.csv``, ``roles.csv``, ``organisations.csv`` and ``aliases.csv`` with ``id,alias,lang,type``);
``write_extension`` writes them to a folder that ``stance.actors.gazetteer.load(extra=folder)`` reads after the
packaged data. The dictionaries themselves are never copied into the project::

    python -m stance.actors.importers Phoenix.Countries.actors.txt Phoenix.International.actors.txt -o ext/
"""

from __future__ import annotations

import argparse
import csv
import logging
import sys
import time
from pathlib import Path

from stance.actors.gazetteer import EXTENSION_FILES, Gazetteer, load
from stance.actors.mapping import map_entries
from stance.actors.phoenix import PhoenixEntries, read_phoenix


def to_gazetteer_rows(entries, gazetteer: Gazetteer | None = None) -> dict[str, list[dict]]:
    """Rows for ``people.csv``, ``roles.csv``, ``organisations.csv`` and ``aliases.csv`` (keys are the file
    names, values lists of dicts with that file's columns; dates ISO, empty when open). Rules, in order:

    1. an entry whose name or a synonym already names an actor (a ``name`` alias of the gazetteer, or of an
       actor created earlier in the same batch; folded, whitespace-normalised, hyphens as spaces; or the id
       the entry would get, same kind and country) adds its other spellings to that actor (``aliases.csv``,
       lang ``en``, type ``name``); ``_known_actor`` chooses among several and guards (a person named by a
       synonym only needs a person-like entry; a country needs a code of that country);
    2. an entry whose codes are all the bare code of one known country (``[AZE]``) adds its spellings to it;
    3. an entry with a dated code, or a code ending in ELI/GOV, and a 2-4 word name without an
       organisation word (``stance.lang.en.ORGANISATION_WORDS``) is a new person (slug id, country from the latest code,
       ``affiliation`` roles: ``of`` = country + GOV for GOV codes, else the code); a person created
       earlier in the batch and named again also gets the new entry's roles;
    4. any other entry with codes is a new organisation (kind from the first code, id the upper-cased slug).

    Entries that name no known actor and have no code, or whose name is a bare title ("US Vice President"),
    are left out, as are spellings that are bare titles. No id of the gazetteer is reused and no spelling
    already known (for any actor, any alias type) is emitted again.
    """
    return map_entries(entries, gazetteer)[0]


def write_extension(rows: dict[str, list[dict]], out_dir) -> None:
    """Write the non-empty files of ``rows`` (UTF-8 CSV) into ``out_dir``, created if needed."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, table in rows.items():
        if not table:
            continue
        columns = EXTENSION_FILES.get(name) or list(table[0])
        with (out / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(table)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m stance.actors.importers",
        description="Convert Phoenix/PETRARCH2 actor dictionaries into a gazetteer extension folder "
        "(read it with stance.actors.gazetteer.load(extra=DIR)).",
    )
    parser.add_argument("files", nargs="+", type=Path, help="Phoenix *.actors.txt files")
    parser.add_argument("-o", "--out", required=True, type=Path, help="output folder for the CSV files")
    parser.add_argument("-v", "--verbose", action="store_true", help="log each skipped line")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format="%(message)s")
    started = time.perf_counter()
    entries, skipped = PhoenixEntries(), 0
    for path in args.files:
        if not path.is_file():
            parser.error(f"no such file: {path}")
        found = read_phoenix(path)
        entries.extend(found)
        skipped += found.skipped
    rows, stats = map_entries(entries, load())
    write_extension(rows, args.out)
    print(f"entries read:                      {len(entries)}")
    print(f"aliases added to existing actors:  {stats.existing_aliases} "
          f"({stats.country_aliases} of them to countries, from place entries)")
    print(f"new people:                        {stats.new_people}")
    print(f"new organisations:                 {stats.new_organisations}")
    print(f"aliases merged into new actors:    {stats.merged_aliases}")
    print(f"entries left out (no code, title): {stats.unmapped}")
    print(f"skipped lines:                     {skipped}")
    print(f"wrote {', '.join(n for n, t in rows.items() if t) or 'nothing'} to {args.out} "
          f"in {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
