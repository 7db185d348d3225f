"""Every form renders in Designsystemet's pattern (bid/templates/forms/): a
label above each input, "(optional)" on what may be left empty, hints and the
one error linked by aria-describedby, an error summary linking to the fields,
and no "---------" choice."""

import re

import pytest
from django import forms
from django.utils import translation
from lxml import html

from bid.forms import fit_inputs
from members.accounts.forms import DeleteAccountForm
from members.areas.forms import ReportForm
from members.areas.models import Area, Colour
from members.organisations.forms import OrganisationForm, PropertyForm
from members.organisations.models import Organisation
from members.proposals.forms import ProposalForm
from tests.factories.organisations import organisation_with_admin

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def rendered(form) -> html.HtmlElement:
    return html.fragment_fromstring(str(form), create_parent="div")


def with_class(element, name: str) -> list:
    return element.xpath(
        f'.//*[contains(concat(" ", normalize-space(@class), " "), " {name} ")]'
    )


def test_each_label_is_above_its_input_and_points_at_it():
    doc = rendered(PropertyForm())
    for name in ("designation", "street_address", "gross_floor_area_m2"):
        field = doc.get_element_by_id(f"id_{name}")
        wrapper = field.getparent()
        label = wrapper.find("label")
        assert label.get("for") == f"id_{name}"
        assert "ds-label" in label.get("class")
        assert "ds-input" in field.get("class")
        children = list(wrapper)
        assert children.index(label) < children.index(field)


def test_labels_are_in_sentence_case_without_a_trailing_colon():
    doc = rendered(OrganisationForm())
    labels = [label.text_content().strip() for label in doc.iter("label", "legend")]
    assert labels
    for text in labels:
        assert not text.endswith(":"), text
        assert text[0] == text[0].upper(), text
    assert "Website (optional)" in labels


def test_optional_fields_say_so_and_required_ones_are_marked_required():
    doc = rendered(PropertyForm())
    optional = doc.xpath('.//label[@for="id_assessed_value_minor"]')[0]
    assert optional.text_content().strip() == "Assessed value (optional)"
    required = doc.xpath('.//label[@for="id_designation"]')[0]
    assert "optional" not in required.text_content()
    assert doc.get_element_by_id("id_designation").get("required") is not None
    assert doc.get_element_by_id("id_assessed_value_minor").get("required") is None


def test_the_hint_is_linked_to_its_input():
    doc = rendered(PropertyForm())
    hint = doc.get_element_by_id("id_designation_helptext")
    assert "land register" in hint.text_content()
    described = doc.get_element_by_id("id_designation").get("aria-describedby")
    assert "id_designation_helptext" in described.split()


def test_one_error_per_field_linked_to_the_invalid_input():
    form = PropertyForm(data={"designation": "", "gross_floor_area_m2": "0"})
    doc = rendered(form)

    field = doc.get_element_by_id("id_gross_floor_area_m2")
    assert field.get("aria-invalid") == "true"
    error = doc.get_element_by_id("id_gross_floor_area_m2_error")
    assert "ds-validation-message" in error.get("class")
    assert error.text_content() == "The gross floor area must be at least 1 m²."
    assert "id_gross_floor_area_m2_error" in field.get("aria-describedby").split()

    designation = doc.get_element_by_id("id_designation")
    assert designation.get("aria-describedby").split() == [
        "id_designation_helptext",
        "id_designation_error",
    ]
    assert len(with_class(doc, "ds-validation-message")) == len(form.errors)
    assert doc.get_element_by_id("id_street_address").get("aria-invalid") == "true"
    assert doc.get_element_by_id("id_area").get("aria-invalid") == "true"
    assert doc.get_element_by_id("id_assessed_value_minor").get("aria-invalid") is None


def test_the_error_summary_heads_the_form_and_links_each_error_to_its_field():
    form = PropertyForm(data={"designation": "", "gross_floor_area_m2": "0"})
    doc = rendered(form)

    summary = with_class(doc, "ds-error-summary")[0]
    assert doc[0] is summary  # before every field
    assert summary.get("tabindex") == "-1"
    assert summary.get("autofocus") is not None
    heading = summary.find("h2")
    assert summary.get("aria-labelledby") == heading.get("id")
    links = {a.get("href"): a.text_content() for a in summary.xpath(".//li/a")}
    assert set(links) == {f"#id_{name}" for name in form.errors}
    assert links["#id_gross_floor_area_m2"].endswith(
        "The gross floor area must be at least 1 m²."
    )
    for href in links:
        assert doc.get_element_by_id(href[1:]) is not None


def test_no_summary_on_a_form_without_errors():
    assert not with_class(rendered(PropertyForm()), "ds-error-summary")
    assert with_class(rendered(PropertyForm(data={})), "ds-error-summary")


def test_the_summary_links_a_radio_list_to_its_first_option_and_a_form_error_shows():
    class Choice(forms.Form):
        colour = forms.ChoiceField(
            label="Colour",
            choices=[("", "---------"), ("red", "Red"), ("green", "Green")],
            widget=forms.RadioSelect,
        )

        def clean(self):
            raise forms.ValidationError("Something belongs to no field.")

    form = Choice(data={})
    fit_inputs(form)
    doc = rendered(form)
    summary = with_class(doc, "ds-error-summary")[0]
    assert "Something belongs to no field." in summary.text_content()
    assert [a.get("href") for a in summary.xpath(".//a")] == ["#id_colour_0"]
    assert doc.get_element_by_id("id_colour_0").get("value") == "red"

    fieldset = with_class(doc, "ds-fieldset")[0]
    assert fieldset.find("legend").text_content().strip() == "Colour"
    assert fieldset.get("aria-describedby") == "id_colour_error"


def test_a_radio_list_offers_no_blank_choice():
    # The colour is a model field without a default: Django's own choices
    # would start with a blank "---------" radio.
    form = ReportForm(
        organisations=Organisation.objects.none(), areas=Area.objects.none()
    )
    doc = rendered(form)
    radios = doc.xpath('.//input[@name="colour"]')
    assert [radio.get("value") for radio in radios] == [c for c, _ in Colour.choices]
    assert "---------" not in doc.text_content()
    # Each radio is labelled, the list by its fieldset's legend.
    for radio in radios:
        assert doc.xpath(f'.//label[@for="{radio.get("id")}"]')
    assert radios[0].getparent().getparent().tag == "fieldset"
    assert doc.xpath(".//fieldset/legend")[0].text_content().strip() == "Status"


def test_a_required_choice_of_one_comes_chosen_and_longer_ones_ask_to_choose():
    organisation, _admin = organisation_with_admin()
    form = ProposalForm(
        organisations=Organisation.objects.filter(pk=organisation.pk),
        priorities=Organisation.objects.none(),
    )
    doc = rendered(form)
    options = doc.get_element_by_id("id_organisation").xpath("./option")
    assert [(o.get("value"), o.get("selected")) for o in options] == [
        (str(organisation.pk), "selected")
    ]
    assert "---------" not in str(form)

    doc = rendered(PropertyForm())
    first = doc.get_element_by_id("id_use_category").xpath("./option")[0]
    assert first.get("value") == ""
    assert first.text_content() == "Choose…"


def test_a_required_choice_list_is_read_once_for_both_its_check_and_its_options(
    django_assert_num_queries,
):
    class Pick(forms.Form):
        organisation = forms.ModelChoiceField(
            queryset=Organisation.objects.order_by("pk")
        )

    first, _admin = organisation_with_admin()
    second, _admin = organisation_with_admin()
    with django_assert_num_queries(1):
        form = Pick()
        fit_inputs(form)
        doc = rendered(form)
    options = doc.get_element_by_id("id_organisation").xpath("./option")
    assert [(o.get("value"), o.text_content()) for o in options] == [
        ("", "Choose…"),
        (str(first.pk), first.legal_name),
        (str(second.pk), second.legal_name),
    ]

    # A list set anew afterwards is read anew.
    form.fields["organisation"].queryset = Organisation.objects.filter(pk=second.pk)
    options = rendered(form).get_element_by_id("id_organisation").xpath("./option")
    assert [o.get("value") for o in options] == ["", str(second.pk)]


def test_inputs_fit_their_data():
    doc = rendered(OrganisationForm())

    def attrs(name):
        return doc.get_element_by_id(f"id_{name}").attrib

    assert attrs("legal_name")["autocomplete"] == "organization"
    assert attrs("org_number")["inputmode"] == "numeric"
    assert "input--w12" in attrs("org_number")["class"]
    assert attrs("postal_code")["autocomplete"] == "postal-code"
    assert "input--w8" in attrs("postal_code")["class"]
    assert attrs("invoice_email")["inputmode"] == "email"
    assert attrs("invoice_email")["autocomplete"].endswith("email")

    amount = rendered(PropertyForm()).get_element_by_id("id_assessed_value_minor")
    # Text, not type=number: "1 250 000,50" must reach the server.
    assert amount.get("type") == "text"
    assert amount.get("inputmode") == "decimal"
    assert "input--w12" in amount.get("class")


def test_a_lone_checkbox_sits_before_its_label_and_files_are_plain_inputs():
    doc = rendered(DeleteAccountForm(data={}))
    box = doc.get_element_by_id("id_confirm")
    wrapper = box.getparent()
    assert wrapper.index(box) < wrapper.index(wrapper.find("label"))
    assert box.get("aria-describedby") == "id_confirm_error"

    logo = rendered(OrganisationForm()).get_element_by_id("id_logo")
    assert logo.get("type") == "file"
    assert re.search(r"\bds-input\b", logo.get("class"))
