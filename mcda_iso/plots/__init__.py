"""Publication-quality figures of a decision: weights, ranking, sensitivity, consistency.

Every function returns a :class:`matplotlib.figure.Figure` built directly (no
``pyplot`` state, never ``show()``): save it with ``fig.savefig("weights.png")``
or display it in a notebook. matplotlib is imported only when a function is
called, so ``import mcda_iso`` works without it; install the extra with
``pip install 'mcda_iso[plots]'``.

Each figure is laid out once, when it is made: its margins come from the sizes
of its texts (names, labels, title, legend; :mod:`mcda_iso.plots.layout`), so
saving it draws it once. Titles and axis labels too long for the figure are
broken into lines. After adding texts of your own, let matplotlib lay it out
again with ``fig.set_layout_engine("constrained")``.

Colours come from the Okabe–Ito palette (safe for the common forms of colour
blindness) and each alternative keeps its colour in every figure
(:func:`alternative_colors`, by the problem's order). Long names are wrapped
and, past two lines, shortened with an ellipsis. Heat maps use cividis
(perceptually uniform, readable with colour-vision deficiency) and PuOr.

References
----------
Okabe, M., & Ito, K. (2008). *Color Universal Design (CUD): how to make figures
and presentations that are friendly to colorblind people*. J-Fly.
Nuñez, J. R., Anderton, C. R., & Renslow, R. S. (2018). Optimizing colormaps with
consideration for color vision deficiency to enable accurate interpretation of
scientific data. *PLoS ONE* 13(7), e0199239.

Examples
--------
>>> from mcda_iso import load_scenario, plots, rank
>>> result = rank(load_scenario("iso9001"))
>>> fig = plots.ranking(result)
>>> fig.axes[0].get_title()
'Ranking of the alternatives (TOPSIS)'
"""

from __future__ import annotations

from mcda_iso.plots.analysis import acceptability, method_agreement, weight_sweep
from mcda_iso.plots.decision import inconsistency, ranking, weights
from mcda_iso.plots.style import PALETTE, alternative_colors

__all__ = [
    "PALETTE",
    "acceptability",
    "alternative_colors",
    "inconsistency",
    "method_agreement",
    "ranking",
    "weight_sweep",
    "weights",
]
