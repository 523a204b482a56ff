"""Selects of hundreds of options (a district's organisations, its recent
memberships), cheap enough to render on every request.

Django renders each option of a select with a template include of its own, and
a ModelChoiceField builds a model instance per option through a server-side
cursor: some 0.15 ms an option, 300 ms of CPU for the quick-log form's 2,200
options at the large benchmark size. Here the options are one string of escaped
HTML written in Python, and the choices are read as rows of the few columns
their labels need. The field's queryset still bounds what can be chosen.
"""

from html import escape

from django import forms
from django.forms.models import ModelChoiceIterator
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe


def _html(text):
    """Escaped like {{ text }}: what is already safe stays as it is."""
    return text.__html__() if hasattr(text, "__html__") else escape(str(text))


class _LongSelectMixin:
    """Flat choices only: no option groups."""

    template_name = "core/widgets/long_select.html"

    def get_context(self, name, value, attrs):
        # Widget's context, not ChoiceWidget's: that one builds a dict per option
        # for the includes this widget does without.
        context = forms.Widget.get_context(self, name, value, attrs)
        widget = context["widget"]
        if self.allow_multiple_selected:
            widget["attrs"]["multiple"] = True
        widget["options"] = self.options_html(widget["value"])
        return context

    def options_html(self, values):
        """The <option> elements, those of `values` (strings) selected; a single
        select selects only the first that matches, as Django's does."""
        chosen = set(values)
        options = []
        for value, label in self.choices:
            value = "" if value is None else str(value)
            selected = value in chosen
            if selected and not self.allow_multiple_selected:
                chosen = ()
            options.append(
                f'<option value="{_html(value)}"{" selected" if selected else ""}>'
                f"{_html(label)}</option>"
            )
        return mark_safe("\n".join(options))  # noqa: S308 - every value and label is escaped

    def render(self, name, value, attrs=None, renderer=None):
        # With the project's templates: the form renderer only knows Django's.
        return render_to_string(self.template_name, self.get_context(name, value, attrs))


class LongSelect(_LongSelectMixin, forms.Select):
    pass


class LongSelectMultiple(_LongSelectMixin, forms.SelectMultiple):
    pass


class RowChoiceIterator(ModelChoiceIterator):
    """The choices of a ModelChoiceField read as rows, not model instances: the
    field names the columns of its labels (label_columns, lookups such as
    "organisation__legal_name" allowed) and builds a label from them
    (label_from_row). One plain query, no server-side cursor: the lists it is
    for fit in memory."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        key = self.field.to_field_name or "pk"
        rows = self.queryset.values_list(key, *self.field.label_columns)
        for value, *columns in rows:
            yield (value, self.field.label_from_row(*columns))
