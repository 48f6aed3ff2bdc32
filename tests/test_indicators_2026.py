"""The shared indicators of the 2019–2025 series (pkru.indicators), computed from data/ (no raw sources needed)."""
from __future__ import annotations

import pandas as pd
import pytest

import pkru
from pkru import indicators


def test_unga_years_keeps_the_two_bases_apart():
    s = indicators.unga_years("PAK-RUS")
    assert list(dict.fromkeys(s["basis"])) == list(indicators.UNGA_BASES)
    for basis, part in s.groupby("basis"):
        assert part["year"].is_unique, basis
    assert (s.groupby("year")["basis"].nunique() > 1).sum() == 1  # only the overlap year has both
    both = s[s["year"] == 2019].set_index("basis")["agreement"]
    assert both["voeten_roll_calls"] == both["un_recorded_votes"]
    assert s.loc[s["basis"] == "un_recorded_votes", "year"].max() == pkru.load("unga_agreement_recorded")["year"].max()
    # an issue code exists only on the roll-call basis
    assert set(indicators.unga_years("PAK-RUS", "nu")["basis"]) == {"voeten_roll_calls"}
    with pytest.raises(ValueError, match="PAK-RUS"):
        indicators.unga_years("PAKRUS")


def test_unga_recorded_mean_is_the_mean_of_the_table():
    r = pkru.load("unga_agreement_recorded").query("country_a == 'PAK' and country_b == 'USA' and 2020 <= year <= 2025")
    assert indicators.unga_recorded_mean("PAK-USA", (2025, 2020)) == pytest.approx(r["agreement"].mean())
    # and the roll-call mean knows nothing of the later years
    assert pd.isna(indicators.unga_mean("PAK-USA", (2020, 2025)))


def test_emergency_votes_come_from_the_vote_table():
    v = pkru.load("unga_resolutions")
    for session in indicators.EMERGENCY_SESSIONS:
        e = indicators.emergency_votes(session)
        assert list(e["resolution"]) == sorted(v.loc[v["emergency_session"] == session, "resolution"],
                                               key=lambda r: v.set_index("resolution").loc[r, "date"])
        assert e["source"].str.startswith("United Nations").all()
    ukraine = indicators.emergency_votes(11)
    assert indicators.vote_pattern(ukraine, "PAK") == {"yes": 0, "no": 0, "abstain": len(ukraine), "not_recorded": 0}
    assert indicators.vote_pattern(ukraine, "RUS")["no"] == len(ukraine)
    assert ukraine["when_label"].iloc[0] == "2 March 2022"
    with pytest.raises(ValueError, match="10, 11"):
        indicators.emergency_votes(12)


def test_vintage_change_and_world_share():
    pak = indicators.arms_vintage_change("PAK")
    v = pkru.load("arms_vintages").query("recipient == 'PAK' and 2015 <= year <= 2021")
    assert pak["tiv_2022"] == pytest.approx(v["tiv_vintage_2022"].sum())
    assert pak["change"] == pytest.approx(pak["tiv_2026"] / pak["tiv_2022"] - 1)
    assert indicators.arms_vintage_change("IND")["change"] < pak["change"] < 0
    t = pkru.load("arms_totals_2026").query("2020 <= year <= 2024").groupby("recipient")["tiv"].sum()
    assert indicators.world_import_share("IND", (2020, 2024)) == pytest.approx(t["IND"] / t["WLD"])
    assert pd.isna(indicators.world_import_share("PAK", (1950, 1960)))


def test_arms_share_reads_either_vintage():
    new = pkru.load("arms_imports_2026")
    share = indicators.arms_share("China", (2020, 2024), arms=new)
    a = new.query("recipient == 'PAK' and 2020 <= year <= 2024")
    assert share == pytest.approx(a.loc[a["supplier"] == "China", "tiv"].sum() / a["tiv"].sum())
