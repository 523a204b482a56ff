"""The reports panel of an evaluation's page: `{% report_panel evaluation %}`.

Included by templates/monitoring/reports/_panel.html, so the evaluation page
needs nothing but the evaluation in its context; one query reads every
version with who requested it.
"""

from django import template
from django.conf import settings
from django.urls import reverse

from monitoring import reports as report_services
from monitoring.models import ACTIVE_REPORT_STATUSES, ReportStatus

register = template.Library()


@register.inclusion_tag("monitoring/reports/_panel_body.html", takes_context=True)
def report_panel(context, evaluation):
    request = context.get("request")
    user = getattr(request, "user", None)
    versions = list(
        evaluation.reports.select_related("requested_by").order_by("language", "-version")
    )
    can_request = bool(user and user.has_perm(report_services.REQUEST))
    languages = []
    for code, name in settings.LANGUAGES:
        rows = [report for report in versions if report.language == code]
        latest = rows[0] if rows else None
        for report in rows:
            # A failed version is tried again from the newest one only, and
            # not while another version is on its way.
            report.can_retry = (
                can_request and report is latest and report.status == ReportStatus.FAILED
            )
            # The page's script follows the jobs still on their way.
            report.status_url = (
                reverse("monitoring:report_status", args=[report.pk])
                if report.status in ACTIVE_REPORT_STATUSES
                else ""
            )
        languages.append({"code": code, "name": name, "reports": rows})
    return {
        "evaluation": evaluation,
        "languages": languages,
        "any_active": any(report.status in ACTIVE_REPORT_STATUSES for report in versions),
        "has_snapshot": report_services.has_snapshot(evaluation),
        "can_request": can_request,
        "can_download": bool(user and user.has_perm(report_services.DOWNLOAD)),
        "next": request.get_full_path() if request else "",
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }
