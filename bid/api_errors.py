"""What every operation of the public API documents: its error answers, the
range of its path ids and the form of its text filters."""

from typing import Annotated

from ninja import Path, Schema


class ErrorOut(Schema):
    detail: str


class InvalidOut(Schema):
    detail: list[dict]


# A record that is not public answers 404; a malformed parameter answers 422.
ERRORS = {404: ErrorOut, 422: InvalidOut}

# The int path converter matches digits only: saying so keeps the schema from
# promising an answer to /-1 (which no route matches).
PositiveId = Annotated[int, Path(ge=1)]

# Filters compared with the database are short names or choices: anything else
# (a NUL byte above all, which PostgreSQL refuses) answers 422.
SLUG = r"^[-a-zA-Z0-9_]{0,100}$"
CHOICE = r"^[a-z_]{0,50}$"
