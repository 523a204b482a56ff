"""Hostile values, and hypothesis strategies that fill a parsed HTML form with them.

Each field of a form gets, independently, the value the page offers (or a
plausible one when the page leaves it empty), a hostile value chosen for its
kind of input, or nothing at all (the field is left out of the POST).
"""

import os
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Few examples per form: the forms are many and each example is a request.
# derandomize: CI draws the same examples on every run. BAD_INPUT_EXAMPLES
# raises the number for a deeper run by hand.
EXAMPLES = int(os.environ.get("BAD_INPUT_EXAMPLES", "15"))
settings.register_profile(
    "bad-input",
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    # Drawing 10,000-character strings for forms of thirty fields takes a while.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
BAD_INPUT = settings.get_profile("bad-input")

# Markup that must never reach a page unescaped; UNESCAPED holds what each
# looks like when it does.
XSS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
)
UNESCAPED = ("<script>alert(", "<img src=x onerror", "<svg onload")
JAVASCRIPT_URL = "javascript:alert(1)"

TEXTS = (
    *XSS,
    JAVASCRIPT_URL,
    "a" * 10_000,
    "ñ" * 5_000,  # two bytes each in UTF-8
    "🦄🔥" * 2_000,  # four bytes each, outside the basic plane
    "\u202eevil\u202c",  # right-to-left override
    "عربي עברית",
    "a\x00b",  # PostgreSQL refuses NUL in text
    "\x00",
    "\u200b",  # zero-width space
    "e\u0301" * 100,  # combining accents
    "   ",
    "\r\n\t",
    "'; DROP TABLE clusters_cluster; --",
    "' OR '1'='1",
    "%s%s%n%x",
    "{{ 7|add:7 }}{% debug %}",
    "../../../../etc/passwd",
    "\\",
)
NUMBERS = (
    "-1",
    "0",
    "-0",
    "1e308",
    "-1e308",
    "1e-308",
    "100000000000000000000",  # 10**20
    "9" * 40,
    "NaN",
    "Infinity",
    "-inf",
    "3.14159265358979323846264338327950288",
    "1,5",
    "1.000.000,00",
    "١٢٣",  # Arabic-Indic digits: int() reads them
    "²",  # a digit to str.isdigit(), not to int()
    "0x10",
    "1_000",
)
DATES = (
    "2025-02-30",
    "0000-00-00",
    "99999-01-01",
    "0001-01-01",
    "9999-12-31",
    "2025-13-01",
    "31/02/2025",
    "2025-02-28T25:61",
    "1e308",
)
DATETIMES = (
    "2025-02-30T10:00",
    "0001-01-01T00:00",  # before year 1 once in UTC
    "9999-12-31T23:59",
    "2025-06-01T25:00",
    "99999-01-01T00:00",
    "2025-06-01",
)
MONTHS = ("2025-13", "0000-00", "99999-01", "0001-01", "9999-12", "2025-02-30")
EMAILS = ("a@b", "@", "x" * 300 + "@example.org", "a@example.org\r\nBcc: b@example.org")
URLS = (
    JAVASCRIPT_URL,
    "data:text/html,<script>alert(1)</script>",
    "http://" + "a" * 10_000 + ".es",
    "http://[::1",
    "//evil.example/",
)
# Where a form sends people next: an open redirect if followed.
NEXT_URLS = ("https://evil.example/", "//evil.example/", JAVASCRIPT_URL, "/\\evil.example")
CHOICES = ("999999999999", "99999999999999999999999", "-1", "0", "", "\x00", "²", ",")
# Formset management fields and other hidden integers.
HIDDEN = ("-1", "1000000", "99999999999999999999", "abc", "")

PDF = b"%PDF-1.7\n%bad-input\n"


def plausible_upload():
    return SimpleUploadedFile("document.pdf", PDF, content_type="application/pdf")


def bad_uploads():
    """Bad files for any upload field: the name, the content or the size is wrong."""
    return {
        "wrong-type": SimpleUploadedFile("document.exe", b"MZ\x90\x00", "application/x-msdownload"),
        "disguised": SimpleUploadedFile(
            "document.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"
        ),
        "empty": SimpleUploadedFile("document.pdf", b"", "application/pdf"),
        "no-name": SimpleUploadedFile(".pdf", PDF, "application/pdf"),
    }


TEXT_KINDS = {"text", "textarea", "search", "password", "email", "url", "tel"}
OMIT = object()  # the field is left out of the submission


def plausible(field):
    """What a person might send for the field: the page's value, else something valid."""
    kind = field.kind
    if kind in ("checkbox", "select-multiple"):
        return list(field.selected)
    if kind in ("radio", "select"):
        choices = [option for option in field.options if option]
        return field.value or (choices[0] if choices else "")
    if kind == "file":
        return plausible_upload() if field.required else OMIT
    if field.value:
        return field.value
    today = date.today()
    return {
        "number": field.minimum or "1",
        "date": today.isoformat(),
        "month": today.strftime("%Y-%m"),
        "datetime-local": f"{today.isoformat()}T10:00",
        "email": "bad-input@example.org",
        "url": "https://example.org/",
        "password": "Una-contraseña-larga-2025",
        "hidden": "",
    }.get(kind, "Prueba")


def as_sent(field):
    """What a browser sends for the field as the page fills it in; a required field
    left blank gets a plausible value."""
    if field.kind in ("checkbox", "select-multiple"):
        return list(field.selected)
    if field.kind == "file" or (field.required and not field.value):
        return plausible(field)
    if field.kind == "select" and not field.selected:
        return field.options[0] if field.options else ""
    return field.value


def hostile(field):
    """Hostile values for the field's kind of input."""
    kind, name = field.kind, field.name
    texts = st.sampled_from(TEXTS) | st.text(max_size=50)
    if name == "csrfmiddlewaretoken":
        return st.just(field.value)
    if name == "next":
        return st.sampled_from(NEXT_URLS)
    if kind == "hidden":
        return st.sampled_from(HIDDEN) | texts
    if kind == "number":
        return st.sampled_from(NUMBERS) | texts
    if kind == "date":
        return st.sampled_from(DATES) | texts
    if kind == "datetime-local":
        return st.sampled_from(DATETIMES) | texts
    if kind == "month":
        return st.sampled_from(MONTHS) | texts
    if kind == "email":
        return st.sampled_from(EMAILS) | texts
    if kind == "url":
        return st.sampled_from(URLS) | texts
    if kind in ("select", "radio"):
        return st.sampled_from(CHOICES) | texts
    if kind in ("checkbox", "select-multiple"):
        valid = [option for option in field.options if option]
        wrong = st.sampled_from(CHOICES) | texts
        return (
            st.lists(wrong | st.sampled_from(valid), min_size=1, max_size=3)
            if valid
            else (st.lists(wrong, min_size=1, max_size=3))
        )
    if kind == "file":
        return st.sampled_from(sorted(bad_uploads())).map(lambda name: bad_uploads()[name])
    return texts


def field_value(field):
    """Mostly what the page offers, often hostile, sometimes missing."""
    if field.name == "csrfmiddlewaretoken":
        return st.just(field.value)
    return st.one_of(
        st.just(plausible(field)) if field.kind != "file" else st.builds(lambda: plausible(field)),
        hostile(field),
        st.just(OMIT),
    )


def xss_value(field):
    """A plausible value, or markup in a free-text field that can hold it."""
    if field.kind in ("text", "textarea", "search") and field.name != "csrfmiddlewaretoken":
        fitting = [p for p in XSS if field.maxlength is None or len(p) <= field.maxlength]
        if fitting:
            return st.sampled_from(fitting) | st.just(plausible(field))
    if field.kind == "file":
        return st.builds(lambda: plausible(field))
    return st.just(plausible(field))


def submissions(form):
    """Hostile submissions of a parsed form, and plausible ones carrying markup: the
    second kind is often saved, and the saved markup must come back escaped."""
    fields = list(form.fields.values())
    hostile_data = st.fixed_dictionaries({f.name: field_value(f) for f in fields})
    xss_data = st.fixed_dictionaries({f.name: xss_value(f) for f in fields})
    return st.one_of(
        st.tuples(st.just("hostile"), hostile_data), st.tuples(st.just("xss"), xss_data)
    ).map(lambda pair: (pair[0], {k: v for k, v in pair[1].items() if v is not OMIT}))
