"""The live "what if" section: a slider per criterion that re-ranks in the page.

The page carries the numbers the Result scored (``Result.matrix``), its weights,
the local weights of every criterion and sub-criterion, its method, normalisation
and mode, and the weight thresholds of the sensitivity analysis, as a JSON block;
``whatif.js`` (shipped beside this module and inlined in the page) scores with the
same kernels as :mod:`mcda_iso.topsis` and :mod:`mcda_iso.synthesis`. Without
scripts the section shows the weights and ranking of the Result instead.
"""

from __future__ import annotations

import json
import math
from importlib import resources
from typing import Any

from mcda_iso import i18n
from mcda_iso.i18n import gettext as _
from mcda_iso.ranking import Result
from mcda_iso.report import reading
from mcda_iso.report.page import escape, num, table
from mcda_iso.sensitivity import SensitivityReport


def script() -> str:
    """The what-if script, as shipped in the package."""
    return resources.files("mcda_iso.report").joinpath("whatif.js").read_text(encoding="utf-8")


def _json(value: Any) -> str:
    """JSON safe inside a <script> element: no ``<``, ``>`` or ``&`` left as such."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _thresholds(result: Result, sensitivity: SensitivityReport | None) -> dict[str, list[float]]:
    """Where first place changes hands, by top-level criterion without sub-criteria.

    Only shown when the sensitivity analysed this ranking's method: the thresholds
    move one weight while the others keep their ratios, which is exactly what the
    slider of a top-level criterion does.
    """
    if sensitivity is None or sensitivity.method != result.method:
        return {}
    normalization = result.options.normalization
    if result.method == "topsis" and sensitivity.normalization != normalization:
        return {}
    top = {c.name for c in result.problem.all_criteria if c.parent is None}
    out = {}
    for crit, row in sensitivity.thresholds.iterrows():
        if crit in top:
            marks = [float(row[k]) for k in ("best_lower", "best_upper")]
            out[str(crit)] = [x for x in marks if math.isfinite(x) and 0 < x < 1]
    return out


def data(result: Result, sensitivity: SensitivityReport | None) -> dict[str, Any]:
    """Everything the script needs, read from the Result (and the thresholds)."""
    matrix = reading.scored_matrix(result)
    direction = reading.types(result)
    local = result.local_weights if result.local_weights is not None else result.weights
    tree = [
        {"name": c.name, "parent": c.parent, "local": float(local[c.name])}
        for c in result.problem.all_criteria
    ]
    options = result.options
    return {
        "method": options.method,
        "normalization": options.normalization,
        "mode": options.mode,
        "alternatives": [str(a) for a in matrix.index],
        "leaves": [str(c) for c in matrix.columns],
        "types": [direction[str(c)] for c in matrix.columns],
        "matrix": matrix.to_numpy(dtype=float).tolist(),
        "weights": [float(result.weights[c]) for c in matrix.columns],
        "tree": tree,
        "ranks": [int(result.ranks[a]) for a in matrix.index],
        "best": result.best,
        "thresholds": _thresholds(result, sensitivity),
        "decimalComma": i18n.current() in i18n.DECIMAL_COMMA,
        "words": {  # the status line, in the language of the report
            "tie": _("With these weights several alternatives tie for first place."),
            "stays": _("With these weights {name} stays first."),
            "instead": _("With these weights {name} comes first instead of {best}."),
        },
    }


def _marks(now: float, thresholds: list[float]) -> str:
    changes, here = _("first place changes hands at {value}"), _("weight now")
    spans = [f'<span class="now" style="left:{100 * now:.2f}%" title="{here}">&#9650;</span>']
    spans += [
        f'<span class="threshold" style="left:{100 * t:.2f}%" '
        f'title="{changes.format(value=num(t))}">{num(t, 2)}</span>'
        for t in thresholds
    ]
    return f'<div class="whatif-marks" aria-hidden="true">{"".join(spans)}</div>'


def section(result: Result, sensitivity: SensitivityReport | None) -> tuple[str, str]:
    """The section's HTML and the script to inline (empty when it does not apply)."""
    if len(result.ranks) < 2 or len(result.weights) < 2:
        if len(result.ranks) < 2:
            text = _(
                "With one alternative there is nothing to re-weigh: the ranking cannot change "
                "with the weights."
            )
        else:
            text = _(
                "With one criterion there is nothing to re-weigh: the ranking cannot change "
                "with the weights."
            )
        return f"<p>{text}</p>", ""
    info = data(result, sensitivity)
    marks = info["thresholds"]
    rows, sliders = [], []
    for k, c in enumerate(info["tree"]):
        siblings = [d for d in info["tree"] if d["parent"] == c["parent"]]
        ident = f"whatif-{k}"
        sub = ' class="sub"' if c["parent"] is not None else ""
        disabled = " disabled" if len(siblings) < 2 else ""
        sliders.append(
            f'<div class="whatif-row"><label for="{ident}"{sub}>{escape(c["name"])}</label>'
            f'<div class="whatif-track"><input type="range" id="{ident}" min="0" max="1" '
            f'step="0.005" value="{c["local"]:.17g}" data-criterion="{escape(c["name"])}"'
            f"{disabled}>{_marks(c['local'], marks.get(c['name'], []))}</div>"
            f'<output for="{ident}" data-criterion="{escape(c["name"])}">'
            f"{num(c['local'])}</output></div>"
        )
        rows.append([escape(c["name"]), escape(c["parent"] or "–"), num(c["local"])])
    has_groups = any(c["parent"] is not None for c in info["tree"])
    static = table(
        [_("Criterion"), _("Part of"), _("Share of its group")] if has_groups else
        [_("Criterion"), _("Part of"), _("Weight")],
        rows, numeric=[2],
    )  # fmt: skip
    threshold_note = (
        _(
            "Orange marks: the weights at which first place changes hands (from the "
            "sensitivity analysis; the other weights keeping their ratios)."
        )
        if marks
        else _(
            "Weight thresholds are marked on the sliders when the sensitivity analysis of "
            "this ranking is in the report."
        )
    )
    method = escape(result.method_title)
    if result.method == "topsis":
        method = _("{method} with {normalization} normalisation").format(
            method=method, normalization=escape(result.options.normalization)
        )
    moved = _(
        "Move a weight and the alternatives are re-ranked at once, by {method}, on the same "
        "data and with the same requirements as above. Moving a criterion sets its share of "
        "its group; the others in the group keep their ratios. &#9650; marks each weight now."
    ).format(method=method)
    intro = f"<p>{moved} {threshold_note}</p>"
    live = (
        '<div class="whatif-live" hidden>'
        f'<div class="whatif-grid">{"".join(sliders)}</div>'
        '<p><button type="button" id="whatif-reset">'
        + _("Reset to the weights given")
        + "</button></p>"
        '<p id="whatif-status" role="status" aria-live="polite"></p>'
        + table([_("Rank"), _("Alternative"), _("Score"), _("Rank with the weights given")], [],
                numeric=[0, 2, 3]).replace("<tbody>", '<tbody id="whatif-results">')
        + "</div>"
    )  # fmt: skip
    need = _(
        "The sliders need JavaScript (open the HTML file in a browser with scripts allowed). "
        "The weights given:"
    )
    no_script = f'<div class="whatif-static"><p class="note">{need}</p>{static}</div>'
    data_block = f'<script type="application/json" id="whatif-data">{_json(info)}</script>'
    body = f'<div id="whatif">{intro}{live}{no_script}{data_block}</div>'
    return body, script()
