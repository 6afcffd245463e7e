"""`python -m validator.grammar`: write the LALR tables shipped with the package, after editing a grammar file."""

from pathlib import Path

from validator.build import citations, counts, datereader, entry, numbering, tally
from validator.parse.grammartables import write
from validator.parse.parsing import build_parser

FOLDER = Path(__file__).resolve().parent
print(write(build_parser(), FOLDER))
print(write(tally.build_parser(), FOLDER, tally.TABLES_FILE))
print(write(counts.build_parser(), FOLDER, counts.TABLES_FILE))
print(write(datereader.build_parser(), FOLDER, datereader.TABLES_FILE))
print(write(citations.build_parser(), FOLDER, citations.TABLES_FILE))
print(write(entry.build_parser(), FOLDER, entry.TABLES_FILE))
print(write(numbering.build_parser(), FOLDER, numbering.TABLES_FILE))
