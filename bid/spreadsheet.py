"""CSV cells that spreadsheet programs show as text and never run as formulas."""

# A cell starting with one of these is run as a formula, so it gets an
# apostrophe (OWASP's advice). Used by the admin exports and the open data files.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
