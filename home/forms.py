"""Admin forms of the plan and the activity report."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReorderPrioritiesForm(forms.Form):
    """A rank for every priority and the reason for the change."""

    rationale = forms.CharField(
        label=_("Rationale"),
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Why the ranking changes, e.g. the decision that changed it. "
            "Shown publicly in the history of the priority list."
        ),
    )

    def __init__(self, *args, priorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.priorities = priorities
        choices = [(str(rank), str(rank)) for rank in range(1, len(priorities) + 1)]
        rank_fields = {}
        for rank, priority in enumerate(priorities, start=1):
            rank_fields[self.field_name(priority)] = forms.TypedChoiceField(
                label=priority.title,
                choices=choices,
                coerce=int,
                initial=str(rank),
            )
        # Ranks first, in the current order, then the rationale.
        self.fields = {**rank_fields, "rationale": self.fields["rationale"]}

    @staticmethod
    def field_name(priority) -> str:
        return f"rank_{priority.pk}"

    def clean(self):
        cleaned = super().clean()
        ranks = [cleaned.get(self.field_name(p)) for p in self.priorities]
        if None in ranks:
            return cleaned
        if sorted(ranks) != list(range(1, len(self.priorities) + 1)):
            raise forms.ValidationError(_("Give each priority a different rank."))
        if ranks == list(range(1, len(self.priorities) + 1)):
            raise forms.ValidationError(_("The order is the same as before."))
        return cleaned

    def ordered_ids(self) -> list[int]:
        by_rank = sorted(
            self.priorities,
            key=lambda priority: self.cleaned_data[self.field_name(priority)],
        )
        return [priority.pk for priority in by_rank]


class AnnualReportForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        help_text=_("The year the activity report tells about."),
    )
