"""The admin page where a reviewer inspects an object of a workflow (an
application, a proposal) with its history, and takes the next step."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from wagtail.admin.views.generic.models import InspectView

from bid.forms import add_errors


class ReviewView(InspectView):
    """Wagtail's inspect view of one object of a review queue, its steps so far
    (`transitions`) and a decision form (`form_name` in the template). A
    decision the service refuses is shown on the form with its reasons."""

    page_title = ""
    form_class = None
    form_name = "review_form"

    def get_review_queryset(self):
        raise NotImplementedError(
            "subclasses of ReviewView must provide get_review_queryset()"
        )

    def decide(self, form) -> str:
        """Take the step the valid form asks for; return the message to show."""
        raise NotImplementedError("subclasses of ReviewView must provide decide()")

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_review_queryset(), pk=self.pk)

    def get_page_title(self):
        return str(self.page_title)

    def get_form(self, data=None):
        return self.form_class(data)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "transitions": self.object.transitions.all(),
                self.form_name: kwargs.get(self.form_name) or self.get_form(),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                message = self.decide(form)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, message)
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(**{self.form_name: form}))
