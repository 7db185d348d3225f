"""Content Security Policy: strict on the site, relaxed where Wagtail's admin needs."""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware

# Wagtail's admin still executes inline scripts and applies inline styles;
# everything outside /admin/ keeps the strict policy from settings.
ADMIN_PREFIX = "/admin/"
ADMIN_RELAXATION = {"script-src": [UNSAFE_INLINE], "style-src": [UNSAFE_INLINE]}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(ADMIN_PREFIX):
            parts.update = {**ADMIN_RELAXATION, **(parts.update or {})}
        return parts
