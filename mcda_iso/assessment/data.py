"""The model data of ``assess``: three TOML files in ``criteria/assess/``, with overrides.

``cost_model.toml`` (audit time, rates, drivers per alternative), ``sector_schemes.toml``
(IATF 16949, EN/AS 9100, ISO 13485, public tenders) and ``benefits.toml`` (evidence,
ratings, uncertainty). Every number in them carries a ``source`` or an ``assumption`` in
its table; :func:`unsourced_numbers` finds any that does not (a test runs it).

Examples
--------
>>> from mcda_iso.assessment.data import load_model
>>> model = load_model({"cost_model": {"rates": {"auditor_day_rate": {"value": 1450}}}})
>>> model.cost["rates"]["auditor_day_rate"]["value"]
1450
>>> load_model({"cost_model": {"rates": {"auditor_rate": {"value": 1}}}})
Traceback (most recent call last):
...
mcda_iso.errors.AssessmentError: model override cost_model.rates.auditor_rate: no such entry; \
known here: currency, auditor_day_rate, certification_admin_fee, consultant_day_rate, \
internal_day_cost, guide_days_per_audit_day, customer_audit_days, customer_audit_reduction
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mcda_iso.errors import AssessmentError, shorten
from mcda_iso.scenarios import scenario_dir

__all__ = ["FILES", "Model", "data_dir", "load_model", "unsourced_numbers"]

#: The model files, by the name used for overrides.
FILES: tuple[str, ...] = ("cost_model", "sector_schemes", "benefits")

#: Keys that document a number's origin.
PROVENANCE: tuple[str, ...] = ("source", "assumption")


def data_dir() -> Path:
    """The folder holding the model files (``criteria/assess``)."""
    return scenario_dir() / "assess"


@dataclass(frozen=True, eq=False)
class Model:
    """The three model files as parsed (with overrides applied).

    Treat the mappings as read-only: functions that use them never change them.
    """

    cost: Mapping[str, Any]
    schemes: Mapping[str, Any]
    benefits: Mapping[str, Any]


def _read(name: str) -> dict[str, Any]:
    path = data_dir() / f"{name}.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise AssessmentError(f"model file not found: {path}") from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise AssessmentError(f"cannot read model file {path}: {exc}") from exc


def _merge(base: dict[str, Any], changes: Mapping[str, Any], where: str) -> None:
    for key, value in changes.items():
        here = f"{where}.{key}"
        if key not in base:
            raise AssessmentError(
                f"model override {here}: no such entry; known here: "
                + ", ".join(str(k) for k in base)
            )
        old = base[key]
        if isinstance(old, dict):
            if not isinstance(value, Mapping):
                raise AssessmentError(
                    f"model override {here} must be a table like the one it replaces "
                    f"(got {shorten(value)})"
                )
            _merge(old, value, here)
            continue
        same = (
            isinstance(old, bool) == isinstance(value, bool)
            and (isinstance(old, int | float) == isinstance(value, int | float))
            and (isinstance(old, str) == isinstance(value, str))
            and (isinstance(old, list) == isinstance(value, list))
        )
        if not same:
            raise AssessmentError(
                f"model override {here} must be a {type(old).__name__} like the value it "
                f"replaces ({shorten(old)}); got {shorten(value)}"
            )
        if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
            raise AssessmentError(f"model override {here} must not be negative (got {value})")
        base[key] = copy.deepcopy(value)


def load_model(overrides: Mapping[str, Any] | None = None) -> Model:
    """Read the model files and apply ``overrides`` (``{file: {table: {key: value}}}``).

    Raises
    ------
    AssessmentError
        A model file cannot be read, or an override names an unknown file or entry, or
        changes a value's type.
    """
    data = {name: _read(name) for name in FILES}
    for name, changes in (overrides or {}).items():
        if name not in data:
            raise AssessmentError(
                f"model override names unknown file {shorten(name)}; files: {', '.join(FILES)}"
            )
        if not isinstance(changes, Mapping):
            raise AssessmentError(f"model override {name} must be a table (got {shorten(changes)})")
        _merge(data[name], changes, name)
    return Model(cost=data["cost_model"], schemes=data["sector_schemes"], benefits=data["benefits"])


def unsourced_numbers(
    data: Mapping[str, Any], where: str = "", inherited: bool = False
) -> list[str]:
    """Dotted paths of the numbers that carry neither a ``source`` nor an ``assumption``.

    A number counts as documented when the table holding it (directly, or inside an array
    or inline table of it), or a table enclosing that one, has a non-empty ``source`` or
    ``assumption`` string; a number at the top level of a file never does. Booleans are
    not numbers here.

    Examples
    --------
    >>> unsourced_numbers({"a": {"x": 1, "source": "IAF MD 5"}, "b": {"y": [2, 3]}})
    ['b.y']
    >>> unsourced_numbers({"c": {"assumption": "a guess", "ratings": {"Lean": 4}}})
    []
    """
    documented = inherited or (
        bool(where)
        and any(isinstance(data.get(key), str) and data[key].strip() for key in PROVENANCE)
    )
    found: list[str] = []

    def numbers(value: Any) -> bool:
        if isinstance(value, bool):
            return False
        if isinstance(value, int | float):
            return True
        if isinstance(value, list):
            return any(numbers(v) for v in value if not isinstance(v, Mapping))
        return False

    for key, value in data.items():
        path = f"{where}.{key}" if where else str(key)
        if isinstance(value, Mapping):
            found.extend(unsourced_numbers(value, path, documented))
        elif isinstance(value, list) and any(isinstance(v, Mapping) for v in value):
            for i, item in enumerate(value):
                if isinstance(item, Mapping):
                    found.extend(unsourced_numbers(item, f"{path}[{i}]", documented))
        elif numbers(value) and not documented:
            found.append(path)
    return found
