"""Built-in and user scenarios: TOML files in ``criteria/`` turned into Problems.

A scenario file defines criteria, alternatives with performance values, and
one or more *profiles*: sets of pairwise judgments (or weights) describing an
organisation's priorities. The built-in ``iso9001`` scenario compares ISO 9001
certification with other quality programmes; its ratings are illustrative
assumptions to be replaced with your own. See ``docs/scenarios.md`` for the
file format.

Examples
--------
>>> from mcda_iso import load_scenario
>>> p = load_scenario("iso9001", profile="small-business")
>>> p.criterion_names
('credibility', 'efficiency', 'market access', 'cost', 'effort')
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from mcda_iso import hierarchy
from mcda_iso.errors import MCDAError, ScenarioError
from mcda_iso.problem import Alternative, Criterion, Problem
from mcda_iso.scale import parse_judgment

__all__ = [
    "Scenario",
    "list_profiles",
    "list_scenarios",
    "load_scenario",
    "read_scenario",
    "scenario_dir",
]


def scenario_dir() -> Path:
    """The folder holding the built-in scenario files.

    In an installed wheel it is ``mcda_iso/criteria``; in a source checkout
    (editable install) it is the top-level ``criteria/`` folder.
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "criteria", here.parent / "criteria"):
        if candidate.is_dir():
            return candidate
    raise ScenarioError(f"the built-in scenario folder is missing (looked in {here / 'criteria'})")


def list_scenarios() -> list[str]:
    """Names of the built-in scenarios (file names in :func:`scenario_dir` without ``.toml``)."""
    return sorted(p.stem for p in scenario_dir().glob("*.toml"))


@dataclass(frozen=True)
class Scenario:
    """A parsed scenario file: its criteria, alternatives, performance and profiles."""

    name: str
    title: str
    description: str
    path: Path
    criteria: tuple[Criterion, ...]
    alternatives: tuple[Alternative, ...]
    performance: np.ndarray
    profiles: dict[str, dict[str, Any]]
    default_profile: str

    def problem(self, profile: str | None = None) -> Problem:
        """The :class:`Problem` for one profile (the scenario's default if None)."""
        profile = self.default_profile if profile is None else profile
        if profile not in self.profiles:
            raise ScenarioError(
                f"scenario {self.name!r} has no profile {profile!r}; "
                f"available: {', '.join(self.profiles)}"
            )
        spec = self.profiles[profile]
        names = [c.name for c in self.criteria]
        where = f"{self.path.name}, profile {profile!r}"
        try:
            tree = hierarchy.build(self.criteria)
            if "judgments" in spec and not tree.is_flat:
                return Problem(
                    self.criteria,
                    self.alternatives,
                    self.performance,
                    comparisons=_judgment_matrices(spec["judgments"], tree, where),
                )
            if "judgments" in spec:
                return Problem(
                    self.criteria,
                    self.alternatives,
                    self.performance,
                    comparisons=_judgment_matrix(spec["judgments"], names, where),
                )
            if "weights" in spec:
                return Problem(
                    self.criteria, self.alternatives, self.performance, weights=spec["weights"]
                )
        except MCDAError as exc:
            raise ScenarioError(f"{where}: {exc}") from exc
        raise ScenarioError(f"{where}: a profile needs 'judgments' or 'weights'")


def _judgment_matrix(entries: Any, names: list[str], where: str) -> np.ndarray:
    n = len(names)
    matrix = np.full((n, n), np.nan)
    np.fill_diagonal(matrix, 1.0)
    if not isinstance(entries, list):
        raise ScenarioError(f"{where}: 'judgments' must be a list of [row, column, value] entries")
    for entry in entries:
        if not (isinstance(entry, list) and len(entry) == 3):
            raise ScenarioError(
                f"{where}: each judgment must be [row, column, value] (got {entry!r})"
            )
        row, col, value = entry
        for name in (row, col):
            if name not in names:
                raise ScenarioError(f"{where}: judgment {entry!r} names unknown criterion {name!r}")
        i, j = names.index(row), names.index(col)
        if i == j:
            raise ScenarioError(f"{where}: judgment {entry!r} compares a criterion with itself")
        if not np.isnan(matrix[i, j]):
            raise ScenarioError(f"{where}: {row!r} vs {col!r} is judged twice")
        matrix[i, j] = parse_judgment(value)
        matrix[j, i] = 1.0 / matrix[i, j]
    return matrix


def _judgment_matrices(
    entries: Any, tree: hierarchy.Hierarchy, where: str
) -> dict[str | None, np.ndarray]:
    """Judgments of a hierarchy, sorted into one matrix per set of siblings.

    Each ``[row, column, value]`` compares two criteria with the same parent; the
    pair says which matrix it belongs to.
    """
    if not isinstance(entries, list):
        raise ScenarioError(f"{where}: 'judgments' must be a list of [row, column, value] entries")
    by_parent: dict[str | None, list[Any]] = {parent: [] for parent in tree.groups}
    for entry in entries:
        if not (isinstance(entry, list) and len(entry) == 3):
            raise ScenarioError(
                f"{where}: each judgment must be [row, column, value] (got {entry!r})"
            )
        for name in entry[:2]:
            if name not in tree.names:
                raise ScenarioError(f"{where}: judgment {entry!r} names unknown criterion {name!r}")
        try:
            parent = tree.siblings_group(entry[0], entry[1])
        except MCDAError as exc:
            raise ScenarioError(f"{where}: judgment {entry!r}: {exc}") from exc
        by_parent[parent].append(entry)
    return {
        parent: _judgment_matrix(found, list(tree.children(parent)), where)
        for parent, found in by_parent.items()
    }


def _require(table: dict[str, Any], key: str, where: str) -> Any:
    if key not in table:
        raise ScenarioError(f"{where}: missing {key!r}")
    return table[key]


def read_scenario(name_or_path: str | Path) -> Scenario:
    """Parse a scenario by built-in name (``"iso9001"``) or by path to a ``.toml`` file.

    Raises
    ------
    ScenarioError
        If the file does not exist, is not valid TOML, or misses required entries.
    """
    path = Path(name_or_path)
    if path.suffix != ".toml" and not path.exists():
        path = scenario_dir() / f"{name_or_path}.toml"
        if not path.exists():
            raise ScenarioError(
                f"unknown scenario {str(name_or_path)!r}; built-in: {', '.join(list_scenarios())} "
                "(or give the path of a .toml scenario file)"
            )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ScenarioError(f"scenario file not found: {path}") from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ScenarioError(f"cannot read scenario file {path}: {exc}") from exc
    where = path.name
    meta = data.get("scenario", {})
    try:
        criteria = tuple(
            Criterion(
                _require(c, "name", where),
                _require(c, "kind", where),
                c.get("description", ""),
                c.get("unit", ""),
                c.get("parent"),
            )
            for c in _require(data, "criteria", where)
        )
        tree = hierarchy.build(criteria)
        raw_alts = _require(data, "alternatives", where)
        alternatives = tuple(
            Alternative(_require(a, "name", where), a.get("description", "")) for a in raw_alts
        )
        names = list(tree.leaves)  # only leaf criteria are rated
        rows = []
        for a in raw_alts:
            perf = _require(a, "performance", where)
            groups = [k for k in perf if k in tree.names and k not in names]
            if groups:
                raise ScenarioError(
                    f"{where}: {a['name']!r} rates {groups[0]!r}, which has sub-criteria; "
                    "rate its sub-criteria instead"
                )
            unknown = [k for k in perf if k not in names]
            if unknown:
                raise ScenarioError(
                    f"{where}: {a['name']!r} rates unknown criterion {unknown[0]!r}"
                )
            missing = [k for k in names if k not in perf]
            if missing:
                raise ScenarioError(f"{where}: {a['name']!r} has no rating for {missing[0]!r}")
            rows.append([perf[k] for k in names])
    except ScenarioError:
        raise
    except MCDAError as exc:
        raise ScenarioError(f"{where}: {exc}") from exc
    profiles = _require(data, "profiles", where)
    if not profiles:
        raise ScenarioError(f"{where}: at least one profile is needed")
    default = meta.get("default_profile", next(iter(profiles)))
    return Scenario(
        name=meta.get("name", path.stem),
        title=meta.get("title", path.stem),
        description=meta.get("description", ""),
        path=path,
        criteria=criteria,
        alternatives=alternatives,
        performance=np.array(rows, dtype=object),
        profiles=dict(profiles),
        default_profile=default,
    )


def load_scenario(name_or_path: str | Path = "iso9001", profile: str | None = None) -> Problem:
    """Load a scenario as a :class:`~mcda_iso.Problem`.

    Parameters
    ----------
    name_or_path : str or Path
        A built-in scenario name (``"iso9001"``) or the path of your own
        scenario file in the same TOML format.
    profile : str, optional
        Profile identifier, e.g. ``"balanced"``, ``"small-business"``,
        ``"major-customer-supplier"``; the scenario's default if omitted.

    Raises
    ------
    ScenarioError
        Unknown scenario or profile, or a malformed file.
    """
    return read_scenario(name_or_path).problem(profile)


def list_profiles(name_or_path: str | Path = "iso9001") -> dict[str, str]:
    """Profile identifiers and their descriptions, in file order."""
    scenario = read_scenario(name_or_path)
    return {key: str(spec.get("description", "")) for key, spec in scenario.profiles.items()}
