"""`python -m validator.grammar`: write the LALR tables shipped with the package, after editing a grammar file."""

from pathlib import Path

from validator.parse.grammartables import write
from validator.parse.parsing import build_parser

print(write(build_parser(), Path(__file__).resolve().parent))
