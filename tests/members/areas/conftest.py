import datetime

import pytest
from django.utils import timezone

from members.areas import services
from members.organisations.models import Organisation
from tests.factories.accounts import BoardUserFactory, SecretariatUserFactory
from tests.factories.areas import area
from tests.factories.contributions import member
from tests.factories.organisations import PropertyFactory, organisation_with_admin


@pytest.fixture
def district(db):
    """Two areas. Kajen AB and Bostäder AB (members) and the police act in
    Centrum; only Bostäder AB acts in Hamnen. The municipality owns land."""
    kajen, kajen_user = member(legal_name="Kajen AB")
    bostader, bostader_user = member(legal_name="Bostäder AB", properties=())
    police, police_user = organisation_with_admin(
        legal_name="Polisen", type=Organisation.Type.PUBLIC_AGENCY
    )
    municipality, _ = organisation_with_admin(
        legal_name="Kommunen", type=Organisation.Type.MUNICIPALITY
    )
    centrum = area("Centrum", kajen, bostader, police)
    hamnen = area("Hamnen", bostader, west=11.96)
    PropertyFactory(owner=kajen, area="Centrum")
    PropertyFactory(owner=bostader, area="Hamnen")
    return {
        "kajen": kajen,
        "kajen_user": kajen_user,
        "bostader": bostader,
        "bostader_user": bostader_user,
        "police": police,
        "police_user": police_user,
        "municipality": municipality,
        "centrum": centrum,
        "hamnen": hamnen,
        "secretariat": SecretariatUserFactory(),
        "board": BoardUserFactory(),
    }


@pytest.fixture
def walk(district):
    """Yesterday's safety walk in Centrum, with Kajen AB and the police."""
    return services.walk_create(
        by=district["secretariat"],
        area=district["centrum"],
        date=timezone.localdate() - datetime.timedelta(days=1),
        route="Runt kvarteret",
        parties=[district["kajen"], district["police"]],
    )
