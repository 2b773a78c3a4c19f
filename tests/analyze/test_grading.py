"""Origins, corroboration, contradiction and Admiralty grades, on hand-made claims (no model needed)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from assay.analyze.corroboration import normalize_outlet
from assay.analyze.grading import Grade, grade_claims, probability_of, reliability_priors
from assay.records import Actor, Article, Claim, Entity, Event, Extraction, Span

CROSSED = "About 2,000 Norvan troops crossed into Estovia's Lake province on Sunday"
DENIED = "any Norvan troops had crossed into Estovia"


def _claim(cid: str, content: str, source: str | None, kind: str, entity: str | None = None,
           modality: str = "asserted", cue_class: str = "neutral", hedges: tuple[str, ...] = ()) -> Claim:
    return Claim(id=cid, cue=Span("said", 0, 4), content=(Span(content, 10, 10 + len(content)),),
                 source=Span(source, 0, len(source)) if source else None, source_entity=entity, source_kind=kind,
                 modality=modality, cue_class=cue_class, hedges=tuple(Span(h, 0, len(h)) for h in hedges))


def _article(aid: str, outlet: str, published: str = "2026-04-02", *claims: Claim,
             entities: tuple[Entity, ...] = (), events: tuple[Event, ...] = ()) -> Extraction:
    return Extraction(article=Article(id=aid, text="x", outlet=outlet, published=published), claims=claims,
                      entities=entities, events=events)


def _source_id(ex: Extraction, claim: Claim) -> str | None:
    return claim.source_entity


def _grades(exs: list[Extraction], copy_of: dict[str, str] | None = None) -> dict[tuple[str, str], Grade]:
    return grade_claims(exs, copy_of or {}, _source_id).grades


AGENCY = Entity(id="org:estovia-intelligence", name="Estovian intelligence", type="org", country="XE")
MINISTRY = Entity(id="org:norva-mod", name="Norvan defence ministry", type="org", country="XN")


def _story(aid: str, outlet: str, source: str, entity: str, kind: str = "official_body") -> Extraction:
    return _article(aid, outlet, "2026-04-02", _claim("c1", CROSSED, source, kind, entity))


def test_a_claim_no_other_origin_speaks_to_cannot_be_judged():
    g = _grades([_story("a", "Gazette", "the agency", "org:estovia-intelligence", "intelligence")])[("a", "c1")]
    assert g.code == "B6" and "cannot be judged" in g.credibility_reason


def test_reprints_of_one_report_do_not_confirm_it():
    original = _story("a", "Wire", "the agency", "org:estovia-intelligence", "intelligence")
    copies = [replace(original, article=replace(original.article, id=f"copy{i}", outlet=f"Paper {i}"))
              for i in range(3)]
    grades = _grades([original, *copies], {f"copy{i}": "a" for i in range(3)})
    assert {g.credibility for g in grades.values()} == {6}


def test_two_outlets_quoting_the_same_agency_are_one_origin():
    grades = _grades([_story("a", "Gazette", "the agency", "org:estovia-intelligence", "intelligence"),
                      _story("b", "Courier", "Estovian intelligence", "org:estovia-intelligence", "intelligence")])
    assert grades[("a", "c1")].credibility == 6


def test_independent_origins_confirm_and_two_make_credibility_one():
    stories = [_story("a", "Gazette", "the agency", "org:estovia-intelligence", "intelligence"),
               _story("b", "Courier", "a border guard", "person:guard", "person")]
    assert _grades(stories)[("a", "c1")].code == "B2"
    stories.append(_story("c", "Herald", "the monitoring mission", "org:mission", "official_body"))
    g = _grades(stories)[("a", "c1")]
    assert g.credibility == 1 and g.credibility_reason == "confirmed by 2 independent origins"


def test_a_denial_is_a_contradiction_shown_both_ways():
    claim = _story("a", "Gazette", "the agency", "org:estovia-intelligence", "intelligence")
    denial = _article("b", "Courier", "2026-04-03",
                      _claim("c1", DENIED, "Norva's defence ministry", "official_body", "org:norva-mod",
                             modality="negated", cue_class="deny"), entities=(MINISTRY,))
    grading = grade_claims([claim, denial], {}, _source_id)
    assert [(r.kind, r.a, r.b) for r in grading.relations] == [("contradicts", ("a", "c1"), ("b", "c1"))]
    assert grading.grades[("a", "c1")].credibility == 4
    assert grading.grades[("b", "c1")].credibility == 4


def test_a_party_to_the_fighting_is_flagged_not_downgraded():
    fight = Event(type="ASSAULT", trigger=Span("crossed", 0, 7), actors=(Actor(Span("Norvan troops", 0, 13),
                                                                               None, "XN"),))
    ex = _article("b", "Courier", "2026-04-03",
                  _claim("c1", DENIED, "Norva's defence ministry", "official_body", "org:norva-mod",
                         modality="negated", cue_class="deny"), entities=(MINISTRY,), events=(fight,))
    g = _grades([ex])[("b", "c1")]
    assert g.interested_party == "XN" and g.reliability == reliability_priors()["official_body"][0]


def test_track_record_moves_reliability_and_says_why():
    agency = "org:estovia-intelligence"
    claims = [f"Norvan drones struck the Estovian port of Harl number {i} on Sunday" for i in range(4)]
    own = [_article(f"a{i}", "Gazette", "2026-04-02", _claim("c1", t, "the agency", "intelligence", agency))
           for i, t in enumerate(claims)]
    others = [_article(f"b{i}", "Courier", "2026-04-02", _claim("c1", t, "a harbour pilot", "person", f"p{i}"))
              for i, t in enumerate(claims)]
    g = _grades(own + others)[("a0", "c1")]
    assert g.reliability == "A" and "3 of its claims corroborated, none contradicted" in g.reliability_reason


def test_hedges_map_to_icd_203_bands():
    assert probability_of(_claim("c", CROSSED, None, "unattributed", hedges=("probably",))) == "likely"
    assert probability_of(_claim("c", CROSSED, None, "unattributed", hedges=("may",))) == "roughly even chance"
    assert probability_of(_claim("c", CROSSED, None, "unattributed")) is None


def test_outlet_names_normalise_for_according_to_chains():
    assert normalize_outlet("the Yonhap news agency") == normalize_outlet("Yonhap") == "yonhap"


WORDS = st.sampled_from(["Norvan", "troops", "crossed", "Estovia", "Lake", "province", "drones", "port", "Harl",
                         "struck", "border", "guards", "fired", "shells", "town", "Merrow"])
SENTENCES = st.lists(WORDS, min_size=3, max_size=9).map(lambda ws: "Reports say " + " ".join(ws))
KINDS = st.sampled_from(["official_body", "intelligence", "person", "unattributed", "anonymous", "media"])


@st.composite
def corpora(draw):
    n = draw(st.integers(min_value=1, max_value=5))
    exs = []
    for i in range(n):
        claims = []
        for j in range(draw(st.integers(min_value=1, max_value=3))):
            kind = draw(KINDS)
            source = None if kind == "unattributed" else draw(st.sampled_from(["the agency", "a pilot", "Kor"]))
            entity = None if source is None else draw(st.sampled_from(["org:a", "person:b", "org:c", None]))
            negated = draw(st.booleans())
            claims.append(_claim(f"c{j}", draw(SENTENCES), source, kind, entity,
                                 modality="negated" if negated else "asserted"))
        exs.append(_article(f"a{i}", draw(st.sampled_from(["Gazette", "Courier", "Herald"])), "2026-04-02",
                            *claims))
    return exs


def _better(new: int, old: int) -> bool:
    """A credibility that claims more confirmation than before."""
    return new in (1, 2) and (old not in (1, 2) or new < old)


@settings(max_examples=60, deadline=None)
@given(corpora(), st.data())
def test_adding_a_copy_never_raises_credibility(exs, data):
    before = _grades(exs)
    original = data.draw(st.sampled_from(exs))
    copy = replace(original, article=replace(original.article, id="zz-copy", outlet="Reprint Daily",
                                             published="2026-04-05"))
    after = _grades([*exs, copy], {"zz-copy": original.article.id})
    assert not any(_better(after[k].credibility, before[k].credibility) for k in before)


@settings(max_examples=60, deadline=None)
@given(corpora())
def test_credibility_one_needs_two_independent_origins(exs):
    grading = grade_claims(exs, {}, _source_id)
    origin = {k: g.origin for k, g in grading.grades.items()}
    for key, g in grading.grades.items():
        if g.credibility == 1:
            backers = {origin[r.b] for r in grading.relations if r.kind == "corroborates" and r.a == key}
            backers |= {origin[r.a] for r in grading.relations if r.kind == "corroborates" and r.b == key}
            assert len(backers - {g.origin}) >= 2


def test_an_outlet_quoting_an_agency_is_that_agency_not_a_second_origin():
    own = _article("y", "Yonhap News Agency", "2026-04-02", _claim("c1", CROSSED, None, "unattributed"))
    quoting = _article("z", "Courier", "2026-04-02", _claim("c1", CROSSED, "Yonhap", "media"))
    grades = _grades([own, quoting])
    assert grades[("y", "c1")].origin == grades[("z", "c1")].origin == "outlet:yonhap"
    assert grades[("y", "c1")].credibility == 6
