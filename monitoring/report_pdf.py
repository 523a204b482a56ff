"""The evaluation report as a tagged, accessible PDF (PDF/UA), drawn by WeasyPrint
from the report's context (monitoring.report_content)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from monitoring.report_content import report_context

# Tagged and accessible: structure, document title and language in the file.
PDF_VARIANT = "pdf/ua-1"


def render_report(report):
    """The report as PDF bytes and its number of pages, in the report's language."""
    from weasyprint import HTML

    with translation.override(report.language):
        html = render_to_string("monitoring/pdf/report.html", report_context(report))
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(pdf_variant=PDF_VARIANT)
    pages = len(document.pages)
    return document.write_pdf(pdf_variant=PDF_VARIANT), pages
