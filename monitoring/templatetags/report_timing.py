"""How long a report took to render: `{{ report|report_duration }}`.

The time from the worker taking the job (started_at) to its end
(finished_at), in words; the status view (monitoring.report_views) gives the
same words to the page's script.
"""

from django import template
from django.utils.translation import ngettext

register = template.Library()


def duration_seconds(report):
    """Whole seconds from start to end of the render, None until it ended."""
    if report.started_at is None or report.finished_at is None:
        return None
    return max(0, round((report.finished_at - report.started_at).total_seconds()))


@register.filter
def report_duration(report):
    seconds = duration_seconds(report)
    if seconds is None:
        return ""
    minutes, seconds = divmod(seconds, 60)
    parts = []
    if minutes:
        parts.append(
            ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}
        )
    if seconds or not minutes:
        parts.append(
            ngettext("%(count)s second", "%(count)s seconds", seconds) % {"count": seconds}
        )
    return " ".join(parts)
