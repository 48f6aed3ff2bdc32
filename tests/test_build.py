"""The build step: derived tables are reproducible from the raw sources, and its absence is handled."""
from __future__ import annotations

import subprocess
import sys

import importlib.util

import pkru

from conftest import ROOT, SHARED_SOURCES, needs_shared_sources

_spec = importlib.util.spec_from_file_location("build_data", ROOT / "scripts" / "build_data.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)


@needs_shared_sources()
def test_rebuild_is_byte_identical():
    built = build.build_all(SHARED_SOURCES, ROOT)
    assert set(built) == {"trade.csv", "arms_imports.csv", "unga_agreement.csv", "alliances.csv", "capabilities.csv",
                          "unga_agreement_recorded.csv", "unga_resolutions.csv", "unga_idealpoints.csv",
                          "arms_imports_2026.csv", "arms_totals_2026.csv", "arms_vintages.csv", "arms_deals_pak_2026.csv",
                          "milex_sipri.csv"}
    origin = {r["path"] for r in pkru.data.datapackage(ROOT)["resources"] if r.get("origin", "").startswith("built")}
    assert set(built) == origin, "every table the data dictionary calls built is built, and no other"
    for name, text in built.items():
        shipped = (ROOT / "data" / name).read_bytes()
        assert text.encode("utf-8") == shipped, f"data/{name} differs from a rebuild: run python scripts/build_data.py"
    assert build.build_all(SHARED_SOURCES, ROOT) == built  # and twice gives the same


@needs_shared_sources()
def test_no_raw_file_is_copied_into_the_project():
    import hashlib

    raw = {hashlib.sha256(p.read_bytes()).hexdigest() for p in SHARED_SOURCES.rglob("*") if p.is_file()}
    for p in (ROOT / "data").rglob("*"):
        if p.is_file():
            assert hashlib.sha256(p.read_bytes()).hexdigest() not in raw, f"{p} is a copy of a raw source file"


@needs_shared_sources()
def test_unga_agreement_matches_a_direct_count():
    """Recompute one cell of the table by hand from the raw votes: PAK–RUS, 1985, all issues."""
    import csv

    votes = {}
    for r in csv.DictReader(open(SHARED_SOURCES / "unvotes" / "un_votes_pak_rus_usa_chn_ind.csv", encoding="utf-8")):
        if r["year"] == "1985" and r["iso3c"] in ("PAK", "RUS"):
            votes.setdefault(r["rcid"], {})[r["iso3c"]] = r["vote"]
    both = [v for v in votes.values() if len(v) == 2]
    same = sum(v["PAK"] == v["RUS"] for v in both)
    u = pkru.load("unga_agreement")
    row = u[(u.year == 1985) & (u.country_a == "PAK") & (u.country_b == "RUS") & (u.issue == "all")].iloc[0]
    assert row["n_votes"] == len(both)
    assert abs(row["agreement"] - same / len(both)) < 1e-4


def test_build_without_sources_skips_with_a_message(tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_data.py"), "--sources", str(tmp_path / "nope")],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0
    assert "Raw sources not found" in out.stdout and "nothing rebuilt" in out.stdout
