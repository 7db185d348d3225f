from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from bid.params import id_or_none
from bid.ratelimit import ratelimit
from members.notifications import followables, selectors, services
from members.notifications.forms import PreferencesForm
from members.notifications.messages import message_for, title_for

LIST_LIMIT = 200


@login_required
def notification_list(request):
    notifications = list(selectors.notifications_for(request.user)[:LIST_LIMIT])
    groups: dict = {}
    for notification in notifications:
        event = notification.event
        key = f"{event.content_type_id}-{event.object_id}"
        group = groups.setdefault(
            key,
            {
                "key": key,
                "label": title_for(event),
                "category": event.get_category_display(),
                "unread": 0,
                "items": [],
            },
        )
        group["unread"] += notification.read_at is None
        group["items"].append(
            {
                "notification": notification,
                "message": message_for(event),
                "actor": event.actor.display_name if event.actor else "",
            }
        )
    return TemplateResponse(
        request,
        "notifications/list.html",
        {
            "groups": list(groups.values()),
            "unread": sum(g["unread"] for g in groups.values()),
        },
    )


@login_required
def notification_open(request, pk):
    notification = get_object_or_404(selectors.notifications_for(request.user), pk=pk)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    target = services.localized_url(notification.event.url, get_language())
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return redirect("portal:notifications")
    return HttpResponseRedirect(target)


@login_required
@require_POST
def notifications_read(request):
    key = request.POST.get("subject", "")
    type_id, _sep, object_id = key.partition("-")
    if key and not (id_or_none(type_id) and id_or_none(object_id)):
        messages.error(request, _("Those notifications could not be found."))
        return redirect("portal:notifications")
    count = services.notifications_mark_read(user=request.user, subject_key=key)
    if count:
        messages.success(request, _("Marked as read."))
    return redirect("portal:notifications")


@login_required
def notification_settings(request):
    current = selectors.preferences_of(request.user)
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        services.preferences_save(user=request.user, choices=form.cleaned_data)
        messages.success(request, _("Your notification settings are saved."))
        return redirect("portal:notification_settings")
    following = selectors.follows_of(request.user)
    return TemplateResponse(
        request,
        "notifications/settings.html",
        {"form": form, "following": following},
    )


@login_required
@require_POST
@ratelimit("follow")
def follow(request):
    try:
        pk = int(request.POST.get("pk", ""))
    except ValueError:
        pk = 0
    subject = followables.followable(
        user=request.user, kind=request.POST.get("kind", ""), pk=pk
    )
    now_following = services.follow_toggle(user=request.user, subject=subject)
    messages.success(
        request,
        (
            _("You follow “%(subject)s”: news of it reaches your notifications.")
            if now_following
            else _("You no longer follow “%(subject)s”.")
        )
        % {"subject": subject},
    )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("portal:notification_settings")
    return HttpResponseRedirect(target)


# The token is the credential: mail clients post the one-click unsubscribe
# (RFC 8058) without a session or CSRF token.
@csrf_exempt
def digest_unsubscribe(request, token):
    try:
        user = services.user_from_unsubscribe_token(token)
    except (signing.BadSignature, ObjectDoesNotExist, KeyError, TypeError):
        # Tampered with, or the account is gone: the link is not valid.
        return TemplateResponse(
            request, "notifications/unsubscribe.html", {"invalid": True}, status=400
        )
    done = False
    if request.method == "POST":
        services.digest_unsubscribe(user=user)
        done = True
    return TemplateResponse(
        request,
        "notifications/unsubscribe.html",
        {"done": done, "email": user.email},
    )
