"""Tests for notebook 06 (multilateral ties): pkru.lessons.nb06_multilateral on the real data, the exercise checks and the quiz."""
import json

import pandas as pd
import pytest

import pkru
from pkru import indicators
from pkru.lessons import nb06_multilateral as unvotes
from pkru.checks import nb06
from conftest import ROOT, SHARED_SOURCES, needs_shared_sources


@pytest.fixture(scope="module")
def unga():
    return pkru.load("unga_agreement")


@pytest.fixture(scope="module")
def events():
    return pkru.load("events")


# ------------------------------------------------------------------ agreement_series (the widget's logic)
def test_series_window_1_returns_the_yearly_values(unga, events):
    s = unvotes.agreement_series(unga, "PAK-RUS", "all", 1)
    raw = unga[(unga["country_a"] == "PAK") & (unga["country_b"] == "RUS") & (unga["issue"] == "all")]
    merged = s.dropna(subset=["agreement"]).merge(raw[["year", "agreement"]], on="year", suffixes=("", "_raw"))
    assert len(merged) == len(raw)
    assert (merged["agreement"] == merged["agreement_raw"]).all()
    assert (merged["smoothed"] == merged["agreement"]).all()


def test_series_keeps_calendar_years_and_the_1964_gap(unga):
    s = unvotes.agreement_series(unga, "PAK-RUS", "all", 5)
    assert list(s["year"]) == list(range(1947, 2020))          # one row per calendar year, no holes
    assert pd.isna(s.loc[s["year"] == 1964, "agreement"]).all()  # no roll calls in 1964
    assert s["smoothed"].notna().all()                           # the rolling mean bridges the gap


def test_series_rolling_mean_is_centred(unga):
    s = unvotes.agreement_series(unga, "PAK-USA", "all", 5).set_index("year")
    expected = s.loc[1983:1987, "agreement"].mean()
    assert s.loc[1985, "smoothed"] == pytest.approx(expected)
    # first year: only the years that exist inside the window (1947–1949)
    assert s.loc[1947, "smoothed"] == pytest.approx(s.loc[1947:1949, "agreement"].mean())


def test_series_china_starts_in_1971_and_issue_filter_works(unga):
    s = unvotes.agreement_series(unga, "PAK-CHN", "nu", 3)
    assert s["year"].min() == 1971
    assert set(s["issue"]) == {"nu"} and set(s["pair"]) == {"PAK-CHN"}
    raw = unga[(unga["country_b"] == "CHN") & (unga["issue"] == "nu")]
    assert int(s["n_votes"].sum()) == int(raw["n_votes"].sum())


@pytest.mark.parametrize("pair,issue,window", [("PAK-XYZ", "all", 1), ("PAK-RUS", "space", 1), ("PAK-RUS", "all", 0)])
def test_series_rejects_bad_choices(unga, pair, issue, window):
    with pytest.raises(ValueError):
        unvotes.agreement_series(unga, pair, issue, window)


def test_describe_series_says_what_is_shown(unga):
    s = unvotes.agreement_series(unga, "PAK-USA", "me", 5)
    text = unvotes.describe_series(s, 5)
    assert "Pakistan – United States" in text and "Palestinian conflict" in text
    assert "1947–2019" in text and "5-year" in text
    empty = unvotes.describe_series(s.iloc[0:0], 1)
    assert "No roll calls" in empty


def test_widget_view_returns_text_and_chart_with_reference_line(unga):
    text, chart = unvotes.widget_view(unga, "IND-RUS", "hr", 3)
    assert text.startswith("India – USSR/Russia, Human rights")
    spec = chart.to_dict()
    assert len(spec["layer"]) == 3                      # reference + dots + smoothed line
    text_all, chart_all = unvotes.widget_view(unga, "PAK-RUS", "all", 1)
    assert len(chart_all.to_dict()["layer"]) == 2       # no reference line when the issue is already "all"


def test_explorer_builds_with_a_sensible_default(unga):
    box = unvotes.explorer(unga)
    controls = [c for c in box.children if hasattr(c, "description") and c.description]
    assert [c.description for c in controls] == ["Pair", "Issue", "Smoothing (years)"]
    assert [c.value for c in controls] == ["PAK-RUS", "all", 5]


# ------------------------------------------------------------------ the notebook's findings
def test_period_mean_is_the_mean_of_the_yearly_values(unga):
    rows = unga[(unga["country_a"] == "PAK") & (unga["country_b"] == "RUS") & (unga["issue"] == "all")
                & unga["year"].between(1980, 1989)]
    assert len(rows) == 10
    assert indicators.unga_mean("PAK-RUS", (1980, 1989), unga=unga) == pytest.approx(rows["agreement"].mean())
    assert indicators.unga_mean("PAK-RUS", (1989, 1980)) == pytest.approx(rows["agreement"].mean())  # any order


def test_the_surprise_holds_in_the_data(unga):
    rus80, rus10 = (indicators.unga_mean("PAK-RUS", y, unga=unga) for y in [(1980, 1989), (2010, 2019)])
    usa80 = indicators.unga_mean("PAK-USA", (1980, 1989), unga=unga)
    ind80 = indicators.unga_mean("PAK-IND", (1980, 1989), unga=unga)
    assert rus80 > rus10 + 0.1     # higher with the USSR during the Afghan war
    assert usa80 < 0.25            # low with the US partner
    assert ind80 > rus80           # higher still with the rival India


def test_russia_moved_after_1991(unga):
    change = {p: indicators.unga_mean(p, (1992, 1996), unga=unga) - indicators.unga_mean(p, (1986, 1990), unga=unga)
              for p in ["PAK-RUS", "IND-RUS", "PAK-IND"]}
    assert change["PAK-RUS"] < -0.3 and change["IND-RUS"] < -0.3
    assert abs(change["PAK-IND"]) < 0.1


def test_biggest_change_is_nuclear_and_agrees_with_exercise_check(unga):
    ch = unvotes.biggest_change(unga)
    assert list(ch["issue"])[0] == "nu"
    assert (ch["change_pts"] < 0).all()
    assert nb06.ex2(list(ch["issue"])[0]).ok


def test_decade_table_and_issue_profile(unga):
    t = unvotes.decade_table(unga)
    assert "1980s" in t.index and t.shape[1] == 5
    assert pd.isna(t.loc["1960s", unvotes.PAIR_LABELS["PAK-CHN"]])
    prof = unvotes.issue_profile(unga)
    assert len(prof) == 2 * 2 * len(unvotes.ISSUES)
    assert prof["agreement"].between(0, 1).all()


def test_agenda_shares(unga):
    sh = unvotes.agenda_shares(unga, "PAK-RUS")
    assert set(sh["issue"]) == set(unvotes.TOPICS)
    assert sh["share"].between(0, 100).all()
    n80 = unga[(unga["country_a"] == "PAK") & (unga["country_b"] == "RUS") & (unga["issue"] == "all")
               & unga["year"].between(1980, 1989)]["n_votes"].sum()
    assert (sh.loc[sh["decade"] == 1980, "roll_calls"] == n80).all()


def test_charts_build(unga, events):
    frame = unvotes.partners_frame(unga)
    marks = pkru.charts.pick_events({"ev1979_soviet_intervention_afghanistan": "Afghan war"})
    for chart in [unvotes.partners_chart(frame, marks, title="t", subtitle="s", description="d"),
                  unvotes.issue_chart(unvotes.issue_profile(unga), title="t", subtitle="s", description="d"),
                  unvotes.agenda_chart(unvotes.agenda_shares(unga), title="t", subtitle="s", description="d"),
                  unvotes.body_timeline(unvotes.multilateral_events(events), title="t", subtitle="s",
                                        description="d")]:
        spec = chart.to_dict()
        assert spec["description"] == "d"
        assert "source" in json.dumps(spec)


# ------------------------------------------------------------------ the multilateral record
def test_multilateral_events_bodies(events):
    ev = unvotes.multilateral_events(events).set_index("event_id")
    assert ev.loc["ev2005_russia_oic_observer", "body"] == "OIC"
    assert ev.loc["ev2017_pakistan_full_sco_member", "body"] == "SCO"
    assert ev.loc["ev2022_unga_hrc_suspension_abstention", "body"] == "UN General Assembly"
    assert ev.loc["ev2023_pakistan_applies_brics", "body"] == "BRICS"
    assert ev.loc["ev2024_shehbaz_putin_astana", "body"] == "SCO"          # a meeting at an SCO summit
    assert "ev2022_imran_khan_meets_putin" not in ev.index                  # not at an SCO summit


def test_leader_meetings(events):
    m = unvotes.leader_meetings(events, since=2015)
    assert "ev2022_imran_khan_meets_putin" in set(m["event_id"])
    assert not m.set_index("event_id").loc["ev2022_imran_khan_meets_putin", "at_sco"]
    assert int(m["at_sco"].sum()) >= 3


def test_ukraine_votes_are_cited_and_match_the_events(events):
    """The votes come from the UN's records (all ES-11 resolutions); where the chronology records a vote, its
    summary (written from news pages) states the same totals: two independent sources agree."""
    v = indicators.ukraine_votes()
    known = set(pkru.load("sources")["source_id"])
    ev = events.set_index("event_id")
    un = pkru.load("unga_resolutions")
    assert list(v["resolution"]) == list(un.loc[un["emergency_session"] == 11].sort_values("date")["resolution"])
    assert (v["pakistan"] == "abstain").all() and (v["russia"] == "no").all()
    linked = v.dropna(subset=["event_id"])
    assert len(linked) == len(pkru.load("unga_ukraine_votes")) == 4
    for _, row in linked.iterrows():
        assert row["event_id"] in ev.index
        assert all(s in known for s in pkru.data.split_ids(row["source_ids"]))
        summary = ev.loc[row["event_id"], "summary"]
        assert str(row["yes"]) in summary and str(row["no"]) in summary
        # abstentions: the total, or "Pakistan ... along with N other countries"
        assert str(row["abstain"]) in summary or f"{row['abstain'] - 1} other" in summary
        assert row["yes"] > row["no"]


def test_sources_cited_in_the_text_are_listed(events):
    listed = set(pkru.sources.ids_used_by("06"))
    known = set(pkru.load("sources")["source_id"])
    assert set(unvotes.CITED_SOURCES) <= listed <= known
    assert {"seed_paper", "wp_csto", "britannica_cis"} <= listed


# ------------------------------------------------------------------ exercise checks
def _solution_ex1(u):
    r = u[(u["country_a"] == "PAK") & (u["country_b"] == "USA") & (u["issue"] == "all") & u["year"].between(1980, 1989)]
    return float(r["agreement"].mean())


def test_ex1_accepts_solution_and_rejects_wrong(unga):
    sol = _solution_ex1(unga)
    assert nb06.ex1(sol).ok
    assert not nb06.ex1(indicators.unga_mean("PAK-RUS", (1980, 1989), unga=unga)).ok   # wrong partner
    pct = nb06.ex1(sol * 100)
    assert not pct.ok and "percentage" in pct.message
    r = nb06.ex1("0.15")
    assert r.status == "not_yet" and "expected" in r.message                        # wrong type
    assert nb06.ex1(...).status == "blank"


def test_ex2_accepts_solution_and_rejects_wrong():
    assert nb06.ex2("nu").ok
    r = nb06.ex2("di")
    assert not r.ok and "further" in r.message
    assert not nb06.ex2("all").ok
    assert not nb06.ex2("Nuclear weapons and material").ok
    assert nb06.ex2(3).status == "not_yet"                                          # wrong type


def test_ex3_accepts_solution_and_rejects_wrong(unga):
    d = unga[(unga["country_a"] == "PAK") & (unga["issue"] == "all") & unga["year"].between(1980, 1989)]
    wide = d.pivot_table(index="year", columns="country_b", values="agreement")
    sol = int((wide["IND"] > wide["RUS"]).sum())
    assert nb06.ex3(sol).ok
    assert not nb06.ex3(10 - sol).ok
    assert not nb06.ex3(10).ok
    assert nb06.ex3(float(sol)).status == "not_yet"                                  # wrong type (float)
    assert nb06.ex3(str(sol)).status == "not_yet"


# ------------------------------------------------------------------ chart descriptions
def test_charts_write_their_description_from_the_data(unga, events):
    frame = unvotes.partners_frame(unga, ["PAK-RUS", "PAK-USA"], window=5)
    marks = pkru.charts.pick_events({"ev1979_soviet_intervention_afghanistan": "Afghan war"})
    text = unvotes.partners_chart(frame, marks, title="t", subtitle="s").to_dict()["description"]
    us = frame[frame["pair"] == "PAK-USA"].dropna(subset=["smoothed"])
    low = us.loc[us["smoothed"].idxmin()]
    assert f"lowest {low['smoothed']:.0%} in {int(low['year'])}" in text
    assert text.endswith("Dashed line marks Afghan war (25 December 1979).")
    profile = unvotes.issue_profile(unga)
    dumbbell = unvotes.issue_chart(profile, title="t", subtitle="s").to_dict()["description"]
    nu = profile[(profile["pair"] == "PAK-RUS") & (profile["issue"] == "nu")].set_index("period")["agreement"]
    assert f"largest change Nuclear weapons and material ({nu['1980–1989']:.0%} to {nu['2010–2019']:.0%})" in dumbbell
    shares = unvotes.agenda_shares(unga)
    heat = unvotes.agenda_chart(shares, title="t", subtitle="s").to_dict()["description"]
    colonial = shares[shares["issue"] == "co"].set_index("decade_label")["share"]
    assert heat.startswith("Heat map") and f"Colonialism: {colonial['1940s']:.0f}% in 1940s" in heat
    multi = unvotes.multilateral_events(events)
    dots = unvotes.body_timeline(multi, title="t", subtitle="s").to_dict()["description"]
    assert f"{len(multi)} in all" in dots and f"SCO {(multi['body'] == 'SCO').sum()}" in dots
    series = unvotes.agreement_series(unga, "PAK-RUS", "all", 3)
    assert unvotes.series_chart(series, window=3).to_dict()["description"] == unvotes.describe_series(series, 3)


def test_new_quiz_items_match_the_vote_records():
    import json

    q = {x["id"]: x for x in json.loads((pkru.data.repo_root() / "data" / "quizzes" / "06_multilateral.json")
                                        .read_text(encoding="utf-8"))["questions"]}
    v = indicators.ukraine_votes()
    assert indicators.vote_pattern(v, "pakistan")["abstain"] == len(v) == 6
    china = indicators.vote_pattern(v, "china")
    assert china["abstain"] > china["no"] > 0 and china["yes"] == 0
    assert "abstained on four" in q["q06_10"]["explanation"] and china["abstain"] == 4
    both = indicators.unga_years("PAK-RUS").query("year == 2019")
    assert both["agreement"].nunique() == 1 and "agree exactly" in q["q06_9"]["explanation"]


def test_bases_chart_keeps_the_bases_apart_and_describes_them():
    frame = unvotes.bases_frame(["PAK-RUS", "PAK-USA"], since=2015)
    assert set(frame["basis"]) == set(indicators.UNGA_BASES)
    chart = unvotes.bases_chart(frame, title="t").to_dict()
    assert "segment" in json_dumps(chart)  # one line per pair and basis, never one line across the break
    text = unvotes.describe_bases(frame)
    last = int(pkru.load("unga_agreement_recorded")["year"].max())
    assert f"2019–{last}" in text and "2015–2019" in text
    ip = unvotes.idealpoints_frame(since=2000)
    assert int(ip["year"].max()) == int(pkru.load("unga_idealpoints")["year"].max())
    assert "2000–" in unvotes.describe_idealpoints(ip)


def json_dumps(obj) -> str:
    import json

    return json.dumps(obj)


# ------------------------------------------------------------------ figures typed in the prose (issue 15)
def _markdown() -> str:
    from conftest import ROOT

    book = json.loads((ROOT / "notebooks" / "06_multilateral.ipynb").read_text(encoding="utf-8"))
    return " ".join("\n".join("".join(c["source"]) for c in book["cells"] if c["cell_type"] == "markdown").split())


def _code() -> str:
    from conftest import ROOT

    book = json.loads((ROOT / "notebooks" / "06_multilateral.ipynb").read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in book["cells"] if c["cell_type"] == "code")


def test_figures_typed_in_the_prose_match_the_data(unga):
    """Notebook 06's typed percentages and the 'most with the USSR' / 'closest partner' corrections, tied to
    data/unga_agreement.csv (issue 15: R3's typed-figure, overstated and wrong rows)."""
    text = _markdown()
    d = unvotes.decade_table(unga)
    col = {p: c for p, c in zip(["PAK-RUS", "PAK-USA", "PAK-CHN", "PAK-IND"], d.columns)}
    dec = {p: d[c] for p, c in col.items()}
    # "about 80% ... about 15%; in the 2010s ... about 64% and 18%" (section 3 and the Evidence box)
    assert "like the USSR on about 80% of roll calls and like the US on about 15%" in text
    assert (round(dec["PAK-RUS"]["1980s"]), round(dec["PAK-USA"]["1980s"])) == (80, 15)
    assert (round(dec["PAK-RUS"]["2010s"]), round(dec["PAK-USA"]["2010s"])) == (64, 18)
    assert "with India: above 80% in both" in text and min(dec["PAK-IND"]["1980s"], dec["PAK-IND"]["2010s"]) > 80
    # "about three votes in five in the 1950s to about one in three in the 1970s"
    assert 57 < dec["PAK-USA"]["1950s"] < 63 and 30 < dec["PAK-USA"]["1970s"] < 36
    # "recovered to about 73% in the 2000s and eased to about 64% in the 2010s"
    assert "about 73% in the 2000s and eased to about 64%" in text and round(dec["PAK-RUS"]["2000s"]) == 73
    # "from about 65% (1980) to about 94% (1989)" (section 3 and a discussion prompt)
    y = unvotes.pair_rows(unga, "PAK-RUS").set_index("year")["agreement"]
    assert text.count("about 65%") >= 2 and (round(100 * y[1980]), round(100 * y[1989])) == (65, 94)
    # "India and Pakistan agreed with Russia about equally often (63.0% and 63.6%)"
    assert f"({d.loc['2010s', d.columns[4]]:.1f}% and {dec['PAK-RUS']['2010s']:.1f}%)" in text
    # the 1980s: the USSR line is highest over time, never across partners
    assert dec["PAK-RUS"].idxmax() == "1980s" and "agreed with the USSR more than in any other decade" in text
    assert dec["PAK-CHN"]["1980s"] > dec["PAK-IND"]["1980s"] > dec["PAK-RUS"]["1980s"]
    f = unvotes.partners_frame(unga, ["PAK-RUS", "PAK-USA", "PAK-CHN", "PAK-IND"], window=5)
    w = f.pivot_table(index="year", columns="pair", values="smoothed")
    assert w["PAK-RUS"].idxmax() in range(1985, 1990) and w["PAK-USA"].loc[1960:].idxmin() in range(1985, 1990)
    since72 = w.loc[1972:2019]
    assert (since72[["PAK-CHN", "PAK-IND"]].max(axis=1) > since72["PAK-RUS"]).all()   # "China or India stays on top"
    assert (w.loc[1955:1960, "PAK-USA"] > w.loc[1955:1960, "PAK-IND"]).all()           # "late 1950s ... above India's"
    assert "China or India stays on top" in _code() and "most with the USSR" not in _code()
    assert "agreed most with the USSR" not in text
    # "closest voting partner is China": only among the great powers (India is higher in the 1970s and 2010s)
    assert "Pakistan's closest voting partner is China" not in text
    for decade in ("1970s", "2010s"):
        assert dec["PAK-IND"][decade] > dec["PAK-CHN"][decade]
    assert (d.loc["1970s":, col["PAK-CHN"]] > d.loc["1970s":, [col["PAK-RUS"], col["PAK-USA"]]].max(axis=1)).all()
    # a discussion prompt: "more often than with the USSR in most years of the 1980s"
    ind = unvotes.pair_rows(unga, "PAK-IND").set_index("year")["agreement"]
    assert sum(ind[yy] > y[yy] for yy in range(1980, 1990)) > 5


def test_ukraine_and_gaza_sentences_follow_the_un_records():
    text = _markdown()
    v = indicators.ukraine_votes()
    same = {c: int((v[c] == v["pakistan"]).sum()) for c in ["india", "china", "russia", "usa"]}
    assert len(v) == 6 and same == {"india": 6, "china": 4, "russia": 0, "usa": 0}
    assert "Pakistan voted as India did on every resolution and as China did on most, and never as Russia" in text
    assert "China joined Russia's no twice" in text and ((v["china"] == "no") & (v["russia"] == "no")).sum() == 2
    gaza = indicators.emergency_votes(10)
    assert len(gaza) == 3 and set(gaza["PAK"]) == set(gaza["CHN"]) == set(gaza["RUS"]) == {"yes"}
    assert set(gaza["USA"]) == {"no"} and (gaza["IND"] == "abstain").sum() == 2
    assert "India abstained on two of the three" in text
    # the chronology's General Assembly row: four of the six
    ev = unvotes.multilateral_events(pkru.load("events"))
    assert (ev["body"] == "UN General Assembly").sum() == 4 and "four of the six Ukraine resolutions" in text


def test_the_sco_and_brics_record_follows_the_sources():
    text = _markdown()
    ev = pkru.load("events").set_index("event_id")
    assert ev.loc["ev2010_pakistan_applies_sco_membership", "date"] == "2010"
    assert ev.loc["ev2014_pakistan_formal_sco_application", "date"] == "2014-09"
    assert "an application in 2010" in text and "a formal application in September 2014" in text
    assert "application in 2006 according to a single Portuguese-language page" not in text
    assert "exam-preparation" not in text and "prepareias_2017_sco_astana_summit" not in unvotes.CITED_SOURCES
    assert ev.loc["ev2024_brics_kazan_partner_list", "confidence"] == "high"
    assert "weak evidence" not in text and "low-confidence" not in text
    q = {x["id"]: x for x in pkru.quiz.load_quiz("06")["questions"]}
    assert "weak" not in q["q06_8"]["explanation"]


def test_the_quiz_figures_match_the_data(unga):
    q = {x["id"]: x for x in pkru.quiz.load_quiz("06")["questions"]}
    d = unvotes.decade_table(unga)
    rus, usa, chn, ind, ind_rus = (d[c] for c in d.columns)
    assert (round(rus["1980s"]), round(rus["2010s"])) == (80, 64) and "about 80%" in q["q06_4"]["question"]
    assert (round(ind["1980s"]), round(rus["1980s"]), round(usa["1980s"]), round(chn["1980s"]), round(ind_rus["1980s"])) \
        == (87, 80, 15, 90, 80)
    assert "about 87% of roll calls in the 1980s, against 80% with the USSR and 15% with the US (and 90% with China)" \
        in q["q06_5"]["explanation"]
    nu = unvotes.biggest_change(unga).iloc[0]
    assert nu["issue"] == "nu" and "from about 83% to about 25%" in q["q06_6"]["explanation"]


@pytest.mark.skipif(not (pkru.data.repo_root().parent / "shared" / "sources" / "unvotes").is_dir(),
                    reason="raw UN votes not present (normal on a learner's machine)")
def test_roll_call_statements_hold_in_the_raw_votes():
    """Two statements read from the full Voeten data (not copied into data/): eleven 'Afghanistan' roll calls of
    1980–1987 (Pakistan and the US yes, the USSR no, India abstain or no), and the nuclear splits of the 2010s
    (Russia mostly like the US, Pakistan mostly like India)."""
    raw = pkru.data.repo_root().parent / "shared" / "sources" / "unvotes"
    rc = pd.read_csv(raw / "un_roll_calls.csv.gz")
    votes = pd.read_csv(raw / "un_votes_pak_rus_usa_chn_ind.csv")
    rc["yr"] = rc["date"].str[:4].astype(int)
    afg = rc[rc["short"].fillna("").str.contains("AFGHANISTAN", case=False) & rc["yr"].between(1980, 1987)]
    w = votes[votes["rcid"].isin(afg["rcid"])].pivot_table(index="rcid", columns="iso3c", values="vote",
                                                            aggfunc="first")
    assert len(afg) == 11 == len(w) and "eleven roll calls" in _markdown()
    assert set(w["PAK"]) == set(w["USA"]) == {"yes"} and set(w["RUS"]) == {"no"} and set(w["IND"]) <= {"abstain", "no"}
    issues = pd.read_csv(raw / "un_roll_call_issues.csv")
    nu = rc[rc["rcid"].isin(issues.loc[issues["short_name"] == "nu", "rcid"]) & rc["yr"].between(2010, 2019)]
    w = votes[votes["rcid"].isin(nu["rcid"])].pivot_table(index="rcid", columns="iso3c", values="vote",
                                                           aggfunc="first").dropna(subset=["PAK", "RUS"])
    split = w[w["PAK"] != w["RUS"]]
    assert (split["RUS"] == split["USA"]).mean() > 0.5 and (split["PAK"] == split["IND"]).mean() > 0.5


@needs_shared_sources()
def test_issue_tag_coverage_stated_in_the_caveats_matches_the_raw_roll_calls():
    """Caveat 4: about a third of roll calls carry no issue tag, more than half before 1970 (from the raw files)."""
    rc = pd.read_csv(SHARED_SOURCES / "unvotes" / "un_roll_calls.csv.gz", usecols=["rcid", "date"])
    tagged = rc["rcid"].isin(pd.read_csv(SHARED_SOURCES / "unvotes" / "un_roll_call_issues.csv")["rcid"])
    year = pd.to_datetime(rc["date"]).dt.year
    assert 0.28 <= 1 - tagged.mean() <= 0.38
    assert 1 - tagged[year < 1970].mean() > 0.5 and 1 - tagged[(year >= 1970) & (year < 2020)].mean() < 0.4
    nb = json.loads((ROOT / "notebooks" / "06_multilateral.ipynb").read_text(encoding="utf-8"))
    text = " ".join("".join(c["source"]) for c in nb["cells"]).replace("\n", " ")
    assert "about a third of roll calls carry none (more than half before 1970)" in " ".join(text.split())
