"""The evaluation report keeps the essentials of PDF/UA-1 (tests/monitoring/pdfua.py),
and that check fails where a PDF breaks them."""

import io

import pikepdf
import pytest
from weasyprint import HTML

from monitoring.report_pdf import PDF_VARIANT, render_report
from tests.monitoring import reporting
from tests.monitoring.pdfua import check_pdf

# The shared fixtures.
evaluation, media = reporting.evaluation, reporting.media

BODY = """
<h1>Informe</h1>
<p>Texto con <a href="#datos">un enlace</a> y <a href="https://example.org/">otro fuera</a>.</p>
<h2 id="datos">Datos</h2>
<table>
  <caption>Gasto por partida</caption>
  <thead><tr><th scope="col">Partida</th><th scope="col">Gasto</th></tr></thead>
  <tbody><tr><th scope="row">Viajes</th><td>48.200 €</td></tr></tbody>
</table>
<ul><li>Uno</li><li>Dos</li></ul>
<h3>Gráfico</h3>
<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20">
  <title>Gasto por partida</title><rect width="30" height="10" fill="#0b5cad"></rect>
</svg>
"""


def _pdf(body=BODY, *, lang="es", variant=PDF_VARIANT):
    html = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>Informe anual</title></head><body>{body}</body></html>"
    )
    return HTML(string=html).write_pdf(pdf_variant=variant)


def _edit(data, change):
    """The PDF after change(pdf), saved again."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def _failing(failures, words):
    return [failure for failure in failures if words in failure]


# The report.


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["es", "en"])
def test_the_report_keeps_the_rules_of_pdf_ua(evaluation, media, language):
    data, _pages = render_report(reporting.make_report(evaluation, language=language))

    failures = check_pdf(data, language=language)

    assert failures == []


# The check itself.


def test_a_tagged_document_passes():
    assert check_pdf(_pdf(), language="es") == []


def test_an_untagged_pdf_fails():
    failures = check_pdf(_pdf(variant=None), language="es")

    for words in (
        "/MarkInfo /Marked true",
        "No structure tree",
        "/Metadata",
        "dc:title",
        "/DisplayDocTitle",
    ):
        assert _failing(failures, words), (words, failures)


def test_the_language_must_be_the_reports():
    assert check_pdf(_pdf(lang="en"), language="en") == []
    assert check_pdf(_pdf(lang="en"), language="es") == [
        "The document's /Lang is 'en', not the report's language 'es'."
    ]


def test_the_pdf_ua_identification_and_the_title_are_needed():
    def strip(pdf):
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            del xmp["pdfuaid:part"]
            del xmp["dc:title"]
        del pdf.docinfo["/Title"]
        pdf.Root.ViewerPreferences.DisplayDocTitle = False

    failures = check_pdf(_edit(_pdf(), strip), language="es")

    assert len(failures) == 4, failures
    for words in ("pdfuaid:part", "dc:title", "information has no /Title", "/DisplayDocTitle"):
        assert _failing(failures, words), (words, failures)


def test_a_figure_needs_an_alternative_text():
    failures = check_pdf(_pdf(BODY.replace("<title>Gasto por partida</title>", "")))

    assert failures == ["1 /Figure element(s) without alternative text (/Alt), on page 1."]


def test_heading_levels_are_not_skipped():
    failures = check_pdf(_pdf("<h1>Uno</h1><p>Texto</p><h3>Tres</h3><h2>Dos</h2>"))

    assert failures == ["Heading level skipped: /H3 after /H1, on page 1."]
    assert check_pdf(_pdf("<h2>Dos</h2><p>Texto</p>")) == [
        "Heading level skipped: /H2 as the first heading, on page 1."
    ]


def test_a_table_needs_header_cells():
    failures = check_pdf(_pdf("<h1>Uno</h1><table><tr><td>a</td><td>1</td></tr></table>"))

    assert failures == ["A /Table on page 1 has no header cells (/TH)."]


def test_links_need_a_description_and_a_place_in_the_structure():
    def untag_links(pdf):
        for annotation in pdf.pages[0].Annots:
            del annotation["/Contents"]
            del annotation["/StructParent"]

    failures = check_pdf(_edit(_pdf(), untag_links))

    assert failures == [
        "Links without a description (/Contents): 2 links on page 1.",
        "Annotations not in the structure tree (no /Link or /Annot element with an OBJR to "
        "them): 2 annotations on page 1.",
    ]


def test_content_outside_tags_and_artifacts_is_found():
    def draw_untagged(pdf):
        pdf.pages[0].contents_add(b"q 0 0 m 100 100 l S Q", prepend=False)

    failures = check_pdf(_edit(_pdf(), draw_untagged))

    assert failures == ["Content neither tagged nor marked as an artifact: 1 operation on page 1."]


def test_fonts_must_be_embedded():
    def unembed(pdf):
        for font in pdf.pages[0].Resources.Font.values():
            descriptor = font.DescendantFonts[0].FontDescriptor
            for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                if key in descriptor:
                    del descriptor[key]

    failures = check_pdf(_edit(_pdf(), unembed))

    assert len(failures) == 1 and failures[0].startswith("Fonts not embedded: "), failures
