"""Names entered once: the formulas that show the Criteria and Alternatives sheets' names
everywhere else in a template, the values they had when written, and what an empty one
means when the workbook is read.

Every label of a template's Performance, Comparisons, Weights, Requirements, experts'
and ``Alternatives <criterion>`` sheets is a formula copying a name from the Criteria
or Alternatives sheet (``=IF(Criteria!$A$4="","",Criteria!$A$4)``), so renaming "Lean"
in Alternatives renames it in every sheet when Excel or LibreOffice recalculates. A
few spare labels after the last name copy the next empty rows, so a criterion or an
alternative typed there appears everywhere too.

openpyxl writes formulas without the value a spreadsheet program would cache beside
them; :class:`Links` records the value each label formula has when the template is
written (the name it shows, or empty text), and :func:`save_linked` writes those
values into the file as Excel and LibreOffice do (``<v>`` with ``t="str"``), so that
the template reads back as its problem before any program has opened it.

:func:`formula_problem` words what an empty formula cell of a workbook being read
really means: no value cached at all (saved by a program that does not calculate
formulas), or a value calculated as empty text (the name it copies is empty, or is a
group whose values belong to its sub-criteria, or a sub-criterion compared on its own
sheet).

Examples
--------
>>> name_formula("Criteria", 4)
'=IF(Criteria!$A$4="","",Criteria!$A$4)'
>>> name_formula("Criteria", 4, "top")
'=IF(OR(Criteria!$A$4="",Criteria!$E$4<>""),"",Criteria!$A$4)'
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from mcda_iso.workbook.styles import save_workbook

__all__ = ["Links", "formula_problem", "name_formula", "save_linked"]

#: Spare labels after the last criterion or alternative of a pre-filled template.
SPARE = 3

_SIMPLE_TITLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")


def quote(title: str) -> str:
    """A sheet title as a formula refers to it: ``Criteria``, ``'Sub criteria'``."""
    if _SIMPLE_TITLE.match(title):
        return title
    return "'" + title.replace("'", "''") + "'"


def name_formula(sheet: str, row: int, level: str = "all", last_row: int = 21) -> str:
    """The formula showing the name in column A of ``row`` of ``sheet`` (empty text when
    that cell is empty).

    ``level`` (criteria only): ``"top"`` shows only a top-level criterion (empty
    ``parent`` in column E: the Comparisons sheet); ``"leaf"`` only a criterion that is
    nobody's parent (Performance, Requirements), looking for it in column E down to
    ``last_row``.
    """
    ref = f"{quote(sheet)}!$A${row}"
    hide = {
        "all": "",
        "top": f',{quote(sheet)}!$E${row}<>""',
        "leaf": f",SUMPRODUCT(--({quote(sheet)}!$E$2:$E${last_row}={ref}))>0",
    }[level]
    test = f'OR({ref}=""{hide})' if hide else f'{ref}=""'
    return f'=IF({test},"",{ref})'


@dataclass
class Links:
    """The value each label formula had when written (``cached``: sheet title -> cell ->
    text), for :func:`save_linked`; empty for a blank template (nothing calculated)."""

    cached: dict[str, dict[str, str]] = field(default_factory=dict)

    def put(self, ws: Worksheet, r: int, c: int, formula: str, shown: str | None) -> None:
        """Write ``formula`` as the label at (r, c), keeping its style; ``shown``: its value
        now (None: not cached)."""
        cell = ws.cell(r, c)
        cell.value = formula
        if shown is not None:
            self.cached.setdefault(ws.title, {})[cell.coordinate] = shown


def save_linked(wb: Workbook, path: str | os.PathLike[str], overwrite: bool, links: Links) -> Path:
    """Save ``wb`` (see :func:`~mcda_iso.workbook.styles.save_workbook`) with the values of
    its label formulas cached, as a spreadsheet program saves them."""
    return save_workbook(wb, path, overwrite, links.cached)


_REFERENCE = re.compile(r"('(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!\$A\$([0-9]+)")


def formula_problem(
    formula: str, calculated: bool, names: Mapping[str, Any], parents: Mapping[str, str]
) -> str:
    """What an empty formula cell means, for a message starting with its cell.

    Parameters
    ----------
    formula : str
        The cell's formula (``=IF(...)``).
    calculated : bool
        Whether a value was cached (empty text): the program that saved the file did
        calculate it. False: no value at all.
    names : mapping
        ``"Criteria!A7" -> value`` of the cells a label formula may copy.
    parents : mapping
        Criterion -> its parent (from the Criteria sheet).
    """
    if not calculated:
        return (
            f"holds the formula {formula} but no calculated value: the file was last saved by "
            "a program that does not calculate formulas (a script, for example): open it in "
            "Excel or LibreOffice and save it, or type the value instead"
        )
    match = _REFERENCE.search(formula)
    if match is None:
        return (
            f"holds the formula {formula}, which was calculated as empty text when the file "
            "was last saved: type the value instead"
        )
    title = match.group(1)
    title = title[1:-1].replace("''", "'") if title.startswith("'") else title
    source = f"{title}!A{match.group(2)}"
    name = names.get(source)
    if name is None or (isinstance(name, str) and not name.strip()):
        return (
            f"holds the formula {formula}, which shows nothing because {source}, the cell it "
            "copies a name from, is empty: type the name there, or clear this row or column"
        )
    name = str(name).strip()
    if "SUMPRODUCT" in formula and name in parents.values():
        return (
            f"holds the formula {formula}, which shows nothing because {name!r} ({source}) "
            "has sub-criteria now, and a criterion with sub-criteria has no column of its "
            f"own here: type these values in the columns of the sub-criteria of {name!r}"
        )
    if "$E$" in formula and name in parents:
        return (
            f"holds the formula {formula}, which shows nothing because {name!r} ({source}) is "
            f"a sub-criterion of {parents[name]!r}: it is compared with its siblings in the "
            f"sheet 'Sub-criteria {parents[name]}', not here; clear this row and column"
        )
    return (
        f"holds the formula {formula}, which was empty when the file was last calculated "
        f"although {source} holds {name!r}: open the file in Excel or LibreOffice, "
        "recalculate (Ctrl+Shift+F9) and save it"
    )


# --------------------------------------------------------------------------- linking


def _labels(ws: Worksheet, axis: str) -> list[str]:
    """The names in row 1 (from B) or column A (from row 2), up to the first empty one."""
    names: list[str] = []
    k = 2
    # the sheet's extent once: max_row and max_column scan every cell, and ws.cell() beyond
    # them would add cells
    limit = ws.max_column if axis == "row" else ws.max_row
    while k <= limit:
        value = ws.cell(1, k).value if axis == "row" else ws.cell(k, 1).value
        if not isinstance(value, str) or not value.strip() or value.startswith("="):
            return names
        names.append(value.strip())
        k += 1
    return names


def _is_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith("=")


def _names_sheet(wb: Workbook, names: list[str]) -> Worksheet | None:
    """The first sheet listing ``names`` in column A from row 2, in that order."""
    for ws in wb.worksheets:
        if names and _labels(ws, "col")[: len(names)] == names:
            return ws
    return None


def _grey_unnamed(ws: Worksheet, last_row: int, last_col: int) -> None:
    """Cells whose row or column has no name show grey (a 5-criteria decision shows a
    5 x 5 matrix however many rows the sheet has room for)."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.utils import get_column_letter

    from mcda_iso.workbook.styles import DERIVED_FILL

    if last_row < 2 or last_col < 2:
        return
    area = f"B2:{get_column_letter(last_col)}{last_row}"
    rule = FormulaRule(formula=['OR($A2="",B$1="")'], fill=DERIVED_FILL, stopIfTrue=False)
    ws.conditional_formatting.add(area, rule)


def _room_note(ws: Worksheet, text: str) -> None:
    from openpyxl.comments import Comment

    from mcda_iso.workbook.styles import AUTHOR

    old = ws["A1"].comment.text if ws["A1"].comment is not None else ""
    ws["A1"].comment = Comment(f"{old}\n\n{text}".strip(), AUTHOR, width=320, height=200)


def _room_for_names(ws: Worksheet) -> None:
    """A blank template's label formulas will show names nobody has typed yet: row 1
    wraps them on up to three lines and column A is wide enough for a long name, so a
    name is not cut at the next column."""
    from openpyxl.styles import Alignment

    heads = [c for c in range(2, ws.max_column + 1) if _is_formula(ws.cell(1, c).value)]
    for c in heads:
        cell = ws.cell(1, c)
        cell.alignment = Alignment(
            horizontal=cell.alignment.horizontal, vertical="top", wrap_text=True
        )
    if heads:
        ws.row_dimensions[1].height = max(ws.row_dimensions[1].height or 0, 48)
        corner = ws.cell(1, 1)
        corner.alignment = Alignment(vertical="top", wrap_text=corner.alignment.wrap_text)
    if ws.max_row >= 2 and _is_formula(ws.cell(2, 1).value):
        width = ws.column_dimensions["A"].width or 8
        ws.column_dimensions["A"].width = max(width, 28)
        _grey_unnamed(ws, ws.max_row, ws.max_column)  # rows (and columns) not named yet


def _extend_validation(ws: Worksheet, kind: str, refs: list[str]) -> None:
    """Add ``refs`` to the sheet's first data validation of ``kind`` ("list", "decimal")."""
    from mcda_iso.workbook.styles import add_refs

    for dv in ws.data_validations.dataValidation:
        if dv.type == kind:
            add_refs(dv, refs)
            return


def link_names(wb: Workbook, problem: Any, spare: int = SPARE) -> Links:
    """Turn a written template's labels into formulas copying the Criteria and
    Alternatives sheets' names, with ``spare`` labels more after the last of each.

    For a pre-filled template (``problem`` given): every criterion or alternative name
    written as a label (row 1 from B, column A from row 2) of Performance, the
    comparison sheets, Weights and Requirements becomes a formula copying it, and
    ``spare`` empty labels copy the next empty rows of Criteria and Alternatives, with
    their cells ready to fill (colour, number format, drop-down). For a blank template
    (``problem`` None) the labels are formulas already: only the notes and the grey of
    unnamed rows are added. Returns the values the formulas have now, to cache.
    """
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    from mcda_iso.workbook.styles import BOLD, DERIVED_FILL, HEADER_FILL, INPUT_FILL, style_cells

    links = Links()
    if problem is None:
        for ws in wb.worksheets:
            across = [ws.cell(1, c).value for c in range(2, ws.max_column + 1)]
            down = [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)]
            if across and across == down and all(_is_formula(v) for v in across):
                n = len(across)
                _room_note(
                    ws,
                    f"Room for {n} criteria: those in rows 2 to {n + 1} of the Criteria sheet. "
                    "AHP works best with at most about 9 per matrix: group more under a "
                    "parent (sub-criteria). To make room for more, run: mcda-iso template "
                    "NEW.xlsx --from THIS.xlsx",
                )
            _room_for_names(ws)
        return links
    every = [c.name for c in problem.all_criteria]
    alternatives = list(problem.alternative_names)
    crit_ws, alt_ws = _names_sheet(wb, every), _names_sheet(wb, alternatives)
    if crit_ws is None or alt_ws is None:
        return links
    crit_row = {name: k + 2 for k, name in enumerate(every)}
    alt_row = {name: k + 2 for k, name in enumerate(alternatives)}
    last = crit_ws.max_row
    spare_c = [len(every) + 2 + s for s in range(spare)]
    spare_a = [len(alternatives) + 2 + s for s in range(spare)]
    tops = list(problem.hierarchy.children(None))

    def crit(ws: Worksheet, r: int, c: int, row: int, level: str, shown: str) -> None:
        links.put(ws, r, c, name_formula(crit_ws.title, row, level, last), shown)

    def alt(ws: Worksheet, r: int, c: int, row: int, shown: str) -> None:
        links.put(ws, r, c, name_formula(alt_ws.title, row), shown)

    def label_style(ws: Worksheet, r: int, c: int) -> None:
        cell = ws.cell(r, c)
        cell.font, cell.fill = BOLD, HEADER_FILL

    for ws in wb.worksheets:
        if ws is crit_ws or ws is alt_ws:
            continue
        top_row, left = _labels(ws, "row"), _labels(ws, "col")
        if not left:
            continue
        c_set, a_set = set(crit_row), set(alt_row)
        if top_row and set(top_row) <= c_set and set(left) <= a_set:  # Performance
            for k, name in enumerate(top_row):
                crit(ws, 1, k + 2, crit_row[name], "leaf", name)
            for k, name in enumerate(left):
                alt(ws, k + 2, 1, alt_row[name], name)
            n, m = len(top_row), len(left)
            for s, row in enumerate(spare_c):
                crit(ws, 1, n + 2 + s, row, "leaf", "")
                label_style(ws, 1, n + 2 + s)
            for s, row in enumerate(spare_a):
                alt(ws, m + 2 + s, 1, row, "")
                label_style(ws, m + 2 + s, 1)
            spare_cells = [(r, c) for r in range(2, m + 2) for c in range(n + 2, n + 2 + spare)]
            spare_cells += [
                (r, c) for r in range(m + 2, m + 2 + spare) for c in range(2, n + 2 + spare)
            ]
            style_cells((ws.cell(r, c) for r, c in spare_cells), fill=INPUT_FILL)
            end = f"{get_column_letter(n + 1 + spare)}{m + 1 + spare}"
            new = [f"{get_column_letter(n + 2)}2:{end}", f"B{m + 2}:{end}"]
            _extend_validation(ws, "decimal", new)
            _grey_unnamed(ws, m + 1 + spare, n + 1 + spare)
        elif top_row == left and set(left) <= c_set:  # a comparison sheet of criteria
            level = "top" if left == tops else "all"
            rows = [crit_row[name] for name in left] + (spare_c if level == "top" else [])
            shown = left + [""] * (len(rows) - len(left))
            for k, (row, name) in enumerate(zip(rows, shown, strict=True)):
                for r, c in ((1, k + 2), (k + 2, 1)):
                    crit(ws, r, c, row, level, name)
                    label_style(ws, r, c)
            _spare_matrix(ws, len(left), len(rows), INPUT_FILL, DERIVED_FILL, Alignment)
            if level == "top":
                _room_note(
                    ws,
                    f"Room for {len(rows)} criteria: the {len(left)} of the Criteria sheet and "
                    f"{spare} more, typed in its next empty rows. To make room for more, run: "
                    "mcda-iso template NEW.xlsx --from THIS.xlsx",
                )
        elif top_row == left and set(left) <= a_set:  # alternatives compared pairwise
            rows = [alt_row[name] for name in left] + spare_a
            shown = left + [""] * spare
            for k, (row, name) in enumerate(zip(rows, shown, strict=True)):
                for r, c in ((1, k + 2), (k + 2, 1)):
                    alt(ws, r, c, row, name)
                    label_style(ws, r, c)
            corner = ws.cell(1, 1).value
            if isinstance(corner, str) and corner.strip() in crit_row:  # the criterion
                crit(ws, 1, 1, crit_row[corner.strip()], "all", corner.strip())
            _spare_matrix(ws, len(left), len(rows), INPUT_FILL, DERIVED_FILL, Alignment)
            _room_note(
                ws,
                f"Room for {len(rows)} alternatives: the {len(left)} of the Alternatives sheet "
                f"and {spare} more, typed in its next empty rows.",
            )
        elif set(left) <= c_set and not (set(top_row) & c_set):  # Weights, Requirements
            level = "all" if ws.max_column <= 2 else "leaf"
            for k, name in enumerate(left):
                crit(ws, k + 2, 1, crit_row[name], level, name)
            n = len(left)
            for s, row in enumerate(spare_c):
                crit(ws, n + 2 + s, 1, row, level, "")
                for c in range(2, ws.max_column + 1):
                    ws.cell(n + 2 + s, c).fill = INPUT_FILL
            last_col = get_column_letter(ws.max_column)
            _extend_validation(ws, "decimal", [f"B{n + 2}:{last_col}{n + 1 + spare}"])
    return links


def _spare_matrix(
    ws: Worksheet, named: int, slots: int, input_fill: Any, derived_fill: Any, alignment: Any
) -> None:
    """The judgment cells of the spare rows and columns of a comparison sheet: Text format,
    yellow above the diagonal, grey on and below it, with the judgment drop-down."""
    from openpyxl.utils import get_column_letter

    refs = []
    for i in range(slots):
        for j in range(slots):
            if i < named and j < named:
                continue
            cell = ws.cell(i + 2, j + 2)
            cell.number_format = "@"
            cell.alignment = alignment(horizontal="center")
            cell.fill = input_fill if i < j else derived_fill
            if i != j:
                refs.append(f"{get_column_letter(j + 2)}{i + 2}")
    _extend_validation(ws, "list", refs)
    _grey_unnamed(ws, slots + 1, slots + 1)


# --------------------------------------------------------------------------- reading

_SHEET = r"(?P<s>'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)"
_CELL = r"(?P=s)!\$A\$(?P=r)"
#: The three label formulas :func:`name_formula` writes (and nothing else).
_LABEL = re.compile(
    r"^=IF\((?:"
    rf"{_SHEET}!\$A\$(?P<r>[0-9]+)=\"\""
    rf"|OR\({_SHEET.replace('s>', 't>')}!\$A\$(?P<r2>[0-9]+)=\"\","
    r"(?:(?P=t)!\$E\$(?P=r2)<>\"\"(?P<top>)"
    r"|SUMPRODUCT\(--\((?P=t)!\$E\$2:\$E\$(?P<last>[0-9]+)=(?P=t)!\$A\$(?P=r2)\)\)>0)\)"
    r"),\"\",(?:(?P=s)|(?P=t))!\$A\$(?:(?P=r)|(?P=r2))\)$"
)


def copies_from(formula: str) -> str | None:
    """The title of the sheet a label formula of the template's copies a name from."""
    match = _LABEL.match(formula)
    if match is None:
        return None
    title = match.group("s") or match.group("t")
    return title[1:-1].replace("''", "'") if title.startswith("'") else title


def label_value(formula: str, lookup: Any) -> str | None:
    """The value of a label formula of the template's own (see :func:`name_formula`), as
    Excel calculates it, from the sheet it copies (``lookup(title)`` gives that sheet's
    :class:`~mcda_iso.workbook.cells.Sheet`, or None); None for any other formula.

    openpyxl saves a workbook without the values of its formulas, so a template filled in
    by a script would lose every name; these formulas are simple enough to read as a
    spreadsheet program would.
    """
    from mcda_iso.workbook.cells import cell_name

    match = _LABEL.match(formula)
    if match is None:
        return None
    title = match.group("s") or match.group("t")
    row = int(match.group("r") or match.group("r2"))
    if title.startswith("'"):
        title = title[1:-1].replace("''", "'")
    source = lookup(title)
    if source is None:
        return None
    name = cell_name(source.value(row, 1))
    if name is None:
        return ""
    if match.group("top") is not None and cell_name(source.value(row, 5)) is not None:
        return ""
    if match.group("last") is not None:
        last = int(match.group("last"))
        if any(cell_name(source.value(k, 5)) == name for k in range(2, last + 1)):
            return ""
    return name


def resolve_labels(sheet: Any, lookup: Any) -> Any:
    """``sheet`` with the template's uncached label formulas replaced by the names they
    show (those showing nothing stay formulas, for :func:`formula_problem`)."""
    from mcda_iso.workbook.cells import Sheet

    values = {  # a label shown empty stays a formula: the reader says why it is empty
        cell: text
        for cell, formula in sheet.formulas.items()
        if cell not in sheet.calculated and (text := label_value(formula, lookup))
    }
    if not values:
        return sheet
    rows = [list(row) for row in sheet.rows]
    for (r, c), text in values.items():
        while len(rows) < r:  # trailing empty rows are not kept
            rows.append([])
        while len(rows[r - 1]) < c:
            rows[r - 1].append(None)
        rows[r - 1][c - 1] = text
    formulas = {cell: f for cell, f in sheet.formulas.items() if cell not in values}
    return Sheet(sheet.title, [tuple(row) for row in rows], formulas, sheet.calculated)
