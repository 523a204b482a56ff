"""The forms of an HTML page, read with the standard library's parser."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Field:
    name: str
    kind: str  # an <input> type, "select", "select-multiple" or "textarea"
    value: str = ""  # the value the page fills in (a text, the selected option)
    selected: list = field(default_factory=list)  # every checked box or selected option
    options: list = field(default_factory=list)  # select options, radio and checkbox values
    required: bool = False
    maxlength: int | None = None
    minimum: str = ""  # a number input's min


@dataclass
class Form:
    method: str
    action: str
    enctype: str
    fields: dict = field(default_factory=dict)  # name -> Field

    @property
    def has_files(self):
        return any(f.kind == "file" for f in self.fields.values())


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None
        self._select = None
        self._option = None  # [value or None, text, selected]
        self._textarea = None  # [Field, text parts]

    def handle_starttag(self, tag, attrs):
        attrs = {name: value if value is not None else "" for name, value in attrs}
        if tag == "form":
            self._form = Form(
                method=attrs.get("method", "get").lower(),
                action=attrs.get("action", ""),
                enctype=attrs.get("enctype", ""),
            )
            self.forms.append(self._form)
        if self._form is None or tag not in ("input", "select", "option", "textarea"):
            return
        if tag == "option" and self._select is not None:
            self._option = [attrs.get("value"), "", "selected" in attrs]
            return
        name = attrs.get("name")
        if not name or "disabled" in attrs:
            return
        maxlength = attrs.get("maxlength")
        common = {
            "required": "required" in attrs,
            "maxlength": int(maxlength) if maxlength and maxlength.isdigit() else None,
            "minimum": attrs.get("min", ""),
        }
        if tag == "input":
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "reset", "image"):
                return
            value = attrs.get("value", "on" if kind in ("checkbox", "radio") else "")
            existing = self._form.fields.get(name)
            if kind in ("checkbox", "radio"):
                if existing is None:
                    existing = self._form.fields[name] = Field(name, kind, **common)
                existing.options.append(value)
                if "checked" in attrs:
                    existing.value = value
                    existing.selected.append(value)
            else:
                self._form.fields[name] = Field(name, kind, value, **common)
        elif tag == "select":
            kind = "select-multiple" if "multiple" in attrs else "select"
            self._select = self._form.fields[name] = Field(name, kind, **common)
        elif tag == "textarea":
            self._textarea = [Field(name, "textarea", **common), []]
            self._form.fields[name] = self._textarea[0]

    def handle_data(self, data):
        if self._option is not None:
            self._option[1] += data
        elif self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "option" and self._option is not None:
            self._close_option()
        elif tag == "select":
            if self._option is not None:
                self._close_option()
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._textarea[1])
            # The parser keeps the newline that HTML drops after <textarea>.
            self._textarea[0].value = text[1:] if text.startswith("\n") else text
            self._textarea = None

    def _close_option(self):
        value, text, selected = self._option
        value = text.strip() if value is None else value
        self._select.options.append(value)
        if selected:
            self._select.value = value
            self._select.selected.append(value)
        self._option = None


def forms_of(html):
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms
