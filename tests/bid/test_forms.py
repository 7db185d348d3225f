"""Record choices refuse ids of any size with a form error, never a 500."""

import pytest
from django.core.exceptions import ValidationError

from bid.forms import RecordChoiceField, RecordMultipleChoiceField
from members.organisations.models import Organisation
from tests.factories.organisations import organisation_with_admin

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


def test_one_record_with_a_huge_id_is_an_invalid_choice():
    organisation, _ = organisation_with_admin()
    field = RecordChoiceField(queryset=Organisation.objects.all())

    assert field.clean(str(organisation.pk)) == organisation
    with pytest.raises(ValidationError) as refused:
        field.clean(HUGE)
    assert refused.value.code == "invalid_choice"


def test_several_records_with_a_huge_id_are_refused():
    organisation, _ = organisation_with_admin()
    field = RecordMultipleChoiceField(queryset=Organisation.objects.all())

    assert list(field.clean([str(organisation.pk)])) == [organisation]
    with pytest.raises(ValidationError) as refused:
        field.clean([str(organisation.pk), HUGE])
    assert refused.value.code == "invalid_pk_value"
