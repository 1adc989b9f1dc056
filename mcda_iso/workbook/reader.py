"""The validating reader: :func:`read_workbook` and :func:`validate_workbook`.

The file is opened once (:class:`~mcda_iso.workbook.source.Book`); every sheet is
read and every problem collected with its sheet and cell before a
:class:`~mcda_iso.Problem` is built. Formulas are never evaluated: the value
cached when the file was saved is used, and a formula without one is reported
with its cell.
"""

from __future__ import annotations

import gc
import warnings
from collections.abc import Iterable, Iterator, MutableMapping

from mcda_iso import hierarchy, i18n
from mcda_iso.errors import MCDAError, WorkbookError, WorkbookWarning
from mcda_iso.problem import Problem
from mcda_iso.workbook.cells import (
    Collector,
    Sheet,
    cell_name,
    header_columns,
    is_blank_sheet,
    read_comparisons,
)
from mcda_iso.workbook.groups import (
    expert_sheets,
    read_expert_sub_criteria,
    read_experts,
    read_rated,
)
from mcda_iso.workbook.inputs import (
    explain_labels,
    read_alternatives,
    read_criteria,
    read_performance,
    read_requirements,
    read_sub_criteria,
    read_weights,
    weights_typed,
)
from mcda_iso.workbook.layout import (
    EXPERT_PARENT_SEPARATOR,
    REQUIREMENTS_COLUMNS,
    SHEETS,
    SUB_CRITERIA_PREFIX,
    WEIGHTS_COLUMNS,
    detect_language,
    group_prefixes,
    group_titles,
    local_prefix,
    sheet_name,
)
from mcda_iso.workbook.linked import copies_from, formula_problem
from mcda_iso.workbook.source import Book, Source


def _read(source: Source, strict_scale: bool) -> tuple[str, Problem | None, list[WorkbookError]]:
    """The file's name for messages, and the problem read or every error found.

    The sheet names and headers are read in the language the workbook was written in
    (found from its sheet titles), whatever the language in force.
    """
    collecting = gc.isenabled()
    gc.disable()  # ~10^5 new lists, tuples and values, none in a cycle: no pass over them
    try:
        with Book.open(source) as book, i18n.using(detect_language(book.titles)):
            return book.name, *_read_book(book, strict_scale)
    finally:
        if collecting:
            gc.enable()


class _InputSheets(MutableMapping[str, Sheet]):
    """Every input sheet but Instructions, by its English name (titled as in the file),
    each read when first used: all are started at once (calamine parses them in the
    background), so that checking the first sheets overlaps with reading the next."""

    def __init__(self, book: Book) -> None:
        local = {name: sheet_name(name) for name in SHEETS[1:]}
        self._book = book
        self._titles = {name: title for name, title in local.items() if book.has(title)}
        self._read: dict[str, Sheet] = {}
        book.prefetch(self._titles.values())

    def __getitem__(self, name: str) -> Sheet:
        if name not in self._read:
            title = self._titles[name]
            self._read[name] = self._book.sheets([title])[title]
        return self._read[name]

    def __setitem__(self, name: str, sheet: Sheet) -> None:
        self._titles[name], self._read[name] = sheet.title, sheet

    def __delitem__(self, name: str) -> None:
        del self._titles[name]
        self._read.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._titles))

    def __len__(self) -> int:
        return len(self._titles)

    def __contains__(self, name: object) -> bool:
        return name in self._titles


def _input_sheets(book: Book) -> _InputSheets:
    return _InputSheets(book)


def _read_book(book: Book, strict_scale: bool) -> tuple[Problem | None, list[WorkbookError]]:
    sheets = _input_sheets(book)
    every = book.titles
    extra = book.sheets(group_titles(every))  # Experts, Comparisons <x>, Alternatives <x>
    out = Collector()
    for required in ("Criteria", "Alternatives", "Performance"):
        if required not in sheets:
            title = sheet_name(required)
            out.add(title, None, None, f"missing sheet {title!r} (start from `mcda-iso template`)")
    if "Comparisons" not in sheets and "Weights" not in sheets and not expert_sheets(extra):
        out.add(
            sheet_name("Comparisons"),
            None,
            None,
            f"missing sheet {sheet_name('Comparisons')!r} (pairwise judgments) or "
            f"{sheet_name('Weights')!r} (weights typed directly)",
        )
    criteria = read_criteria(sheets["Criteria"], out) if "Criteria" in sheets else None
    alternatives = (
        read_alternatives(sheets["Alternatives"], out) if "Alternatives" in sheets else None
    )
    tree = None if criteria is None else hierarchy.build(criteria)  # parents checked on reading
    c_names = None if tree is None else list(tree.leaves)  # Performance: the leaf criteria
    top_names = None if tree is None else list(tree.children(None))  # Comparisons: the top level
    a_names = [a.name for a in alternatives] if alternatives is not None else None
    unfilled: dict[str, str] = {}  # criterion -> its empty 'Alternatives <criterion>' sheet
    rated = read_rated(extra, c_names, a_names, strict_scale, out, unfilled)
    performance = None
    if "Performance" in sheets:
        performance = read_performance(
            sheets["Performance"],
            c_names,
            a_names,
            out,
            {c: t for c, (t, _) in rated.items()},
            unfilled,
        )
        if tree is not None and not tree.is_flat:
            explain_labels(sheets["Performance"], tree, out, performance=True)
    comparisons, filled = None, False
    if "Comparisons" in sheets and expert_sheets(extra) and is_blank_sheet(sheets["Comparisons"]):
        del sheets["Comparisons"]  # an empty sheet beside the experts' ones: nothing to read
    if "Comparisons" in sheets:
        typed = "Weights" in sheets and weights_typed(sheets["Weights"])
        comparisons, filled = read_comparisons(  # unused beside typed weights: no link check
            sheets["Comparisons"], top_names, strict_scale, out, links=not typed
        )
        if tree is not None and not tree.is_flat:
            explain_labels(sheets["Comparisons"], tree, out)
    found: dict[str, tuple[str, int | None]] = {}  # expert -> (sheet, row in Experts)
    experts, expert_weights = read_experts(extra, top_names, strict_scale, out, found)
    weights, first_weight = None, None
    if "Weights" in sheets:
        weights, first_weight = read_weights(
            sheets["Weights"],
            None if tree is None else list(tree.names),  # local weights of groups too
            out,
            filled or bool(expert_sheets(extra)),
        )
    if expert_sheets(extra) and (filled or first_weight is not None):
        sheet = sheet_name("Comparisons" if filled else "Weights")
        out.add(
            sheet,
            None,
            None,
            f"the {sheet} sheet is filled and there are experts' sheets "
            f"({', '.join(repr(t) for t in expert_sheets(extra))}); a group decision uses "
            f"the experts' sheets only: clear the {sheet} sheet or delete the experts' sheets",
        )
    elif filled and first_weight is not None:
        wcol = header_columns(sheets["Weights"], WEIGHTS_COLUMNS, (), Collector())
        out.add(
            sheet_name("Weights"),
            first_weight,
            wcol.get("weight", 2),
            "both the Comparisons sheet (pairwise judgments) and the weight column of the Weights "
            "sheet are filled; a problem uses one of them: clear the weight column to use the "
            "comparisons, or clear the judgments to use the typed weights",
        )
    elif (
        not filled
        and first_weight is None
        and not expert_sheets(extra)
        and ("Comparisons" in sheets or "Weights" in sheets)
    ):
        sheet, r, c = ("Comparisons", 2, 3) if "Comparisons" in sheets else ("Weights", 2, 2)
        out.consequence(
            sheet_name(sheet),
            r,
            c,
            "no preferences given: fill the upper triangle of the Comparisons sheet (pairwise "
            "judgments) or the weight column of the Weights sheet",
        )
    sub_sheets: dict[str, Sheet] = {}
    if tree is not None and not tree.is_flat and expert_sheets(extra):
        experts, sub_sheets = read_expert_sub_criteria(
            book, every, extra, tree, experts, found, strict_scale, out
        )
    elif tree is not None and not tree.is_flat:
        comparisons, sub_sheets = read_sub_criteria(
            book, sheets["Criteria"], tree, comparisons, filled, strict_scale, out
        )
    if tree is None:  # Criteria has errors: the sub-criteria sheets' judgments all the same
        sub_sheets = _unplaced_sheets(book, every, list(found), strict_scale, out)
    requirements = None
    if "Requirements" in sheets:
        requirements = read_requirements(sheets["Requirements"], c_names, out)
        if requirements and rated:
            _rated_requirements(sheets["Requirements"], requirements, rated, out)
    titled = {sheet.title: sheet for sheet in sheets.values()}
    _check_formulas({**titled, **extra, **sub_sheets}, out, judged=sub_sheets)
    for note in out.notes:  # values read in a way the author may not expect, by cell
        warnings.warn(WorkbookWarning(note.message, note.sheet, note.cell), stacklevel=4)
    if out.errors:
        return None, out.errors
    assert criteria is not None and alternatives is not None  # no errors → all read
    if rated and performance is not None:
        data = [j for j, c in enumerate(c_names or ()) if c not in rated]  # the leaves
        performance = performance[:, data] if data else None
    try:
        problem = Problem(
            criteria,
            alternatives,
            performance,
            comparisons=comparisons if filled and not experts else None,
            weights=None if experts else weights,
            requirements=requirements,
            experts=experts or None,
            expert_weights=expert_weights,
            alternative_comparisons={c: m for c, (_, m) in rated.items()} or None,
        )
    except MCDAError as exc:
        return None, [WorkbookError(str(exc))]
    return problem, []


def _unplaced_sheets(
    book: Book, every: list[str], experts: list[str], strict: bool, out: Collector
) -> dict[str, Sheet]:
    """The judgments of the sheets whose criteria are unknown because the Criteria sheet
    has errors (``Sub-criteria <parent>``, and ``<expert> - <parent>`` of an expert with a
    sheet), checked cell by cell so that their errors are reported with the others."""
    prefix = SUB_CRITERIA_PREFIX.casefold()
    names = [e.casefold() for e in experts]
    wanted = []
    for title in every:
        head = title.split(EXPERT_PARENT_SEPARATOR, 1)[0].strip().casefold()
        expert = EXPERT_PARENT_SEPARATOR in title and any(
            head and n.startswith(head) for n in names
        )
        if title.casefold().startswith(prefix) or expert:
            wanted.append(title)
    sheets = book.sheets(wanted)
    for sheet in sheets.values():
        read_comparisons(sheet, None, strict, out, links=False)
    return sheets


def _rated_requirements(
    sheet: Sheet,
    requirements: dict[str, dict[str, float]],
    rated: dict[str, tuple[str, object]],
    out: Collector,
) -> None:
    """A bound on a criterion rated by pairwise comparisons, reported at its cell (and
    left out: the alternatives have no values on it that a bound could apply to)."""
    columns = header_columns(sheet, REQUIREMENTS_COLUMNS, (), Collector())
    ccol = columns["criterion"]
    for crit in [c for c in requirements if c in rated]:
        row = next(
            r for r in range(2, len(sheet.rows) + 1) if cell_name(sheet.value(r, ccol)) == crit
        )
        key = "minimum" if "minimum" in requirements[crit] else "maximum"
        out.add(
            sheet.title,
            row,
            columns.get(key, ccol),
            f"a {key} for {crit!r}, which is rated by pairwise comparisons in the sheet "
            f"{rated[crit][0]!r}: those give priorities, not values a bound could apply to; "
            "clear this row",
        )
        del requirements[crit]


def _check_formulas(sheets: dict[str, Sheet], out: Collector, judged: Iterable[str] = ()) -> None:
    """Report formulas that have no cached value (the reader never calculates formulas).

    With ``data_only=True`` such a cell reads as empty. In Comparisons and
    Requirements an empty cell is allowed (no judgment, no bound), so these
    sheets are always checked (as are the ``judged`` ones, comparison sheets
    without a prefix); other sheets only where an empty cell was already
    reported, to say why it is empty.
    """
    always = ({sheet_name("Comparisons"), sheet_name("Requirements"), *judged} & set(sheets)) | {
        t
        for t in sheets
        if t.casefold().startswith(
            (*group_prefixes(), local_prefix(SUB_CRITERIA_PREFIX).casefold())
        )
    }

    names: dict[str, object] = {}  # "Criteria!A7" -> value: what a label formula copies
    parents: dict[str, str] = {}  # criterion -> its parent
    for key in ("Criteria", "Alternatives"):
        source = sheets.get(sheet_name(key))
        for r in range(2, len(source.rows) + 1 if source is not None else 0):
            assert source is not None
            names[f"{source.title}!A{r}"] = source.value(r, 1)
            if key == "Criteria" and cell_name(source.value(r, 5)) is not None:
                parents[str(cell_name(source.value(r, 1)))] = str(cell_name(source.value(r, 5)))

    def message(formula: str, sheet: str, r: int, c: int) -> str:
        # Cached as empty text, or one of the template's labels, which the reader computes.
        calculated = (r, c) in sheets[sheet].calculated or copies_from(formula) is not None
        return formula_problem(formula, calculated, names, parents)

    explained: set[tuple[str, int, int]] = set()
    gone = {t for t in (sheet_name("Criteria"), sheet_name("Alternatives")) if t not in sheets}
    follow: set[int] = set()  # errors that only follow from a missing sheet (reported once)
    for index, sheet, r, c in out.empty_cells:
        value = sheets[sheet].formulas.get((r, c)) if sheet in sheets else None
        if value is not None:
            if copies_from(value) in gone:
                follow.add(index)
            out.errors[index] = WorkbookError(
                message(value, sheet, r, c), sheet=sheet, cell=out.errors[index].cell
            )
            explained.add((sheet, r, c))
    # A name missing from a header only because its label is an uncalculated formula
    # (a blank template saved by a program that does not calculate) is not news.
    label_sheets = {sheet for sheet, r, c in explained if r == 1 or c == 1}
    dropped = {index for index, sheet in out.consequences if sheet in label_sheets} | follow
    if dropped:
        out.errors[:] = [e for k, e in enumerate(out.errors) if k not in dropped]
    for name in sorted(always):
        # Value cells only (labels are in row 1 and column A).
        for (r, c), formula in sorted(sheets[name].formulas.items()):
            if (
                r > 1
                and c > 1
                and sheets[name].value(r, c) is None
                and (name, r, c) not in explained
                and (r, c) not in sheets[name].calculated  # calculated as empty: no value
            ):
                out.add(name, r, c, message(formula, name, r, c))


def validate_workbook(source: Source, *, strict_scale: bool = False) -> list[WorkbookError]:
    """Every problem found in a filled workbook; an empty list means it is valid.

    Parameters
    ----------
    source : str, path-like, bytes or binary file object
        An ``.xlsx`` or ``.xlsm`` workbook (macros are ignored): its path, its
        content as bytes, or a file object opened in binary mode (``BytesIO``).
    strict_scale : bool
        Also require every judgment to be on Saaty's scale (1/9 .. 9).

    Returns
    -------
    list of WorkbookError
        Each with ``.sheet``, ``.cell`` (``"Performance!C4"``, or None for
        a whole sheet or file) and ``.message``. A file that cannot be read at
        all gives a single error.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from mcda_iso import validate_workbook, write_template
    >>> path = write_template(pathlib.Path(tempfile.mkdtemp()) / "blank.xlsx")
    >>> [e.cell for e in validate_workbook(path)][:2]
    ['Criteria!A2', 'Alternatives!A2']
    """
    try:
        _, _, errors = _read(source, strict_scale)
    except WorkbookError as exc:
        return list(exc.errors)
    return errors


def read_workbook(source: Source, *, strict_scale: bool = False) -> Problem:
    """Read a filled workbook (see ``docs/workbook.md``) into a validated :class:`Problem`.

    Parameters
    ----------
    source : str, path-like, bytes or binary file object
        An ``.xlsx`` or ``.xlsm`` workbook (its path, its bytes, or a file object
        opened in binary mode); it is only read, never modified.
    strict_scale : bool
        Also require every judgment to be on Saaty's scale (1/9 .. 9).

    Returns
    -------
    Problem
        Using the Comparisons sheet when it holds any judgment, otherwise the
        weights typed in the Weights sheet.

    Raises
    ------
    WorkbookError
        Listing every problem found; ``.errors`` holds them one by one, and
        ``.sheet``/``.cell`` are those of the first.
    """
    name, problem, errors = _read(source, strict_scale)
    if errors:
        raise WorkbookError(
            f"{name}: {len(errors)} problem{'s' if len(errors) > 1 else ''} found",
            sheet=errors[0].sheet,
            cell=errors[0].cell,
            errors=errors,
        )
    assert problem is not None
    return problem
