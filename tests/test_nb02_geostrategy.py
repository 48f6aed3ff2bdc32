"""Notebook 02 (geostrategy): the analysis module pkru.lessons.nb02_geostrategy, its widget logic, the exercise checks and the quiz."""
from __future__ import annotations

import json

import altair as alt
import pandas as pd
import pytest

import pkru
from pkru.lessons import nb02_geostrategy as power
from pkru.checks import nb02 as checks
from pkru.quiz import load_quiz

from conftest import ROOT


@pytest.fixture(scope="module")
def cap():
    return pkru.load("capabilities")


def raw(cap, iso3, indicator, year):
    row = cap[(cap["iso3"] == iso3) & (cap["indicator"] == indicator) & (cap["year"] == year)]
    assert len(row) == 1
    return float(row["value"].iloc[0])


# ------------------------------------------------------------------ tables
def test_capability_view_converts_units_and_filters(cap):
    v = power.capability_view(cap, ["PAK", "RUS"], "cinc", (1980, 1990))
    assert set(v["iso3"]) == {"PAK", "RUS"} and v["year"].between(1980, 1990).all()
    assert len(v) == 22
    got = v[(v["iso3"] == "RUS") & (v["year"] == 1985)]["value"].iloc[0]
    assert got == pytest.approx(100 * raw(cap, "RUS", "cinc", 1985))
    assert (v["country"].unique() == ["Pakistan", "USSR/Russia"]).all()
    assert v["source"].str.contains("Correlates of War").all()
    assert (v["when"].dt.month == 7).all()  # yearly values plotted mid-year
    g = power.capability_view(cap, ["USA"], "gdp", (2023, 2023))
    assert g["value"].iloc[0] == pytest.approx(raw(cap, "USA", "gdp", 2023) / 1e9)
    assert g["unit"].iloc[0] == "billion current US$" and "World Bank" in g["source"].iloc[0]
    m = power.capability_view(cap, ["IND"], "milex", (2022, 2022))
    assert m["value"].iloc[0] == pytest.approx(raw(cap, "IND", "milex", 2022) / 1e6)


def test_years_can_be_given_in_any_order_and_bad_input_is_named(cap):
    a = power.capability_view(cap, ["CHN"], "milper", (1990, 1980))
    assert a["year"].min() == 1980 and a["year"].max() == 1990
    with pytest.raises(ValueError, match="Unknown indicator 'tpop'"):
        power.capability_view(cap, ["CHN"], "tpop", (1990, 2000))
    with pytest.raises(ValueError, match=r"Unknown country code\(s\) \['SUN'\]"):
        power.capability_view(cap, ["SUN"], "cinc", (1990, 2000))


def test_share_of_five_sums_to_one_and_gdp_starts_with_russia(cap):
    for ind in power.INDICATORS:
        s = power.share_of_five(cap, ind)
        sums = s.groupby("year")["share"].sum()
        assert sums.to_numpy() == pytest.approx(1.0)
        assert (s.groupby("year").size() == 5).all()
    g = power.share_of_five(cap, "gdp")
    assert g["year"].min() == power.RUSSIA_GDP_START == int(cap[(cap["iso3"] == "RUS") & (cap["indicator"] == "gdp")]["year"].min())
    v = power.capability_view(cap, power.FIVE, "gdp", (1960, 2023), share=True)
    assert v["year"].min() == 1988 and v["unit"].iloc[0] == power.SHARE_UNIT
    assert v.groupby("year")["value"].sum().to_numpy() == pytest.approx(100.0)


def test_share_view_of_a_subset_is_still_relative_to_all_five(cap):
    v = power.capability_view(cap, ["PAK"], "milex", (2022, 2022), share=True)
    total = sum(raw(cap, c, "milex", 2022) for c in power.FIVE)
    assert v["value"].iloc[0] == pytest.approx(100 * raw(cap, "PAK", "milex", 2022) / total)


def test_first_year_above_and_ratio_series(cap):
    y = power.first_year_above(cap, "CHN", "USA", "cinc")
    assert raw(cap, "CHN", "cinc", y) > raw(cap, "USA", "cinc", y)
    assert all(raw(cap, "CHN", "cinc", yy) <= raw(cap, "USA", "cinc", yy) for yy in range(1946, y))
    assert power.first_year_above(cap, "PAK", "USA", "cinc") is None
    r = power.ratio_series(cap, "IND", "PAK")
    assert set(r["indicator"]) == {"cinc", "milex", "gdp"}
    assert pd.Series(r["ratio"]).replace([float("inf")], pd.NA).notna().all()
    assert 1947 not in set(r[r["indicator"] == "milex"]["year"])  # Pakistan's 1947 spending is 0: left out
    got = r[(r["indicator"] == "milex") & (r["year"] == 2022)]["ratio"].iloc[0]
    assert got == pytest.approx(raw(cap, "IND", "milex", 2022) / raw(cap, "PAK", "milex", 2022))


def test_break_table_shows_the_1991_92_step(cap):
    t = power.break_table(cap)
    change = t.loc[1992, "CINC change from year before (%)"]
    assert change == pytest.approx(100 * (raw(cap, "RUS", "cinc", 1992) / raw(cap, "RUS", "cinc", 1991) - 1), abs=0.05)
    assert change < -30
    assert t.loc[1992, "military personnel (thousands)"] < t.loc[1991, "military personnel (thousands)"]


def test_polarity_table_and_us_share(cap):
    p = power.polarity_table(cap, years=(1985, 1992, 2022))
    assert "GDP" not in set(p[p["year"] == 1985]["yardstick"])  # no Soviet GDP: no 1985 GDP row
    ms = p[(p["yardstick"] == "military spending")].set_index("year")
    assert ms.loc[1992, "leader"] == "United States" and ms.loc[1992, "US share (%)"] > ms.loc[1985, "US share (%)"]
    assert p[(p["yardstick"] == "CINC") & (p["year"] == 2022)]["leader"].iloc[0] == "China"
    assert (p["leader ÷ runner-up"] >= 1).all()
    u = power.us_share_by_indicator(cap)
    assert u["share"].between(0, 100).all() and set(u["yardstick"]) == {"CINC", "military spending", "GDP"}
    assert u[u["yardstick"] == "GDP"]["year"].min() == 1988


def test_key_figures_are_consistent_with_the_data(cap):
    f = power.key_figures(cap)
    assert f["china_passes_us_cinc"] == power.first_year_above(cap, "CHN", "USA", "cinc")
    assert f["ussr_leads_cinc"][0] < 1979 < f["ussr_leads_cinc"][1]
    assert f["rus_cinc_last"] < f["rus_cinc_peak"]
    assert f["ind_pak_milex_last"] > f["ind_pak_milex_1990"]
    assert f["us_milex_share"][1992] > f["us_milex_share"][1985]
    assert f["us_gdp_share"][f["gdp_last_year"]] < f["us_gdp_share"][2000]
    below, n = f["rus_below_ind_gdp_since_1996"]
    assert 0 < below <= n == f["gdp_last_year"] - 1996 + 1


# ------------------------------------------------------------------ widget logic
def test_caveats_depend_on_the_selection():
    spans = power.caveats("cinc", ["RUS", "USA"], (1980, 2000))
    assert any("1991" in n and "1992" in n for n in spans)
    assert not any("USSR" in n for n in power.caveats("cinc", ["USA"], (1980, 2000)))
    assert not any("USSR" in n for n in power.caveats("cinc", ["RUS"], (1995, 2020)))
    gdp = power.caveats("gdp", ["RUS"], (1960, 2023))
    assert any("1988" in n for n in gdp) and any("current US dollars" in n for n in gdp)
    assert any("shares of the five start in 1988" in n for n in power.caveats("gdp", ["USA"], (1960, 2023), share=True))
    assert any("East Pakistan" in n for n in power.caveats("milex", ["PAK"], (1950, 2000)))
    assert not any("East Pakistan" in n for n in power.caveats("milex", ["PAK"], (1980, 2000)))


def test_describe_view_ranks_the_last_year(cap):
    v = power.capability_view(cap, power.FIVE, "cinc", (1946, 2022))
    text = power.describe_view(v, "cinc")
    assert text.startswith("CINC in 2022")
    ranking = text.split(":", 1)[1].split(" Change")[0]
    assert ranking.index("China") < ranking.index("United States") < ranking.index("Pakistan")
    assert "Change over the selected years" in text
    empty = power.capability_view(cap, ["RUS"], "gdp", (1960, 1980))
    assert empty.empty and "No data" in power.describe_view(empty, "gdp")


def _layer_marks(spec):
    marks = []
    for layer in spec.get("layer", []):
        m = layer.get("mark")
        marks.append(m if isinstance(m, str) else (m or {}).get("type"))
        marks += _layer_marks(layer)
    return marks


def test_explorer_render_builds_a_chart_with_sources_and_break(cap):
    text, chart = power.explorer_render(cap, ["RUS", "USA"], "milper", (1980, 2000), "values", False)
    assert "USSR" in text and isinstance(chart, alt.LayerChart)
    spec = chart.to_dict()
    assert "rule" in _layer_marks(spec)
    line = spec["layer"][0]
    assert any(t.get("field") == "source" for t in line["encoding"]["tooltip"])
    assert spec.get("description")
    _, no_break = power.explorer_render(cap, ["USA"], "milper", (1980, 2000), "values", False)
    assert "rule" not in _layer_marks(no_break.to_dict())
    _, log_chart = power.explorer_render(cap, ["PAK", "IND"], "milex", (1947, 2022), "values", True)
    ls = log_chart.to_dict()
    assert ls["layer"][0]["encoding"]["y"]["scale"]["type"] == "log"
    text, none = power.explorer_render(cap, ["RUS"], "gdp", (1960, 1980), "values", False)
    assert none is None and "No data" in text


def test_capability_explorer_has_labelled_controls(cap):
    assert power.capability_explorer is power.explorer  # the old name, for learners' saved copies
    box = power.explorer(cap)
    from ipywidgets import Output, ValueWidget

    controls = [c for c in box.children if isinstance(c, ValueWidget) and c.description]
    assert [c.description for c in controls] == ["Countries", "Indicator", "Years", "Show",
                                                 "Log scale (compares growth rates)"]
    assert controls[1].value == "cinc" and tuple(controls[0].value) == tuple(power.FIVE)
    assert isinstance(box.children[-1], Output)


def test_afghanistan_events_and_their_sources():
    ev = pkru.load("events")
    a = power.afghanistan_events(ev)
    ids = set(a["event_id"])
    assert {"ev1979_soviet_intervention_afghanistan", "ev1988_geneva_accords",
            "ev1989_soviet_withdrawal_completed"} <= ids
    assert (a["title"] + a["summary"]).str.contains("Afghan", case=False).all()
    assert list(a["date"]) == sorted(a["date"])
    srcs = power.event_source_ids(ev, ["ev1988_geneva_accords", "ev1989_soviet_withdrawal_completed"])
    assert srcs == ["wp_geneva_accords_1988", "onlli_geneva_accords", "wp_soviet_afghan_war"]
    with pytest.raises(KeyError, match="ev2021_us_withdrawal"):
        power.event_source_ids(ev, ["ev2021_us_withdrawal"])


def test_chart_descriptions_are_written_from_the_data(cap):
    view = power.capability_view(cap, ["RUS", "USA"], "cinc", (1946, 2022))
    marks = pkru.charts.pick_events({"ev1979_soviet_intervention_afghanistan": "Soviet troops in"})
    desc = power.lines_chart(view, title="t", indicator="cinc", annotate=marks,
                             breaks=power.break_rules(["ussr"])).to_dict()["description"]
    rus = view[view["iso3"] == "RUS"].set_index("year")["value"]
    assert desc.startswith("Line chart of Composite Index of National Capability (CINC) (% of world total), "
                           "1946–2022.")
    assert f"USSR/Russia: {rus.iloc[0]:,.2f} in {rus.index[0]}" in desc
    assert f"highest {rus.max():,.2f} in {rus.idxmax()}" in desc and f"{rus.iloc[-1]:,.2f} in 2022" in desc
    assert desc.endswith("Grey dashed lines mark events: Soviet troops in (1979). "
                         "Red dashed lines mark data breaks: USSR → Russia (1992).")
    us = power.us_share_by_indicator(cap)
    desc = power.yardstick_chart(us, title="t").to_dict()["description"]
    gdp = us[us["yardstick"] == "GDP"].sort_values("year")
    span = f"{us['year'].min()}–{us['year'].max()}"
    assert desc.startswith(f"Line chart of US share of the five countries' total (%), {span}.")
    assert f"GDP: {gdp['share'].iloc[0]:.1f} in {gdp['year'].iloc[0]}" in desc
    assert power.yardstick_chart(us, title="t", description="given").to_dict()["description"] == "given"


def test_cited_sources_include_the_afghanistan_events():
    ids = set(power.cited_source_ids())
    for v in power.afghanistan_events()["source_ids"]:
        assert set(pkru.data.split_ids(v)) <= ids
    listed = pkru.sources.ids_used_by("02")
    assert ids <= set(listed) and set(power.CITED_SOURCES) <= set(listed)


# ------------------------------------------------------------------ exercises
def _wide(cap, ind):
    return cap[cap["indicator"] == ind].pivot_table(index="year", columns="iso3", values="value")


def test_ex1_accepts_first_year_and_rejects_near_misses(cap):
    c = _wide(cap, "cinc")
    first = int(c[c["CHN"] > c["USA"]].index.min())
    assert checks.ex1(first).ok
    later = checks.ex1(first + 1)
    assert later.status == "not_yet" and "smallest" in later.message
    dip = [int(y) for y in c.index if y > first and c.loc[y, "CHN"] <= c.loc[y, "USA"]]
    if dip:
        assert "ahead again" in checks.ex1(dip[0]).message
    assert "still ahead" in checks.ex1(first - 1).message
    assert checks.ex1(str(first)).status == "not_yet"  # wrong type: a string


def test_ex2_accepts_ratio_and_names_common_mistakes(cap):
    m, g = _wide(cap, "milex"), _wide(cap, "gdp")
    ratio = m.loc[2022, "IND"] / m.loc[2022, "PAK"]
    assert checks.ex2(float(ratio)).ok and checks.ex2(round(float(ratio), 1)).ok
    assert "Pakistan by India" in checks.ex2(float(1 / ratio)).message
    assert "GDP" in checks.ex2(float(g.loc[2022, "IND"] / g.loc[2022, "PAK"])).message
    assert "2021" in checks.ex2(float(m.loc[2021, "IND"] / m.loc[2021, "PAK"])).message
    assert checks.ex2("7.4").status == "not_yet"


def test_ex3_accepts_percentage_and_rejects_fraction_and_wrong_year(cap):
    m = _wide(cap, "milex")
    share = 100 * m.loc[1992, "USA"] / m.loc[1992].sum()
    assert checks.ex3(float(share)).ok
    assert "Multiply by 100" in checks.ex3(float(share / 100)).message
    assert "1985" in checks.ex3(float(100 * m.loc[1985, "USA"] / m.loc[1985].sum())).message
    other_four = 100 * m.loc[1992, "USA"] / (m.loc[1992].sum() - m.loc[1992, "USA"])
    assert "other four" in checks.ex3(float(other_four)).message
    assert checks.ex3([share]).status == "not_yet"


# ------------------------------------------------------------------ quiz and notebook
def test_quiz_figures_match_the_data(cap):
    doc = load_quiz("02")
    assert len(doc["questions"]) >= 6
    by_id = {q["id"]: q for q in doc["questions"]}
    m = _wide(cap, "milex")
    ratio = m.loc[2022, "IND"] / m.loc[2022, "PAK"]
    assert by_id["q02_7"]["answer"] == f"About {round(ratio)} times"
    assert f"{100 * raw(cap, 'RUS', 'cinc', 2022):.1f}%" in by_id["q02_1"]["answer"]


def test_notebook_has_widget_quiz_sources_and_callouts():
    nb = json.loads((ROOT / "notebooks" / "02_geostrategy.ipynb").read_text(encoding="utf-8"))
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert code[-1].strip() == 'pkru.show_sources(notebook="02")'
    assert any("power.explorer(" in c for c in code) and any('quiz.show("02")' in c for c in code)
    assert 'alert alert-info"><b>Evidence' in text.replace("\n", "") and "alert alert-warning" in text
    assert text.count("**What to notice") >= 4


def test_sipri_spending_is_its_own_series():
    v = power.sipri_view(years=(1990, 2030))
    m = pkru.load("milex_sipri")
    assert int(v["year"].max()) == int(m["year"].max()) == 2024
    assert set(v["source"]) == {pkru.data.source_label("sipri_milex_2025")}
    pak = v.query("iso3 == 'PAK' and year == 2024")["value"].iloc[0]
    assert pak == pytest.approx(m.query("iso3 == 'PAK' and year == 2024 and measure == 'current_usd'")["value"].iloc[0] / 1000)
    text = power.sipri_chart(v, title="t").to_dict()["description"]
    assert "1990–2024" in text and "SIPRI marks as its own estimates" in text
    with pytest.raises(ValueError, match="current_usd"):
        power.sipri_view(measure="milex")


# ------------------------------------------------------------------ figures typed in the prose (issue 15)
def _markdown() -> str:
    nb = json.loads((ROOT / "notebooks" / "02_geostrategy.ipynb").read_text(encoding="utf-8"))
    return " ".join("\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown").split())


def test_figures_typed_in_the_prose_match_the_data(cap):
    """The words of notebook 02's "What to notice" boxes, tied to data/capabilities.csv: change the data (or the
    sentence) and this fails."""
    text, f = _markdown(), power.key_figures(cap)
    # section 1: the 1991–92 step and the 1988–89 spending step
    change = power.break_table(cap, "RUS", (1987, 1994))["CINC change from year before (%)"]
    assert "The biggest fall in CINC, about a third, comes between 1991 and 1992" in text
    assert change.idxmin() == 1992 and -40 < change.min() < -28
    assert "falls by almost two-thirds between 1988 and 1989" in text and -67 < f["ussr_milex_change_1988_1989"] < -58
    # section 2
    assert "The USSR led the five from 1971 to 1988" in text and f["ussr_leads_cinc"] == (1971, 1988)
    assert "China passed the US in the mid-1990s with about a tenth of America's GDP" in text
    assert 1994 <= f["china_passes_us_cinc"] <= 1996 and 0.08 < f["china_us_gdp_ratio_then"] < 0.12
    assert "roughly one to two per cent of the world, and a little under one per cent in most years from 1971 to 1988" in text
    assert 0.75 < f["pak_cinc_min"] < 1 < f["pak_cinc_max"] < 2
    assert len(set(f["pak_cinc_below_1"]) & set(range(1971, 1989))) > 9     # "most years from 1971 to 1988"
    since, lo, hi = f["ind_pak_cinc_since"]
    assert since == 1972 and 5 <= lo < hi <= 7
    assert "since 1972, with East Pakistan out of the series, India has been five to seven times larger" in text
    # section 6
    assert "between about five and seven since 1972" in text
    assert "roughly doubled since 1990" in text and 1.8 < f["ind_pak_milex_last"] / f["ind_pak_milex_1990"] < 2.4
    assert "jumps by more than half in one year" in text and f["pak_gdp_jump_1999_2000"] > 50
    # section 7: polarity
    m, g = f["us_milex_share"], f["us_gdp_share"]
    assert "from under half (1985) to over three-quarters (1992) and was still over two-thirds in 2022" in text
    assert m[1985] < 50 and m[1992] > 75 and m[2022] > 200 / 3 and f["milex_last_year"] == 2022
    assert "from over four-fifths (2000) to just over half in the last year" in text and g[2000] > 80
    assert 50 < g[f["gdp_last_year"]] < 56
    cinc = _wide(cap, "cinc")
    us_led = [int(y) for y in cinc.index[(cinc["USA"] > cinc["CHN"]).to_numpy()] if y >= 1992]
    assert us_led == [1992, 1993, 1994, 2002] and "led the five only narrowly in 1992–94" in text
    assert f["china_passes_us_cinc"] == 1995 and f["us_ahead_again_cinc"] == [2002]
    row = power.polarity_table(cap, years=(1992,)).set_index("yardstick").loc["CINC"]
    assert row["leader"] == "United States" and round(row["leader ÷ runner-up"], 1) == 1.2
    assert "1.2 times China in 1992" in text and "never unipolar" not in text


def test_the_1999_visit_sentence_follows_the_visit_record():
    """Notebook 02, section 4: Sharif 1999 = first Pakistani PM since 1974 and first bilateral top-level visit since
    then; the last Pakistani leader before him was Zia at Chernenko's funeral (March 1985); no Soviet or Russian head
    of government in Pakistan between Kosygin (1969) and Fradkov (2007)."""
    text = _markdown()
    v = pkru.load("visits")
    top = v[v["level"].isin(["head_of_state", "head_of_government"])].sort_values("date")
    sharif = top[top["visit_id"] == "v1999_sharif_moscow"].iloc[0]
    before = top[top["date"] < sharif["date"]]
    pak_pm = before[(before["from_country"] == "PAK") & (before["level"] == "head_of_government")]
    assert pak_pm["date"].iloc[-1].startswith("1974")
    assert before[before["occasion"] == "bilateral"]["date"].iloc[-1].startswith("1974")
    last = before[before["from_country"] == "PAK"].iloc[-1]
    assert (last["visitor"], last["date"][:7], last["occasion"]) == ("Zia-ul-Haq", "1985-03", "multilateral")
    assert ("first visit by a Pakistani prime minister since 1974 and the first bilateral top-level visit in either "
            "direction since then") in text
    assert "The last Pakistani leader in Moscow before him was Zia-ul-Haq, at Chernenko's funeral in March 1985" in text
    assert "first by a Pakistani leader in about 25 years" not in text
    rus_pm = top[(top["from_country"] == "RUS") & (top["level"] == "head_of_government")]
    years = rus_pm["date"].str[:4].astype(int).tolist()
    assert [y for y in years if 1969 < y < 2007] == [] and 1969 in years and 2007 in years


def test_quiz_figures_typed_in_the_explanations_match_the_data(cap):
    q = {x["id"]: x for x in load_quiz("02")["questions"]}
    f = power.key_figures(cap)
    assert "falls by about 35%" in q["q02_2"]["question"] and round(f["rus_cinc_change_1991_1992"]) == -35
    g, m = f["us_gdp_share"], f["us_milex_share"]
    assert (f"about {g[2000]:.0f}% (2000) to about {g[f['gdp_last_year']]:.0f}% ({f['gdp_last_year']})"
            in q["q02_6"]["answer"]) and f"about {m[2022]:.0f}% of the five's military total (2022)" in q["q02_6"]["answer"]
    assert (f"from {f['rus_cinc_peak']:.0f}% (USSR, {f['rus_cinc_peak_year']}) to about {f['rus_cinc_last']:.0f}%"
            in q["q02_6"]["explanation"])
    assert (f"about {f['ind_pak_milex_last']:.1f} times as much as Pakistan in 2022, against about "
            f"{f['ind_pak_milex_1990']:.1f} times in 1990") in q["q02_7"]["explanation"]
    assert "strongly supported the corridor" in q["q02_9"]["explanation"]
    assert "no Russian CPEC project is documented in the course's sources" not in q["q02_9"]["explanation"]


def test_sipri_estimate_years_named_in_the_text_are_the_tables():
    """The text before the SIPRI chart names which countries' values SIPRI marks as estimates (1990–2024)."""
    m = pkru.load("milex_sipri")
    m = m[(m["measure"] == "current_usd") & m["year"].between(1990, 2024) & (m["estimate"] == "yes")]
    years = {c: sorted(int(y) for y in g["year"]) for c, g in m.groupby("iso3")}
    chn = pkru.load("milex_sipri")
    chn = chn[(chn["measure"] == "current_usd") & (chn["iso3"] == "CHN") & chn["year"].between(1990, 2024)]
    assert years["CHN"] == sorted(int(y) for y in chn["year"])                      # every Chinese year
    assert years["PAK"] == list(range(1990, 2007)) + [2011]                          # to 2006, and 2011
    assert [y for y in years["RUS"] if y <= 2012][-1] == 2012 and years["RUS"][-3:] == [2022, 2023, 2024]
    assert not [y for y in years["RUS"] if 2012 < y < 2022]
    assert set(years) <= {"CHN", "PAK", "RUS"}                                      # no other country's
    nb = json.loads((ROOT / "notebooks" / "02_geostrategy.ipynb").read_text(encoding="utf-8"))
    text = " ".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown").replace("\n", " ")
    assert "every Chinese year, Pakistan's years to 2006 (and 2011), and Russia's to 2012 and again in 2022–24" in text
