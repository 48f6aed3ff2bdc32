"""Notebook 04 (trade): the logic of pkru.lessons.nb04_trade on the real data/trade.csv, its charts, the widget, the quiz
and the exercise checks of pkru.checks.nb04."""
from __future__ import annotations


import pandas as pd
import pytest

import pkru
from pkru import indicators
from pkru.lessons import nb04_trade as tr
from pkru.checks import nb04 as checks

from conftest import solution_namespace


@pytest.fixture(scope="module")
def data():
    return pkru.load("trade")


def _cow(data, partner, flow="total"):
    c = data[(data["series"] == "cow") & (data["partner"] == partner) & (data["flow"] == flow)]
    return c.set_index(c["year"].astype(int))["value_usd_m"]


def _official(data, year, period, flow):
    o = data[(data["series"] == "official") & (data["year"] == year) & (data["period"] == period) & (data["flow"] == flow)]
    assert len(o) == 1
    return float(o["value_usd_m"].iloc[0])


# ------------------------------------------------------------------ labels
@pytest.mark.parametrize("year, label", [(2023, "FY2022-23"), (2021, "FY2020-21"), (2000, "FY1999-00"),
                                         (2010, "FY2009-10")])
def test_fiscal_year_label_names_the_year_it_ends(year, label):
    assert tr.fy_label(year) == label


def test_period_label_and_midpoint_keep_fiscal_and_calendar_apart():
    assert tr.period_label(2023, "pk_fiscal") == "FY2022-23"
    assert tr.period_label(2023, "calendar") == "2023 (calendar)"
    # a fiscal year (July-June) is centred half a year before the calendar year with the same number
    assert tr.period_midpoint(2023, "pk_fiscal") == pd.Timestamp("2023-01-01")
    assert tr.period_midpoint(2023, "calendar") == pd.Timestamp("2023-07-01")


def test_status_read_from_notes():
    assert tr.status_of("lower bound: said it 'exceeded $1 billion'") == "lower bound"
    assert tr.status_of("State Bank via WealthPK; doubtful: far below") == "doubtful"
    assert tr.status_of("") == "as stated" and tr.status_of(None) == "as stated" and tr.status_of(pd.NA) == "as stated"


# ------------------------------------------------------------------ COW series
def test_cow_partner_matches_the_table_and_computes_balance_and_share(data):
    d = tr.cow_partner("RUS", data).set_index("year")
    exp, imp, world = _cow(data, "RUS", "pak_exports"), _cow(data, "RUS", "pak_imports"), _cow(data, "WLD")
    assert list(d.index) == list(range(1948, 2015))
    assert d.loc[1987, "balance"] == exp[1987] - imp[1987] == 82
    assert d.loc[2008, "balance"] < 0 < d.loc[2012, "balance"]
    assert d.loc[1971, "share_pct"] == pytest.approx(100 * 61 / world[1971])
    assert d.loc[1991, "entity"] == "USSR" and d.loc[1992, "entity"] == "Russia"
    assert set(d["source"]) == {pkru.data.source_label("cow_trade_v4")}


def test_shares_stay_below_100_and_russia_peaks_in_1971(data):
    s = tr.shares(data)
    assert len(s) == 4 * 67
    total_of_four = s.groupby("year")["share_pct"].sum()
    assert (total_of_four < 100).all() and (s["share_pct"] >= 0).all()
    rus = s[s["partner"] == "RUS"].set_index("year")["share_pct"]
    assert rus.idxmax() == 1971 and 3.5 < rus.max() < 4
    assert (rus.loc[1992:] < 1).all()


def test_span_share_is_a_ratio_of_sums(data):
    rus, world = _cow(data, "RUS").loc[2010:2014].sum(), _cow(data, "WLD").loc[2010:2014].sum()
    assert 100 * indicators.trade_share("RUS", (2010, 2014), trade=data) == pytest.approx(100 * rus / world)
    assert 100 * indicators.trade_share("RUS", (2014, 2010), trade=data) == pytest.approx(100 * rus / world)  # order does not matter


def test_first_year_china_stays_ahead_of_the_us(data):
    y = indicators.first_year_ahead("CHN", "USA", trade=data)
    chn, usa = _cow(data, "CHN"), _cow(data, "USA")
    assert y == 2006
    assert (chn.loc[y:] > usa.loc[y:]).all() and chn[y - 1] <= usa[y - 1]
    assert indicators.first_year_ahead("RUS", "USA", trade=data) is None


def test_peak_and_decade_summary(data):
    assert tr.peak("RUS", "total", data) == {"year": 2008, "value": 660.0}
    dec = tr.decade_summary("RUS", data).set_index("decade")
    assert dec.loc["1980s", "balance"] > 0 > dec.loc["2000s", "balance"]
    assert dec.loc["2010s", "years"] == "2010–2014"
    assert dec["share_pct"].max() < 4


# ------------------------------------------------------------------ official figures
def test_official_figures_are_labelled_and_flagged(data):
    o = tr.official(data)
    assert (o["partner"] == "RUS").all() and len(o) == (data["series"] == "official").sum()
    fy22 = o[(o["year"] == 2022) & (o["period"] == "pk_fiscal")].iloc[0]
    assert fy22["status"] == "doubtful" and fy22["period_label"] == "FY2021-22"
    cal23 = o[(o["year"] == 2023) & (o["period"] == "calendar")].iloc[0]
    assert cal23["status"] == "lower bound" and cal23["value_usd_m"] == 1000
    assert (o.loc[~o.index.isin([fy22.name, cal23.name]), "status"] == "as stated").all()


def test_totals_compared_are_points_on_separate_bases(data):
    d = tr.totals_compared(data)
    assert set(d["basis"]) == set(tr.BASIS.values())
    assert set(d.loc[d["basis"] == tr.BASIS["cow"], "year"]) == {2012, 2013, 2014}
    # same year, different bases -> different plotting positions or different values, never merged
    y2012 = d[d["year"] == 2012]
    assert sorted(y2012["value_usd_m"]) == [542, 563]
    assert d.loc[d["status"] == "lower bound", "label"].iloc[0] == "> 1000"
    assert d.loc[d["status"] == "doubtful", "label"].iloc[0] == "? 388"


def test_official_split_balances(data):
    s = tr.official_split(data).set_index("period_label")
    assert list(s.index) == ["2012 (calendar)", "2015 (calendar)", "FY2020-21", "FY2022-23"]
    assert s.loc["FY2022-23", "balance"] == pytest.approx(74 - 846)
    # the 2021 headline said -620.99, but the components give -601.99
    assert s.loc["FY2020-21", "balance"] == pytest.approx(-601.99)
    assert (s.loc[["2012 (calendar)", "2015 (calendar)"], "balance"] > 0).all()


def test_cow_vs_official_2012_shows_importer_vs_exporter(data):
    c = tr.cow_vs_official(2012, data).set_index("flow")
    assert c.loc[tr.FLOWS["pak_exports"], "difference"] == 0  # both are Russia's import record
    assert c.loc[tr.FLOWS["pak_imports"], "difference"] == 231 - 210  # importer (Pakistan) vs exporter (Russia)


def test_pct_change():
    assert tr.pct_change(100, 150) == 50 and tr.pct_change(945.87, 920) == pytest.approx(-2.735, abs=1e-3)


# ------------------------------------------------------------------ widget logic
def test_partner_series_values_and_shares(data):
    v = tr.partner_series(data, ["CHN", "RUS"], "pak_exports", "value", (2000, 2014))
    assert list(v["partner"].unique()) == ["RUS", "CHN"]  # course order, whatever the selection order
    assert v["year"].between(2000, 2014).all() and len(v) == 2 * 15
    assert v.set_index(["partner", "year"]).loc[("RUS", 2013), "value"] == _cow(data, "RUS", "pak_exports")[2013]
    s = tr.partner_series(data, ["RUS"], "pak_imports", "share", (2008, 2008))
    assert s["value"].iloc[0] == pytest.approx(100 * _cow(data, "RUS", "pak_imports")[2008]
                                               / _cow(data, "WLD", "pak_imports")[2008])
    assert tr.partner_series(data, ["RUS"], "total", "share", (2014, 1990))["year"].min() == 1990  # reversed range


def test_partner_series_empty_and_bad_input(data):
    assert tr.partner_series(data, [], "total", "share", (1990, 2014)).empty
    with pytest.raises(ValueError):
        tr.partner_series(data, ["RUS"], "balance", "share", (1990, 2014))
    with pytest.raises(ValueError):
        tr.partner_series(data, ["RUS"], "total", "index", (1990, 2014))


def test_describe_series(data):
    df = tr.partner_series(data, ["RUS", "CHN"], "total", "share", (1948, 2014))
    text = tr.describe_series(df, "total", "share", (1948, 2014))
    assert "USSR/Russia" in text and "China" in text and "1971" in text and "2014" in text
    v = tr.partner_series(data, ["USA"], "pak_exports", "value", (1990, 2014))
    assert "million US$" in tr.describe_series(v, "pak_exports", "value", (1990, 2014))
    assert "Choose at least one partner" in tr.describe_series(v.iloc[:0], "total", "share", (1990, 2014))


def test_series_chart_has_tooltips_with_source_and_a_description(data):
    df = tr.partner_series(data, ["RUS", "IND"], "total", "value", (1948, 2014))
    spec = tr.series_chart(df, "total", "value", (1948, 2014)).to_dict()
    assert spec["description"].startswith("Pakistan's total trade")
    assert any(t.get("title") == "Source" for t in spec["encoding"]["tooltip"])
    assert spec["encoding"]["color"]["scale"]["domain"] == ["USSR/Russia", "India"]


def test_trade_explorer_controls_are_labelled_with_sensible_defaults(data):
    assert tr.trade_explorer is tr.explorer  # the old name, for learners' saved copies
    box = tr.explorer(data)
    import ipywidgets as w
    controls = [c for c in box.children if isinstance(c, (w.SelectMultiple, w.Dropdown, w.RadioButtons,
                                                          w.IntRangeSlider))]
    assert len(controls) == 4 and all(c.description for c in controls)
    sel = {c.description: c.value for c in controls}
    assert sel == {"Partners": ("RUS", "CHN"), "Flow": "total", "Show": "share", "Years": (1948, 2014)}


# ------------------------------------------------------------------ notebook charts
def _tooltips(spec):
    found = []
    if isinstance(spec, dict):
        for k, v in spec.items():
            if k == "tooltip" and isinstance(v, list):
                found += [t.get("title") for t in v if isinstance(t, dict)]
            else:
                found += _tooltips(v)
    elif isinstance(spec, list):
        for v in spec:
            found += _tooltips(v)
    return found


def test_notebook_charts_build_with_sources_and_descriptions(data):
    pkru.setup()
    ev = pkru.charts.pick_events({"ev1956_first_trade_agreement": "accord", "ev2023_first_russian_crude_cargo": "crude"})
    charts = [tr.cow_rus_chart(ev, title="t", subtitle="s", description="d1", trade=data),
              tr.shares_chart(title="t", subtitle="s", description="d2", trade=data),
              tr.totals_chart(ev, title="t", subtitle="s", description="d3", trade=data),
              tr.balance_chart(title="t", subtitle="s", description="d4", trade=data)]
    for i, c in enumerate(charts, start=1):
        spec = c.to_dict()
        assert spec["description"] == f"d{i}"
        assert "Source" in _tooltips(spec)
        n_rows = sum(len(v) for v in spec.get("datasets", {}).values())
        assert n_rows < 1000  # aggregated before plotting


def test_notebook_charts_write_their_descriptions_from_the_data(data):
    ev = pkru.charts.pick_events({"ev1956_first_trade_agreement": "accord", "ev2023_first_russian_crude_cargo": "crude"})
    rus = tr.cow_partner("RUS", data)
    desc = tr.cow_rus_chart(ev, title="t", subtitle="s", trade=data).to_dict()["description"]
    assert desc.startswith(f"Two panels, {rus['year'].min()} to {rus['year'].max()}.")
    top = rus.loc[rus["pak_imports"].idxmax()]
    assert f"highest {top['pak_imports']:,.0f} in {top['year']}" in desc
    assert "accord (27 June 1956), crude (11 June 2023)" in desc and "switch from USSR to Russia in 1992" in desc
    assert f"a Pakistani surplus in {(rus['balance'] > 0).sum()} years" in desc
    assert f"a Pakistani deficit in {(rus['balance'] < 0).sum()} years" in desc

    desc = tr.shares_chart(title="t", subtitle="s", trade=data).to_dict()["description"]
    peak = tr.peak("RUS", "share_pct", data)
    assert "USSR/Russia: " in desc and f"highest {peak['value']:.1f}% in {peak['year']}" in desc
    assert desc.endswith(f"from {indicators.first_year_ahead('CHN', 'USA', data)}.")

    desc = tr.totals_chart(ev, title="t", subtitle="s", trade=data).to_dict()["description"]
    d = tr.totals_compared(data)
    assert all(f"{v:,.0f}" in desc for v in d["value_usd_m"])
    doubtful = d[d["status"] == "doubtful"].iloc[0]
    assert f"a doubtful {doubtful['value_usd_m']:,.0f} in {doubtful['period_label']}" in desc
    assert "more than 1,000 (a lower bound) in 2023 (calendar)" in desc

    desc = tr.balance_chart(title="t", subtitle="s", trade=data).to_dict()["description"]
    split = tr.official_split(data)
    assert desc.startswith(f"Grouped bars for {len(split)} periods")
    assert "FY2022-23, exports 74 and imports 846 (balance -772)" in desc  # exercise 1's balance
    assert "2015 (calendar), exports 285 and imports 95.7" in desc


def test_runs_of_years():
    assert tr._runs([1955, 1950, 1951, 1952]) == [(1950, 1952), (1955, 1955)]
    assert tr._runs([]) == []


def test_episode_table(data):
    ev = pkru.charts.pick_events({"ev2023_barter_trade_mechanism": "x", "ev2022_russian_wheat_purchase": "y"})
    t = tr.episode_table(ev)
    assert list(t.columns) == ["date", "event", "summary", "sources"]
    assert t["date"].tolist() == ["31 October 2022", "1 June 2023"]


# ------------------------------------------------------------------ quiz and exercises


@pytest.fixture(scope="module")
def solution():
    return solution_namespace("04_trade")


def test_ex1_balance(data, solution):
    good = solution["balance_fy23"]
    assert checks.ex1(good).ok and good == pytest.approx(-772)
    for wrong in [772, 920, -771, _official(data, 2021, "pk_fiscal", "pak_exports") - 846]:
        assert checks.ex1(wrong).status == "not_yet"
    assert "sign" in checks.ex1(772).message
    assert "total trade" in checks.ex1(920).message
    assert checks.ex1("-772").status == "not_yet" and "expected" in checks.ex1("-772").message
    assert checks.ex1(...).status == "blank"


def test_ex2_share(data, solution):
    good = solution["rus_share_2010s"]
    assert checks.ex2(good).ok and good == pytest.approx(0.6327, abs=1e-3)
    assert checks.ex2(round(good, 2)).ok
    assert "fraction" in checks.ex2(good / 100).message
    assert "dollar value" in checks.ex2(float(_cow(data, "RUS").loc[2010:2014].sum())).message
    assert checks.ex2(100 * indicators.trade_share("CHN", (2010, 2014), trade=data)).status == "not_yet"
    assert checks.ex2([good]).status == "not_yet"


def test_ex3_change(data, solution):
    good = solution["change_pct"]
    assert checks.ex3(good).ok and good == pytest.approx(-2.735, abs=1e-3)
    calendar = 100 * (1000 - 697) / 697
    assert "calendar" in checks.ex3(calendar).message
    assert "percentage" in checks.ex3(good / 100).message
    doubtful = 100 * (920 - _official(data, 2022, "pk_fiscal", "total")) / _official(data, 2022, "pk_fiscal", "total")
    assert "doubtful" in checks.ex3(doubtful).message
    assert checks.ex3(2.735).status == "not_yet"
    assert checks.ex3("about -3%").status == "not_yet"


def test_show_table_keeps_full_text_and_hides_the_index(data):
    ev = pkru.charts.pick_events({"ev2023_first_russian_crude_cargo": "x"})
    html = pkru.tables.show(tr.episode_table(ev), precision=2).to_html()
    assert ev["summary"].iloc[0][:80] in html.replace("&#39;", "'")  # not truncated
    assert "text-align: left" in html


def test_typed_figures_of_the_prose_match_the_table(data):
    """Notebook 04's typed figures (issue 15 register: R2 typed-figure rows), tied to data/trade.csv:
    'below 4% ... in every COW year', 'under 1% from 1992 to 2014', 'roughly 0.9–1 billion dollars in FY2020-21,
    FY2022-23 and 2023', 'importing several times what it exports', the 2021 headline vs components."""
    rus = tr.cow_partner("RUS", data)
    assert rus["share_pct"].max() < 4 and rus.loc[rus["year"] >= 1992, "share_pct"].max() < 1
    assert (rus["year"].min(), rus["year"].max()) == (1948, 2014)
    off = tr.official(data).query("flow == 'total'").set_index(["year", "period"])["value_usd_m"]
    for key in [(2021, "pk_fiscal"), (2023, "pk_fiscal"), (2023, "calendar")]:
        assert 850 <= off[key] <= 1000, key
    split = tr.official_split(data).set_index("period_label")
    late = split.loc[["FY2020-21", "FY2022-23"]]
    assert (late["pak_imports"] / late["pak_exports"] >= 3).all()
    assert round(split.loc["FY2020-21", "pak_imports"] - split.loc["FY2020-21", "pak_exports"], 2) == 601.99
