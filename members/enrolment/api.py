"""The public member directory as JSON: only members that chose to be listed,
with what the directory page shows and nothing more."""

from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import Field

from bid.api_errors import CHOICE, ERRORS
from members.enrolment.selectors import members_listed_publicly

router = Router(tags=["members"])


class MemberFilter(Schema):
    type: str | None = Field(
        None,
        pattern=CHOICE,
        description=(
            "property_owner, housing_company, business, municipality, "
            "public_agency or association"
        ),
    )


class MemberOut(Schema):
    name: str
    type: str = Field(description="The kind of organisation, as in the filter")
    city: str
    website: str
    description: str
    logo_url: str | None


def member_records(request, organisations) -> list[dict]:
    """The directory's fields of each organisation, shared by the JSON and the CSV."""
    return [
        {
            "name": organisation.legal_name,
            "type": organisation.type,
            "city": organisation.city,
            "website": organisation.website,
            "description": organisation.public_description,
            "logo_url": request.build_absolute_uri(organisation.logo.url)
            if organisation.logo
            else None,
        }
        for organisation in organisations
    ]


@router.get(
    "/",
    response={200: list[MemberOut], **ERRORS},
    summary="The public member directory",
)
@paginate(LimitOffsetPagination)
def member_list(request, filters: Query[MemberFilter]):
    """Member organisations that chose to appear in the public directory, by
    name; filter by type."""
    return member_records(request, members_listed_publicly(type=filters.type))
