"""The demo district's auditor (audit.toml): the revisor chosen by the annual
meeting, given read access to the years in the file by the secretariat, and a
few pages already opened so the board's log has something to show. Through
the services; loading twice adds nothing."""

from bid import demo
from members.accounts import demo as people
from members.auditing import services
from members.auditing.models import AuditorGrant, AuditView


def load() -> None:
    spec = demo.data(__file__, "audit")
    auditor = people.person(spec["auditor"])
    if AuditorGrant.objects.filter(user=auditor).exists():
        return
    services.grant_create(
        by=people.person(spec["given_by"]),
        email=auditor.email,
        first_year=spec["first_year"],
        last_year=spec["last_year"],
        note=spec["note"],
    )
    if not AuditView.objects.filter(user=auditor).exists():
        for opened in spec["opened"]:
            services.view_record(
                user=auditor,
                path=opened["path"],
                year=opened.get("year"),
                status=200,
            )
