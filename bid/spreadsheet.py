"""CSV cells that spreadsheet programs show as text and never run as formulas."""

import csv
import re

from django.http import HttpResponse

# A cell starting with one of these is run as a formula, so it gets an
# apostrophe (OWASP's advice). Used by the admin exports and the open data files.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Spreadsheet programs split on other characters than the file's comma: Nordic
# Excel splits on ";", some imports on tabs or commas, and a pasted cell on its
# line breaks. Each piece such a split could start (spaces skipped, as imports
# that trim do) is neutralised too, so `Äger kontor;=1+1` never yields `=1+1`.
SPLIT_AT = ";,\t\r\n"
_PIECE_STARTING_A_FORMULA = re.compile(
    "(^|["
    + re.escape(SPLIT_AT)
    + "])( *)(?=["
    + re.escape("".join(FORMULA_STARTS))
    + "])"
)


def text_cell(value) -> str:
    """The text with an apostrophe before every piece that would start a formula."""
    text = "" if value is None else str(value)
    return _PIECE_STARTING_A_FORMULA.sub(r"\1\2'", text)


def csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    """A CSV download spreadsheet programs open as UTF-8 (it starts with a byte
    order mark). Text cells must already have passed through `text_cell`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response
