"""Ids read from request text: a malformed or out-of-range id is no id, never
a ValueError or a database overflow (a server error)."""

MAX_ID = 2**31 - 1


def id_or_none(value) -> int | None:
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 10:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None
