"""The answer to an action posted from a page that is then shown again: a
button, or a one-field form whose errors are told as messages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect


def reported(request, act, *, done, to, back=None, refused=ValidationError):
    """`act()` (a service call); the messages of a refusal it raises (a
    ValidationError, or what `refused` names) are shown as errors, anything
    else gives the success message `done`. Returns the redirect to `to`, or
    after a refusal to `back` (else `to`); `done` and `to` may be functions of
    what `act` returned."""
    try:
        result = act()
    except refused as error:
        for message in getattr(error, "messages", [str(error)]):
            messages.error(request, message)
        return redirect(back or to)
    messages.success(request, done(result) if callable(done) else done)
    return redirect(to(result) if callable(to) else to)
