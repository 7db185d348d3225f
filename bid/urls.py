from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from bid import api_errors, pwa, views
from bid.api import api
from home import opendata
from home import views as home_views
from members.contributions.views import stripe_webhook
from search import views as search_views

# The refusal's reason and what to do next, instead of a bare 403.
handler403 = "bid.errors.permission_denied"
# Below /api/ these answer JSON; elsewhere Django's own pages.
handler400 = "bid.errors.bad_request"
handler500 = "bid.errors.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # At the root, so that the worker may answer for every page of the site.
    path("sw.js", pwa.service_worker, name="service_worker"),
    # Board and secretariat sign in where members do: one login with two-factor
    # authentication and rate limits, instead of Wagtail's own form.
    path("admin/login/", views.admin_login, name="wagtailadmin_login_redirect"),
    # Wagtail's own password reset would mail reset links without allauth's
    # rate limits: every reset goes through the one rate-limited form.
    re_path(
        r"^admin/password_reset/",
        RedirectView.as_view(pattern_name="account_reset_password"),
        name="wagtailadmin_password_reset_redirect",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("stripe/webhook/", stripe_webhook, name="stripe_webhook"),
    # /api/v1/… and the pages at /api/v2/pages/…, described in one OpenAPI document.
    path("api/", api.urls),
    # Anything else below /api/ (/api/v1/meetings/abc/) answers JSON, not HTML.
    re_path(r"^api/.+$", api_errors.not_found, name="api_not_found"),
    # Machine-readable files keep one address whatever the visitor's language.
    path("open-data/<slug:slug>.csv", opendata.dataset_csv, name="open_data_csv"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("accounts/", include("members.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("portal/", include("members.urls", namespace="portal")),
    path("search/", search_views.search, name="search"),
    path("api/", views.api_reference, name="api_reference"),
    path("open-data/", opendata.open_data, name="open_data"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("offline/", pwa.offline, name="offline"),
    path(
        "charts/indicators/<int:indicator_id>.svg",
        home_views.indicator_chart,
        name="indicator_chart",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
