"""The list pages' template tags: the fields of their filter forms
(includes/filter_form.html) and the labels of their rows' choices.

crispy-forms renders each field through a dozen nested templates, and Django each
option of a select through a template include of its own (some 40 µs an
option): the filters of a list, with a select of every district, broker or
cluster, cost more than its table of 25 rows and made the lists slower than
the admin's change lists. Here a field is written in one pass of Python with
the markup crispy's Bootstrap 5 template gives it, and a select (of any kind:
model choices, yes/no, sorting) from the options Django computes for it, which
are selected included.
"""

from functools import cache

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape, format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
# Widgets crispy lays out otherwise (a check box beside its label, radio buttons,
# file inputs, several inputs in one): left to crispy.
CRISPY_ONLY = (forms.CheckboxInput, forms.RadioSelect, forms.FileInput, forms.MultiWidget)


def _text(value):
    """A value written as {{ value }} writes it."""
    return conditional_escape(localize(value))


def _attrs(attrs):
    """HTML attributes as django/forms/widgets/attrs.html writes them."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class SelectRenderer(DjangoTemplates):
    """Django's form renderer, but a select is written here as Django's select
    and option templates write it; every other widget through its template."""

    def render(self, template_name, context, request=None):
        if template_name != SELECT or any(
            option["template_name"] != OPTION
            for _name, options, _index in context["widget"]["optgroups"]
            for option in options
        ):
            return super().render(template_name, context, request)
        widget = context["widget"]
        html = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(f'<optgroup label="{_text(group_name)}">')
            html.extend(
                f'<option value="{escape(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_text(option['label'])}</option>"
                for option in options
            )
            if group_name:
                html.append("</optgroup>")
        html.append("</select>")
        return mark_safe("\n".join(html))  # noqa: S308 - every name, value and label is escaped


RENDERER = SelectRenderer()


@register.simple_tag
def filter_field(field):
    """A bound field of a filter form as crispy's bootstrap5/field.html writes it:
    label, widget with Bootstrap's classes, errors, help text."""
    widget = field.field.widget
    if field.is_hidden or isinstance(widget, CRISPY_ONLY):
        return as_crispy_field(field)
    field.form.renderer = RENDERER  # its selects written in Python
    # The classes crispy adds: the widget's own name, Bootstrap's, and its error mark.
    own = widget.attrs.get("class", "")
    name = widget.__class__.__name__.lower()
    classes = [own, "" if name in own else name]
    classes.append("form-select" if isinstance(widget, forms.Select) else "form-control")
    if field.errors:
        classes.append("is-invalid")
    required = field.field.required
    label = ""
    if field.label:
        label = format_html(
            '<label{} class="form-label{}">{}{}</label>',
            format_html(' for="{}"', field.id_for_label) if field.id_for_label else "",
            " requiredField" if required else "",
            field.label,
            mark_safe('<span class="asteriskField">*</span>') if required else "",
        )
    errors = ""
    if field.errors:
        errors = format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            field.auto_id,
            format_html_join(
                "",
                '<p id="error_{}_{}"><strong>{}</strong></p>',
                ((number, field.auto_id, error) for number, error in enumerate(field.errors, 1)),
            ),
        )
    help_text = ""
    if field.help_text:
        help_text = format_html(
            '<div id="{}_helptext" class="form-text">{}</div>', field.auto_id, field.help_text
        )
    return format_html(
        '<div id="div_{}" class="mb-3">{}{}{}{}</div>',
        field.auto_id,
        label,
        field.as_widget(attrs={"class": " ".join(c for c in classes if c)}),
        errors,
        help_text,
    )


@cache
def _labels(field):
    return dict(field.flatchoices)


@register.filter
def display(obj, name):
    """obj.get_<name>_display() for a field of fixed choices, from a dict of them
    made once: Django's makes it anew on each call, translating every label to
    hash it (some 30 µs, and a row of a list has several). The label is still
    translated into the active language when written."""
    field = obj._meta.get_field(name)
    value = getattr(obj, field.attname)
    return _labels(field).get(value, value)
