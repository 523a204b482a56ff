"""A check of the essentials of PDF/UA-1 (ISO 14289-1) that a machine can read
in a PDF, built on pikepdf.

No full validator can be installed from the registries the project reaches
(veraPDF ships on none of them), so this covers the rules that matter for the
evaluation report, and that a tagged PDF from WeasyPrint can break:

- the file says it is tagged (/MarkInfo /Marked true, not /Suspects) and has a
  structure tree with a parent tree;
- it is identified as PDF/UA-1 in its XMP metadata (pdfuaid:part = 1);
- its language (/Lang) is set, and is the report's;
- its title is in the document information and in the XMP metadata, and a
  viewer shows the title, not the file name (/DisplayDocTitle true);
- every structure type is a standard one or is role-mapped to one;
- every figure has an alternative text (/Alt or /ActualText);
- tables are in rows and cells, and have header cells (TH) which the data
  cells find either by /Scope or by /Headers and /ID;
- lists are in items; headings do not skip a level (H1, then H2, then H3);
- every font is embedded;
- the page content is marked: text, paths and images are either in a marked
  sequence of the structure tree (MCID) or an /Artifact, and every MCID is in
  the parent tree;
- every link annotation has a /Contents and is in the structure tree (a /Link
  element with an OBJR to it), and pages with annotations have /Tabs /S.

check_pdf(data, language="es") returns the failures as sentences; an empty list
means none of these rules is broken (not that the file is fully PDF/UA-1).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf

# The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4), which PDF/UA-1
# builds on; any other type must be role-mapped to one of them.
# fmt: off
STANDARD_TYPES = frozenset([
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT",
    "WP", "Figure", "Formula", "Form",
])
# fmt: on
HEADINGS = {f"H{level}": level for level in range(1, 7)}
# Where some structure elements may stand (their parent's type).
ALLOWED_PARENTS = {
    "TR": {"Table", "THead", "TBody", "TFoot"},
    "TH": {"TR"},
    "TD": {"TR"},
    "THead": {"Table"},
    "TBody": {"Table"},
    "TFoot": {"Table"},
    "LI": {"L"},
    "LBody": {"LI"},
    "Lbl": {"LI"},
}
# Operators that put something on the page: text, painted paths, shadings,
# external objects (images, forms). Inline images come as their own instruction.
TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}
PAINT_OPERATORS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do"}
# How many places a failure names before it says "and N more".
SHOWN = 5


@dataclass
class _Element:
    """A structure element in document order, with what the checks need."""

    obj: pikepdf.Dictionary
    type: str  # the standard type it stands for (role map applied)
    raw_type: str
    parent_type: str | None
    page: int | None  # 1-based, the first page it is on, if known


def check_pdf(source: bytes | str | Path, *, language: str | None = None) -> list[str]:
    """The PDF/UA-1 failures of the PDF (its bytes or its path), as sentences.

    language: the language the document must declare (its primary subtag is
    compared: "es" matches "es" and "es-ES")."""
    if isinstance(source, bytes | bytearray):
        pdf = pikepdf.open(io.BytesIO(source))
    else:
        pdf = pikepdf.open(source)
    with pdf:
        return _Checker(pdf, language).run()


class _Checker:
    def __init__(self, pdf: pikepdf.Pdf, language: str | None):
        self.pdf = pdf
        self.language = language
        self.root = pdf.Root
        self.failures: list[str] = []
        self.page_numbers = {page.objgen: number for number, page in enumerate(pdf.pages, 1)}

    def fail(self, message: str) -> None:
        self.failures.append(message)

    def run(self) -> list[str]:
        self.check_marked()
        self.check_metadata()
        self.check_language()
        self.check_fonts()
        tree = self.root.get("/StructTreeRoot")
        if not isinstance(tree, pikepdf.Dictionary):
            self.fail("No structure tree (/StructTreeRoot): the PDF is not tagged.")
            return self.failures
        parent_tree = self.read_parent_tree(tree)
        elements = list(self.walk(tree))
        if not elements:
            self.fail("The structure tree is empty.")
        self.check_types(elements)
        self.check_figures(elements)
        self.check_tables(elements)
        self.check_lists(elements)
        self.check_headings(elements)
        self.check_content(parent_tree)
        self.check_annotations(parent_tree)
        return self.failures

    # The catalogue and the metadata.

    def check_marked(self) -> None:
        mark_info = self.root.get("/MarkInfo")
        if not isinstance(mark_info, pikepdf.Dictionary) or not bool(
            mark_info.get("/Marked", False)
        ):
            self.fail("The catalogue has no /MarkInfo /Marked true: the PDF does not say it is "
                      "tagged.")  # fmt: skip
        elif bool(mark_info.get("/Suspects", False)):
            self.fail("/MarkInfo /Suspects is true: the tags are not to be trusted.")

    def check_metadata(self) -> None:
        info_title = str(self.pdf.docinfo.get("/Title", "")).strip()
        if "/Metadata" not in self.root:
            self.fail("No XMP metadata stream in the catalogue (/Metadata).")
            xmp_title, part = "", None
        else:
            with self.pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
                xmp_title = str(xmp.get("dc:title", "") or "").strip()
                part = xmp.get("pdfuaid:part")
            if str(part or "").strip() != "1":
                self.fail(f"The XMP metadata does not identify the file as PDF/UA-1 "
                          f"(pdfuaid:part is {part!r}, not '1').")  # fmt: skip
        if not xmp_title:
            self.fail("The XMP metadata has no document title (dc:title).")
        if not info_title:
            self.fail("The document information has no /Title.")
        preferences = self.root.get("/ViewerPreferences")
        if not isinstance(preferences, pikepdf.Dictionary) or not bool(
            preferences.get("/DisplayDocTitle", False)
        ):
            self.fail("/ViewerPreferences /DisplayDocTitle is not true: viewers show the file "
                      "name instead of the title.")  # fmt: skip

    def check_language(self) -> None:
        declared = str(self.root.get("/Lang", "")).strip()
        if not declared:
            self.fail("The catalogue has no /Lang: the document's language is not declared.")
            return
        if not re.fullmatch(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", declared):
            self.fail(f"The document's /Lang {declared!r} is not a language tag.")
        if self.language and _primary(declared) != _primary(self.language):
            self.fail(f"The document's /Lang is {declared!r}, not the report's language "
                      f"{self.language!r}.")  # fmt: skip

    def check_fonts(self) -> None:
        missing = set()
        for font in self.fonts():
            if not _embedded(font):
                missing.add(str(font.get("/BaseFont", "(no name)")))
        if missing:
            self.fail(f"Fonts not embedded: {', '.join(sorted(missing))}.")

    def fonts(self) -> Iterator[pikepdf.Dictionary]:
        seen_resources, seen_fonts = set(), set()
        pending = [page.obj.get("/Resources") for page in self.pdf.pages]
        while pending:
            resources = pending.pop()
            if not isinstance(resources, pikepdf.Dictionary):
                continue
            if resources.is_indirect:
                if resources.objgen in seen_resources:
                    continue
                seen_resources.add(resources.objgen)
            fonts = resources.get("/Font")
            for font in fonts.values() if isinstance(fonts, pikepdf.Dictionary) else ():
                key = font.objgen if font.is_indirect else id(font)
                if key not in seen_fonts:
                    seen_fonts.add(key)
                    yield font
                    if font.get("/Subtype") == "/Type3":
                        pending.append(font.get("/Resources"))
            xobjects = resources.get("/XObject")
            for xobject in xobjects.values() if isinstance(xobjects, pikepdf.Dictionary) else ():
                if xobject.get("/Subtype") == "/Form":
                    pending.append(xobject.get("/Resources"))
            patterns = resources.get("/Pattern")
            for pattern in patterns.values() if isinstance(patterns, pikepdf.Dictionary) else ():
                if isinstance(pattern, pikepdf.Stream):
                    pending.append(pattern.get("/Resources"))

    # The structure tree.

    def read_parent_tree(self, tree: pikepdf.Dictionary) -> dict[int, pikepdf.Object]:
        parent_tree = tree.get("/ParentTree")
        if not isinstance(parent_tree, pikepdf.Dictionary):
            self.fail("The structure tree has no /ParentTree: content cannot be traced back to "
                      "its structure element.")  # fmt: skip
            return {}
        entries: dict[int, pikepdf.Object] = {}
        pending, seen = [parent_tree], set()
        while pending:
            node = pending.pop()
            if node.is_indirect:
                if node.objgen in seen:
                    continue
                seen.add(node.objgen)
            numbers = node.get("/Nums")
            if isinstance(numbers, pikepdf.Array):
                for index in range(0, len(numbers) - 1, 2):
                    entries[int(numbers[index])] = numbers[index + 1]
            kids = node.get("/Kids")
            if isinstance(kids, pikepdf.Array):
                pending.extend(kid for kid in kids if isinstance(kid, pikepdf.Dictionary))
        return entries

    def walk(self, tree: pikepdf.Dictionary) -> Iterator[_Element]:
        """The structure elements in document order (depth first)."""
        role_map = tree.get("/RoleMap")
        role_map = role_map if isinstance(role_map, pikepdf.Dictionary) else {}
        seen = set()
        # (object, parent's standard type, inherited page)
        pending: list[tuple[pikepdf.Object, str | None, int | None]] = [
            (kid, None, None) for kid in reversed(_kids(tree))
        ]
        while pending:
            obj, parent_type, page = pending.pop()
            if not isinstance(obj, pikepdf.Dictionary) or "/S" not in obj:
                continue  # an MCID, an MCR or an OBJR: content, not an element
            if obj.is_indirect:
                if obj.objgen in seen:
                    self.fail("The structure tree has a loop or an element with two parents.")
                    continue
                seen.add(obj.objgen)
            raw_type = str(obj.S).lstrip("/")
            own_page = self.page_of(obj) or page
            element = _Element(
                obj=obj,
                type=_resolve(raw_type, role_map),
                raw_type=raw_type,
                parent_type=parent_type,
                page=own_page,
            )
            yield element
            pending.extend((kid, element.type, own_page) for kid in reversed(_kids(obj)))

    def page_of(self, obj: pikepdf.Dictionary) -> int | None:
        page = obj.get("/Pg")
        if isinstance(page, pikepdf.Dictionary) and page.is_indirect:
            return self.page_numbers.get(page.objgen)
        return None

    def check_types(self, elements: list[_Element]) -> None:
        unknown = Counter(e.raw_type for e in elements if e.type not in STANDARD_TYPES)
        if unknown:
            listed = ", ".join(f"/{name} ({count})" for name, count in sorted(unknown.items()))
            self.fail(f"Structure types neither standard nor role-mapped to a standard one: "
                      f"{listed}.")  # fmt: skip
        misplaced = Counter(
            (e.type, e.parent_type)
            for e in elements
            if e.type in ALLOWED_PARENTS and e.parent_type not in ALLOWED_PARENTS[e.type]
        )
        for (child, parent), count in sorted(misplaced.items(), key=str):
            allowed = " or ".join(f"/{name}" for name in sorted(ALLOWED_PARENTS[child]))
            self.fail(f"{count} /{child} element(s) inside /{parent} instead of {allowed}.")

    def check_figures(self, elements: list[_Element]) -> None:
        missing = [
            e
            for e in elements
            if e.type == "Figure" and not (_text(e.obj, "/Alt") or _text(e.obj, "/ActualText"))
        ]
        if missing:
            self.fail(f"{len(missing)} /Figure element(s) without alternative text (/Alt), "
                      f"{_where(missing)}.")  # fmt: skip

    def check_tables(self, elements: list[_Element]) -> None:
        for table in (e for e in elements if e.type == "Table"):
            cells = [e for e in self.descendants(table.obj) if e.type in ("TH", "TD")]
            headers = [e for e in cells if e.type == "TH"]
            data = [e for e in cells if e.type == "TD"]
            where = f"on page {table.page}" if table.page else "(page unknown)"
            if not cells:
                self.fail(f"A /Table {where} has no /TH or /TD cells.")
                continue
            if not headers:
                self.fail(f"A /Table {where} has no header cells (/TH).")
                continue
            ids = {_text(e.obj, "/ID") for e in headers} - {""}
            unscoped = [e for e in headers if not _attribute(e.obj, "/Scope")]
            unlinked = [e for e in data if not _attribute(e.obj, "/Headers")]
            if unscoped and unlinked:
                self.fail(f"A /Table {where}: {len(unscoped)} /TH without /Scope and "
                          f"{len(unlinked)} /TD without /Headers, so the header of a cell "
                          f"cannot be found.")  # fmt: skip
            dangling = {
                str(name)
                for e in data
                for name in _names(_attribute(e.obj, "/Headers"))
                if str(name) not in ids
            }
            if dangling:
                shown = ", ".join(sorted(dangling)[:SHOWN])
                self.fail(f"A /Table {where}: /Headers name cells that are not its /TH: "
                          f"{shown}.")  # fmt: skip

    def descendants(self, obj: pikepdf.Dictionary) -> Iterator[_Element]:
        """The elements under obj, without entering nested tables."""
        pending = list(reversed(_kids(obj)))
        while pending:
            kid = pending.pop()
            if not isinstance(kid, pikepdf.Dictionary) or "/S" not in kid:
                continue
            kind = str(kid.S).lstrip("/")
            yield _Element(kid, kind, kind, None, self.page_of(kid))
            if kind != "Table":
                pending.extend(reversed(_kids(kid)))

    def check_lists(self, elements: list[_Element]) -> None:
        for list_ in (e for e in elements if e.type == "L"):
            items = [k for k in _kids(list_.obj) if isinstance(k, pikepdf.Dictionary) and "/S" in k]
            if not any(str(k.S) == "/LI" for k in items):
                where = f"on page {list_.page}" if list_.page else "(page unknown)"
                self.fail(f"A list (/L) {where} has no items (/LI).")

    def check_headings(self, elements: list[_Element]) -> None:
        headings = [e for e in elements if e.type in HEADINGS or e.type == "H"]
        if any(e.type == "H" for e in headings) and any(e.type in HEADINGS for e in headings):
            self.fail("The document mixes /H and numbered headings (/H1 to /H6).")
        previous = 0
        for heading in headings:
            level = HEADINGS.get(heading.type)
            if level is None:
                continue
            if level > previous + 1:
                after = f"after /H{previous}" if previous else "as the first heading"
                where = f"on page {heading.page}" if heading.page else "(page unknown)"
                self.fail(f"Heading level skipped: /H{level} {after}, {where}.")
            previous = level

    # The pages.

    def check_content(self, parent_tree: dict[int, pikepdf.Object]) -> None:
        untagged: dict[int, int] = {}
        not_in_tree: dict[int, int] = {}
        for number, page in enumerate(self.pdf.pages, 1):
            mcids, loose = _marked_content(page)
            if loose:
                untagged[number] = loose
            if not mcids:
                continue
            key = page.obj.get("/StructParents")
            entry = parent_tree.get(int(key)) if key is not None else None
            if not isinstance(entry, pikepdf.Array):
                not_in_tree[number] = len(mcids)
                continue
            lost = [
                mcid
                for mcid in mcids
                if mcid >= len(entry) or not isinstance(entry[mcid], pikepdf.Dictionary)
            ]
            if lost:
                not_in_tree[number] = len(lost)
        if untagged:
            self.fail(f"Content neither tagged nor marked as an artifact: "
                      f"{_per_page(untagged, 'operation')}.")  # fmt: skip
        if not_in_tree:
            self.fail(f"Marked content (MCID) not found in the parent tree: "
                      f"{_per_page(not_in_tree, 'sequence')}.")  # fmt: skip

    def check_annotations(self, parent_tree: dict[int, pikepdf.Object]) -> None:
        no_contents, not_tagged, no_tabs = {}, {}, []
        for number, page in enumerate(self.pdf.pages, 1):
            annotations = page.obj.get("/Annots")
            if not isinstance(annotations, pikepdf.Array) or not len(annotations):
                continue
            if page.obj.get("/Tabs") != pikepdf.Name("/S"):
                no_tabs.append(number)
            for annotation in annotations:
                subtype = annotation.get("/Subtype")
                if subtype == "/Popup":
                    continue
                if subtype == "/Link" and not _text(annotation, "/Contents"):
                    no_contents[number] = no_contents.get(number, 0) + 1
                if not self.annotation_tagged(annotation, parent_tree):
                    not_tagged[number] = not_tagged.get(number, 0) + 1
        if no_contents:
            self.fail(f"Links without a description (/Contents): "
                      f"{_per_page(no_contents, 'link')}.")  # fmt: skip
        if not_tagged:
            self.fail(f"Annotations not in the structure tree (no /Link or /Annot element with "
                      f"an OBJR to them): {_per_page(not_tagged, 'annotation')}.")  # fmt: skip
        if no_tabs:
            self.fail(f"Pages with annotations but no /Tabs /S (tab order of the structure): "
                      f"{_pages(no_tabs)}.")  # fmt: skip

    def annotation_tagged(self, annotation, parent_tree) -> bool:
        key = annotation.get("/StructParent")
        element = parent_tree.get(int(key)) if key is not None else None
        if not isinstance(element, pikepdf.Dictionary):
            return False
        expected = "/Link" if annotation.get("/Subtype") == "/Link" else None
        if expected and element.get("/S") != expected:
            return False
        return any(
            isinstance(kid, pikepdf.Dictionary)
            and kid.get("/Type") == "/OBJR"
            and kid.get("/Obj") is not None
            and kid.Obj.is_indirect
            and annotation.is_indirect
            and kid.Obj.objgen == annotation.objgen
            for kid in _kids(element)
        )


def _marked_content(page: pikepdf.Page) -> tuple[set[int], int]:
    """The MCIDs of the page's content stream, and how many text or painting
    operations stand outside any tagged sequence or artifact."""
    properties = page.obj.get("/Resources", {}).get("/Properties", {})
    mcids: set[int] = set()
    loose = 0
    stack: list[bool] = []  # per open sequence: does it cover its content?
    for instruction in pikepdf.parse_content_stream(page):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            loose += not any(stack)
            continue
        operator = str(instruction.operator)
        operands = instruction.operands
        if operator in ("BMC", "BDC"):
            tag = str(operands[0]) if operands else ""
            props = operands[1] if operator == "BDC" and len(operands) > 1 else None
            if isinstance(props, pikepdf.Name):
                props = properties.get(props)
            mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
            if mcid is not None:
                mcids.add(int(mcid))
            stack.append(tag == "/Artifact" or mcid is not None)
        elif operator == "EMC":
            if stack:
                stack.pop()
        elif (operator in TEXT_OPERATORS or operator in PAINT_OPERATORS) and not any(stack):
            loose += 1
    return mcids, loose


def _kids(obj: pikepdf.Dictionary) -> list[pikepdf.Object]:
    kids = obj.get("/K")
    if kids is None:
        return []
    if isinstance(kids, pikepdf.Array):
        return list(kids)
    return [kids]


def _resolve(kind: str, role_map) -> str:
    seen = set()
    while kind not in STANDARD_TYPES and f"/{kind}" in role_map and kind not in seen:
        seen.add(kind)
        kind = str(role_map[f"/{kind}"]).lstrip("/")
    return kind


def _text(obj: pikepdf.Dictionary, key: str) -> str:
    value = obj.get(key)
    return str(value).strip() if value is not None else ""


def _attribute(obj: pikepdf.Dictionary, key: str):
    """An attribute of the element, in its /A dictionary (or any of its /A array)."""
    attributes = obj.get("/A")
    if attributes is None:
        return None
    for owner in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
        if isinstance(owner, pikepdf.Dictionary) and key in owner:
            value = owner[key]
            if isinstance(value, pikepdf.Array) and not len(value):
                return None
            return value
    return None


def _names(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, pikepdf.Array) else [value]


def _embedded(font: pikepdf.Dictionary) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # its glyphs are content streams of the file
    if font.get("/Subtype") == "/Type0":
        descendants = font.get("/DescendantFonts")
        if not isinstance(descendants, pikepdf.Array) or not len(descendants):
            return False
        font = descendants[0]
    descriptor = font.get("/FontDescriptor")
    return isinstance(descriptor, pikepdf.Dictionary) and any(
        key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
    )


def _primary(tag: str) -> str:
    return tag.split("-")[0].lower()


def _where(elements: list[_Element]) -> str:
    pages = sorted({e.page for e in elements if e.page})
    return f"on {_pages(pages)}" if pages else "on pages unknown"


def _pages(pages: list[int]) -> str:
    shown = ", ".join(str(p) for p in pages[:SHOWN])
    more = f" and {len(pages) - SHOWN} more" if len(pages) > SHOWN else ""
    return f"page{'s' if len(pages) > 1 else ''} {shown}{more}"


def _per_page(counts: dict[int, int], what: str) -> str:
    total = sum(counts.values())
    return f"{total} {what}{'s' if total != 1 else ''} on {_pages(sorted(counts))}"
