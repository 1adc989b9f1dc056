"""LICENSE and CITATION.cff at the top level agree with pyproject.toml (issue 13)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_license_is_the_mit_licence_pyproject_names():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert PROJECT["license"] == {"text": "MIT"}
    assert text.startswith("MIT License") and "mcda_iso developers" in text
    assert "Permission is hereby granted, free of charge" in text


def test_citation_file_holds_what_cff_1_2_0_requires():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    # CFF 1.2.0 requires cff-version, message, title and authors (each a person or an entity).
    assert cff["cff-version"] == "1.2.0"
    assert cff["message"] and cff["title"].startswith(PROJECT["name"])
    assert cff["authors"] == [{"name": a["name"]} for a in PROJECT["authors"]]
    assert cff["version"] == PROJECT["version"] and cff["license"] == "MIT"
    assert cff["type"] == "software"
    for reference in cff["references"]:
        assert {"type", "title", "authors", "year"} <= set(reference)
