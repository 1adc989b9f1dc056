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

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from mcda_iso import hierarchy
from mcda_iso.errors import MCDAError, ScenarioError, shorten
from mcda_iso.problem import Alternative, Criterion, Problem, canonical_name
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
        if not isinstance(profile, str):
            raise ScenarioError(
                f"a profile is named by text, e.g. {shorten(next(iter(self.profiles)))} "
                f"(got {shorten(profile)})"
            )
        if profile not in self.profiles:
            raise ScenarioError(
                f"scenario {shorten(self.name)} has no profile {shorten(profile)}; "
                f"available: {', '.join(map(shorten, self.profiles))}"
            )
        spec = _table(self.profiles[profile], self.path.name, f"profile {shorten(profile)}")
        names = [c.name for c in self.criteria]
        where = f"{self.path.name}, profile {shorten(profile)}"
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
        except ScenarioError:
            raise
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
                f"{where}: each judgment must be [row, column, value] (got {shorten(entry)})"
            )
        row, col, value = entry
        _known_names(entry, names, where)
        row, col = canonical_name(row), canonical_name(col)
        i, j = names.index(row), names.index(col)
        if i == j:
            raise ScenarioError(
                f"{where}: judgment {shorten(entry)} compares a criterion with itself"
            )
        if not np.isnan(matrix[i, j]) or not np.isnan(matrix[j, i]):
            raise ScenarioError(f"{where}: {shorten(row)} vs {shorten(col)} is judged twice")
        try:
            matrix[i, j] = parse_judgment(value)
        except MCDAError as exc:
            raise ScenarioError(f"{where}: judgment {shorten(entry)}: {exc}") from exc
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
                f"{where}: each judgment must be [row, column, value] (got {shorten(entry)})"
            )
        _known_names(entry, list(tree.names), where)
        try:
            parent = tree.siblings_group(canonical_name(entry[0]), canonical_name(entry[1]))
        except MCDAError as exc:
            raise ScenarioError(f"{where}: judgment {shorten(entry)}: {exc}") from exc
        by_parent[parent].append(entry)
    return {
        parent: _judgment_matrix(found, list(tree.children(parent)), where)
        for parent, found in by_parent.items()
    }


def _known_names(entry: list[Any], names: list[str], where: str) -> None:
    """Both criteria a judgment names are known (matched in NFC, see canonical_name)."""
    for name in entry[:2]:
        if not isinstance(name, str) or canonical_name(name) not in names:
            raise ScenarioError(
                f"{where}: judgment {shorten(entry)} names unknown criterion {shorten(name)}; "
                f"known: {', '.join(map(shorten, names))}"
            )


def _require(table: dict[str, Any], key: str, where: str) -> Any:
    if key not in table:
        raise ScenarioError(f"{where}: missing {key!r}")
    return table[key]


def _table(value: Any, where: str, what: str) -> dict[str, Any]:
    """``value`` if it is a TOML table, else a ScenarioError saying what was found."""
    if not isinstance(value, dict):
        raise ScenarioError(
            f"{where}: {what} must be a table of keys and values (got {shorten(value)})"
        )
    return value


def _tables(value: Any, where: str, what: str) -> list[dict[str, Any]]:
    """``value`` if it is a list of TOML tables (``[[what]]`` entries)."""
    if not isinstance(value, list):
        raise ScenarioError(
            f"{where}: {what!r} must be a list of [[{what}]] tables (got {shorten(value)})"
        )
    return [_table(item, where, f"each [[{what}]] entry") for item in value]


def _scenario_path(name_or_path: str | os.PathLike[str]) -> Path:
    """The scenario file named: a built-in name, or a path (checked to be a file)."""
    path = Path(name_or_path)
    try:
        if path.suffix != ".toml" and not path.exists():
            path = scenario_dir() / f"{name_or_path}.toml"
            if not path.exists():
                raise ScenarioError(
                    f"unknown scenario {shorten(str(name_or_path))}; "
                    f"built-in: {', '.join(list_scenarios())} (or give the path of a .toml "
                    "scenario file)"
                )
        if path.is_dir():
            raise ScenarioError(
                f"{shorten(str(path))} is a folder; give the path of a .toml scenario file"
            )
    except (OSError, ValueError) as exc:  # a name too long, a NUL byte
        if isinstance(exc, ScenarioError):
            raise
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ScenarioError(f"cannot read scenario {shorten(str(name_or_path))}: {reason}") from exc
    return path


def read_scenario(name_or_path: str | Path) -> Scenario:
    """Parse a scenario by built-in name (``"iso9001"``) or by path to a ``.toml`` file.

    Raises
    ------
    ScenarioError
        If the file does not exist, is not valid TOML, or misses required entries.
    """
    if not isinstance(name_or_path, str | os.PathLike) or not str(name_or_path).strip():
        raise ScenarioError(
            "a scenario is a built-in name (" + ", ".join(map(repr, list_scenarios())) + ") "
            f"or the path of a .toml scenario file (got {shorten(name_or_path)})"
        )
    path = _scenario_path(name_or_path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ScenarioError(f"scenario file not found: {shorten(str(path))}") from exc
    except (OSError, ValueError) as exc:  # also UnicodeDecodeError, TOMLDecodeError, a NUL
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ScenarioError(f"cannot read scenario file {shorten(str(path))}: {reason}") from exc
    where = path.name
    meta = _table(data.get("scenario", {}), where, "[scenario]")
    try:
        raw_crits = _tables(_require(data, "criteria", where), where, "criteria")
        criteria = tuple(
            Criterion(
                _require(c, "name", where),
                _require(c, "kind", where),
                c.get("description", ""),
                c.get("unit", ""),
                c.get("parent"),
            )
            for c in raw_crits
        )
        tree = hierarchy.build(criteria)
        raw_alts = _tables(_require(data, "alternatives", where), where, "alternatives")
        alternatives = tuple(
            Alternative(_require(a, "name", where), a.get("description", "")) for a in raw_alts
        )
        names = list(tree.leaves)  # only leaf criteria are rated
        rows = []
        for alt, a in zip(alternatives, raw_alts, strict=True):
            label = f"{where}: {shorten(alt.name)}"
            perf = _table(
                _require(a, "performance", where), where, f"performance of {shorten(alt.name)}"
            )
            by_name: dict[str, Any] = {}
            for key, value in perf.items():
                name = canonical_name(key)
                if name in by_name:
                    raise ScenarioError(f"{label} rates {shorten(name)} twice")
                by_name[name] = value
            groups = [k for k in by_name if k in tree.names and k not in names]
            if groups:
                raise ScenarioError(
                    f"{label} rates {shorten(groups[0])}, which has sub-criteria; "
                    "rate its sub-criteria instead"
                )
            unknown = [k for k in by_name if k not in names]
            if unknown:
                raise ScenarioError(f"{label} rates unknown criterion {shorten(unknown[0])}")
            missing = [k for k in names if k not in by_name]
            if missing:
                raise ScenarioError(f"{label} has no rating for {shorten(missing[0])}")
            rows.append([by_name[k] for k in names])
    except ScenarioError:
        raise
    except MCDAError as exc:
        raise ScenarioError(f"{where}: {exc}") from exc
    profiles = _table(_require(data, "profiles", where), where, "[profiles]")
    if not profiles:
        raise ScenarioError(f"{where}: at least one profile is needed")
    for key, spec in profiles.items():
        _table(spec, where, f"profile {shorten(key)}")
    default = meta.get("default_profile", next(iter(profiles)))
    if not isinstance(default, str) or default not in profiles:
        raise ScenarioError(
            f"{where}: default_profile {shorten(default)} is not one of the profiles "
            f"({', '.join(map(shorten, profiles))})"
        )
    texts = {
        key: meta.get(key, path.stem if key != "description" else "")
        for key in ("name", "title", "description")
    }
    for key, value in texts.items():
        if not isinstance(value, str):
            raise ScenarioError(f"{where}: [scenario] {key} must be text (got {shorten(value)})")
    return Scenario(
        name=texts["name"],
        title=texts["title"],
        description=texts["description"],
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
