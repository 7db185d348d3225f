"""The public member directory as open data."""

from collections.abc import Iterable
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from bid.opendata import CsvFile, Dataset, last_changed, register
from members.enrolment.api import member_records
from members.enrolment.selectors import members_listed_publicly


def member_rows(request, language: str) -> Iterable[dict]:
    return member_records(request, members_listed_publicly())


def members_changed() -> datetime | None:
    return last_changed(members_listed_publicly())


register(
    Dataset(
        slug="members",
        order=40,
        name=_("Member directory"),
        description=_(
            "The member organisations that chose to appear in the public "
            "directory, with what the directory shows."
        ),
        files=(
            CsvFile(
                slug="members",
                label=_("Member directory as CSV"),
                row=_("One member organisation, by name."),
                columns=("name", "type", "city", "website", "description", "logo_url"),
                rows=member_rows,
            ),
        ),
        json=((_("Member directory as JSON"), "api-v1:member_list"),),
        changed=members_changed,
    )
)
