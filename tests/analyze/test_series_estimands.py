"""Series built from estimands, on short reports we wrote about one bombing and its aftermath."""

from dataclasses import replace

from assay.analyze.estimates import build_series, select_series
from assay.records import Article

REPORTS = [
    ("m1", "2026-04-02", "Harbor Post",
     "DOVREL — A bomb tore through the central market on Tuesday, killing four people and wounding 30, "
     "police said. In 2019 a similar attack killed 61 people in the town."),
    ("m2", "2026-04-03", "Valley Courier",
     "Hospital officials said at least six people were killed in Tuesday's market bombing. "
     "The provincial health office put the number of wounded at 41."),
    ("m3", "2026-04-04", "Valley Courier",
     "The governor said nine people had died in the bombing, eight of them in the market itself, "
     "and that the toll could rise."),
    ("m4", "2027-02-10", "Harbor Post",
     "Two people were killed when a bomb exploded at a bus stop in Dovrel on Monday, police said."),
]


def series_of(extract, order=REPORTS):
    exs = [replace(extract(text, published), article=Article(id=aid, text=text, published=published, outlet=outlet))
           for aid, published, outlet, text in order]
    return build_series(exs)


def home(series, article, value):
    return next(s for s in series for p in s["points"] if p["article"] == article and p["value"] == value)


def test_one_bombings_tolls_join_across_outlets_and_the_wounded_stay_apart(extract):
    series = series_of(extract)
    killed = home(series, "m1", 4)
    assert {(p["article"], p["value"]) for p in killed["points"]} >= {("m1", 4), ("m2", 6), ("m3", 9)}
    assert killed["concept"] == "casualties" and killed["measure"] == "killed"
    wounded = home(series, "m1", 30)
    assert wounded["id"] != killed["id"] and home(series, "m2", 41)["id"] == wounded["id"]


def test_a_part_and_an_old_attack_are_not_points_of_this_toll(extract):
    series = series_of(extract)
    killed = home(series, "m1", 4)
    assert home(series, "m3", 8)["id"] != killed["id"]  # "eight of them in the market": a part of nine
    assert home(series, "m1", 61)["id"] != killed["id"]  # the 2019 attack
    assert home(series, "m4", 2)["id"] != killed["id"]  # another bombing, ten months later


def test_a_toll_that_could_rise_leaves_the_reported_toll_a_point(extract):
    series = series_of(extract)
    assert any(p["article"] == "m3" and p["value"] == 9 and p["status"] == "reported"
               for p in home(series, "m1", 4)["points"])


def test_series_ids_do_not_depend_on_the_order_articles_come_in(extract):
    forward = {s["id"]: sorted((p["article"], p["value"] or 0) for p in s["points"]) for s in series_of(extract)}
    backward = {s["id"]: sorted((p["article"], p["value"] or 0) for p in s["points"])
                for s in series_of(extract, list(reversed(REPORTS)))}
    assert forward == backward


def test_filters_pick_series_by_concept_and_event_type(extract):
    series = series_of(extract)
    casualties = select_series(series, concept="casualties")
    assert casualties and all(s["concept"] == "casualties" for s in casualties)
    assert not select_series(series, concept="weapons")
    assert all(s["estimand"] for s in select_series(series, about="killed"))


def test_a_rising_toll_is_the_series_moving_and_a_lower_later_figure_disagrees(extract):
    killed = home(series_of(extract), "m1", 4)
    assert killed["conflicts"] == []  # 4, then at least 6, then 9: the toll rising over three days
    lower = REPORTS[:1] + [("m5", "2026-04-04", "Coastline Wire",  # two days after the first report
                            "Police said on Saturday that two people were killed in the market bombing.")]
    assert home(series_of(extract, lower), "m1", 4)["conflicts"]


def test_articles_read_by_an_older_quantities_extractor_are_counted(extract, tmp_path):
    from assay.extract.quantities import EXTRACTOR
    from assay.store import open_store
    ex = extract("Police said four people were killed.")
    old = replace(ex, article=replace(ex.article, id="old"),
                  extractors={**ex.extractors, "quantities": "assay.quantities.v1"})
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    store.save_many([ex])
    assert store.layer_versions("quantities") == {EXTRACTOR: 1}
    store.save_many([old])
    assert store.layer_versions("quantities") == {EXTRACTOR: 1, "assay.quantities.v1": 1}
    store.close()


MASSACRE = [
    ("k1", "2026-04-07", "Harbor Post",
     "Soldiers killed at least 40 villagers in Kessin last week, a rights group said on Tuesday."),
    ("k2", "2026-04-20", "Valley Courier",
     "The army said on Monday that the operation in Kessin last month had killed 12 fighters."),
    ("k3", "2027-05-12", "Harbor Post",
     "A UN report published on Wednesday said soldiers had killed at least 90 people in Kessin in April 2026."),
    ("k4", "2027-05-12", "Harbor Post",
     "Soldiers killed 15 people in Kessin on Saturday, witnesses said."),
]


def test_a_massacre_named_by_its_month_a_year_later_joins_the_reports_of_the_time(extract):
    series = series_of(extract, MASSACRE)
    toll = home(series, "k1", 40)
    assert home(series, "k3", 90)["id"] == toll["id"] == home(series, "k2", 12)["id"]
    assert home(series, "k4", 15)["id"] != toll["id"]  # a killing a year later is another incident


CROSSINGS = [
    ("t1", "2026-05-08", "Harbor Post",
     "The border agency said on Thursday that 410 trucks had crossed into the enclave a day earlier."),
    ("t2", "2026-05-08", "Valley Courier", "The UN said 230 trucks had crossed into the enclave on Wednesday."),
    ("t3", "2026-05-20", "Harbor Post", "Officials said 75 trucks carrying fuel had crossed into the enclave."),
    ("t4", "2026-09-14", "Harbor Post",
     "The border agency said on Monday that 60 trucks carrying flour had crossed into the enclave."),
    ("t5", "2026-09-15", "Valley Courier",
     "Officials said 60 trucks carrying flour had crossed into the enclave, the first convoy in weeks."),
]


def test_a_days_crossings_meet_and_a_convoy_months_later_is_its_own_count(extract):
    series = series_of(extract, CROSSINGS)
    assert home(series, "t1", 410)["id"] == home(series, "t2", 230)["id"]  # two counts of one day
    assert home(series, "t4", 60)["id"] == home(series, "t5", 60)["id"]  # one convoy, two reports
    assert home(series, "t3", 75)["id"] != home(series, "t4", 60)["id"]  # a count four months earlier
