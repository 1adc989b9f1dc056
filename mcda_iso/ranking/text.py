"""A ranking in words: the one-sentence recommendation and the printed ranking.

Read from the :class:`~mcda_iso.ranking.Result` (its own numbers, nothing computed
again), in the language in force (:mod:`mcda_iso.i18n`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mcda_iso import hierarchy, i18n
from mcda_iso.ranking.options import AGGREGATION_TITLES, consensus_words

if TYPE_CHECKING:  # pragma: no cover
    from mcda_iso.ranking.result import Result

__all__ = ["NEAR_TIE", "describe", "recommendation"]

#: The recommendation calls the first two alternatives a near tie when the runner-up's
#: score is within this fraction of the winner's: ``(best - runner) / best < NEAR_TIE``
#: (0.677 against 0.664 is 1.9 % apart). Relative, so it means the same for TOPSIS
#: closeness and for AHP scores (distributive or ideal).
NEAR_TIE = 0.03


def recommendation(result: Result) -> str:
    """The recommendation in one sentence, in the language in force (:mod:`mcda_iso.i18n`)."""
    _, num = i18n.gettext, i18n.number
    order = result.ordered()
    best = order[0]
    tied = [a for a in order if result._ranks[a] == 1]
    if len(tied) > 1:
        text = _("No single winner: {names} tie for first place ({method}).").format(
            names=", ".join(tied), method=result.method_title
        )
    elif len(order) == 1:
        text = _("Recommended: {best} (the only alternative meeting the requirements).").format(
            best=best
        )
    else:
        runner = order[1]
        first, second = result._scores[best], result._scores[runner]
        if first > 0 and (first - second) / first < NEAR_TIE:
            gap = (first - second) / first
            text = _(
                "Near tie: {best} (score {first}) is only {gap} ahead of {runner} "
                "(score {second}; {method}), within the {margin} margin the data cannot "
                "separate firmly: check the sensitivity analysis before choosing between them."
            ).format(
                best=best,
                first=num(first),
                gap=i18n.percent(gap),
                runner=runner,
                second=num(second),
                method=result.method_title,
                margin=i18n.percent(NEAR_TIE, 0),
            )
        else:
            text = _(
                "Recommended: {best} (score {first}, ahead of {runner} at {second}; {method})."
            ).format(
                best=best,
                first=num(first),
                runner=runner,
                second=num(second),
                method=result.method_title,
            )
    if result.ahp is not None and not result.ahp.consistent:
        text += " " + _(
            "Caution: the criteria judgments are inconsistent (CR {cr} > {limit}); revise "
            "them before relying on this."
        ).format(cr=num(result.ahp.cr), limit=num(result.ahp.threshold, 2))
    bad = [k for k, p in result.priorities_by_parent.items() if k is not None and not p.consistent]
    own = result.expert_best
    others = {e: b for e, b in own.items() if b != best}
    if others and len(tied) == 1:
        text += " " + _("Not every expert agrees: {views}.").format(
            views=", ".join(
                _("{expert}'s own weights put {name} first").format(expert=e, name=b)
                for e, b in others.items()
            )
        )
    if result.inconsistent_experts:
        text += " " + _(
            "Caution: the judgments of {experts} are inconsistent; ask them to revise before "
            "relying on this."
        ).format(experts=", ".join(result.inconsistent_experts))
    if bad:
        text += " " + _(
            "Caution: the judgments of the sub-criteria of {parents} are inconsistent; revise "
            "them before relying on this."
        ).format(parents=", ".join(repr(k) for k in bad))
    return text


def _group_lines(result: Result) -> list[str]:
    group = result.group
    if group is None:
        return []
    how = AGGREGATION_TITLES.get(group.method, group.method)
    lines = [f"Experts ({group.method.upper()}: {how}):"]
    width = max(len(e) for e in group.experts)
    every = result.group_by_parent or {None: group}
    for name in group.experts:
        found = {p: g.experts[name] for p, g in every.items()}
        verdict = "consistent" if all(x.consistent for x in found.values()) else "INCONSISTENT"
        crs = " / ".join(
            f"{x.cr:.3f}"
            + ("" if len(found) == 1 else f" {hierarchy.TOP_LABEL}" if p is None else f" ({p})")
            for p, x in found.items()
        )
        lines.append(
            f"  {name:<{width}}  weight {group.expert_weights[name]:.3f}  CR {crs}  {verdict}"
        )
    table = result.expert_priorities
    assert table is not None
    consensus, deviating = result.consensus, result.most_deviating
    if consensus is not None and deviating is not None:
        lines.append(
            f"Consensus S* = {consensus:.3f} ({consensus_words(consensus)}); "
            f"most deviating expert: {deviating[0]}"
        )
    table.loc["group"] = result._weights.to_numpy()
    table.index.name = None
    lines.append(
        "Criteria weights by expert:"
        if result.group_by_parent is None
        else "Global weights of the leaf criteria by expert:"
    )
    text = table.to_string(float_format=lambda x: f"{x:.3f}")
    lines += ["  " + line for line in text.splitlines()]
    own = result.expert_best
    if own:
        lines.append("Each expert's own winner (their weights, the same method and data):")
        lines += [f"  {e:<{width}}  {b}" for e, b in own.items()]
    return lines


def _alternative_lines(result: Result) -> list[str]:
    if not result._alternative_priorities:
        return []
    _, num = i18n.gettext, i18n.number
    lines = [_("Alternatives compared pairwise:")]
    for crit, pri in result._alternative_priorities.items():
        verdict = _("consistent") if pri.consistent else _("INCONSISTENT: revise the judgments")
        line = _("{criterion}: CR = {cr} (threshold {threshold}) — {verdict}").format(
            criterion=crit, cr=num(pri.cr), threshold=num(pri.threshold, 2), verdict=verdict
        )
        lines.append(f"  {line}")
    return lines


def _hierarchy_lines(result: Result) -> list[str]:
    tree = result.problem.hierarchy
    if tree.is_flat or result._local_weights is None:
        return []
    local, global_ = result._local_weights, result._global_weights
    assert global_ is not None
    _, num = i18n.gettext, i18n.number
    lines = [_("Criteria hierarchy (local weight, global weight):")]
    width = max(2 * (len(tree.path(n)) - 1) + len(n) for n in tree.names)

    def walk(parent: str | None, depth: int) -> None:
        for name in tree.children(parent):
            label = "  " * depth + name
            lines.append(f"  {label:<{width}}  {num(local[name])}  {num(global_[name])}")
            walk(name, depth + 1)

    walk(None, 0)
    if result.priorities_by_parent:
        lines.append(_("Consistency by comparison matrix:"))
        for parent, pri in result.priorities_by_parent.items():
            what = (
                hierarchy.TOP_LABEL if parent is None else _("under {parent}").format(parent=parent)
            )
            verdict = _("consistent") if pri.consistent else _("INCONSISTENT: revise the judgments")
            line = _("{matrix}: n = {n}, CR = {cr} (threshold {threshold}) — {verdict}")
            lines.append(
                "  "
                + line.format(
                    matrix=what,
                    n=pri.n,
                    cr=num(pri.cr),
                    threshold=num(pri.threshold, 2),
                    verdict=verdict,
                )
            )
    return lines


def describe(result: Result) -> str:
    _, num = i18n.gettext, i18n.number
    method = _("Method: {method}").format(method=result.method_title)
    if result.normalization:
        method += _(", {normalization} normalisation").format(normalization=result.normalization)
    if result.scale != "saaty":
        method += _("; judgments read on the {scale} scale").format(scale=result.scale)
    lines = [method, _("Weights:")]
    width = max(len(n) for n in result._weights.index)
    for name, w in result._weights.items():
        lines.append(f"  {name:<{width}}  {num(w)}")
    if result.ahp is not None and result.problem.hierarchy.is_flat:
        verdict = (
            _("consistent") if result.ahp.consistent else _("INCONSISTENT: revise the judgments")
        )
        lines.append(
            _(
                "Consistency: CR = {cr} (threshold {threshold}, lambda_max = {lambda_max}) "
                "— {verdict}"
            ).format(
                cr=num(result.ahp.cr),
                threshold=num(result.ahp.threshold, 2),
                lambda_max=num(result.ahp.lambda_max),
                verdict=verdict,
            )
        )
    lines += _group_lines(result) + _alternative_lines(result) + _hierarchy_lines(result)
    lines.append(_("Ranking:"))
    order = result.ordered()
    width = max(len(a) for a in order)
    for alt in order:
        lines.append(
            f"  {int(result._ranks[alt]):>2}. {alt:<{width}}  {num(result._scores[alt], 4)}"
        )
    for alt, why in result.screening.reasons.items():
        lines.append("   -  " + _("{name}: screened out ({why})").format(name=alt, why=why))
    lines.append(recommendation(result))
    return "\n".join(lines)
