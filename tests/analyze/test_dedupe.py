"""Copy groups: reprints of one story group together; other outlets' own reports of the same event do not."""

from hypothesis import given, settings
from hypothesis import strategies as st

from assay.analyze.dedupe import CopyIndex, copy_groups, normalise, signature
from assay.records import Article

WIRE = [
    "HARBOURTON, March 3 (Northwire) - The Veldran port authority said on Tuesday it would close the "
    "eastern container terminal for six weeks from April to repair storm damage to two of its cranes.",
    "The closure will move about 40 percent of the port's container traffic to the western terminal, "
    "which the authority said could handle the extra load if ships were rescheduled at night.",
    "Shipping agents said they expected delays of two to three days for vessels arriving from the north, "
    "and some lines were already considering calling at a neighbouring port instead.",
    "The authority estimated the cost of the repairs at 12 million crowns, to be paid partly from an "
    "insurance claim lodged after the storm in January, a spokeswoman said.",
    "Dock workers' union leader Ansel Brandt said members would be offered shifts at the western "
    "terminal and that no jobs were at risk during the works.",
]
OWN_REPORT = (  # another outlet's own reporting: same names and figures, its own words
    "Cranes damaged in January's storm will keep Harbourton's eastern terminal shut for six weeks, "
    "port officials announced. Repairs are put at 12 million crowns. About 40 percent of container "
    "traffic is being diverted west, and agents warned of two- to three-day delays for northern "
    "arrivals. Ansel Brandt, who leads the dock workers' union, told our reporter no jobs would go. "
    "Some shipping lines are weighing a switch to another port, according to two agents we spoke to."
)


def art(id_: str, text: str, published: str | None = "2026-03-03") -> Article:
    return Article(id=id_, text=text, published=published)


def original() -> Article:
    return art("wire", "\n\n".join(WIRE))


def test_reprint_with_new_headline_and_trimmed_ending_groups_with_original():
    reprint = art("reprint", "\n\n".join(["Port terminal to close for crane repairs", *WIRE[:3]]), "2026-03-04")
    assert copy_groups([original(), reprint]) == {"wire": "wire", "reprint": "wire"}


def test_added_local_paragraph_and_new_dateline_still_group():
    local = ("Valley Courier readers who ship goods through Harbourton should ask their forwarders about "
             "night slots, the Lindenfield chamber of commerce advised on Wednesday.")
    body = [WIRE[0].replace("HARBOURTON, March 3 (Northwire) - ", "By Dana Whitlock - "), WIRE[1], local, *WIRE[2:]]
    groups = copy_groups([original(), art("local", "\n\n".join(body), "2026-03-04")])
    assert groups["local"] == "wire"


def test_dropped_and_reordered_paragraphs_with_light_edits_group():
    body = [WIRE[0], WIRE[3], WIRE[1].replace("percent", "per cent"), WIRE[4].replace("said", "says")]
    assert copy_groups([original(), art("edited", "\n\n".join(body), "2026-03-05")])["edited"] == "wire"


def test_own_reports_of_the_same_event_do_not_group():
    groups = copy_groups([original(), art("own", OWN_REPORT)])
    assert groups == {"wire": "wire", "own": "own"}


def test_original_is_the_earliest_then_the_longest():
    early = art("z-early", "\n\n".join(WIRE[:4]), "2026-03-02")
    late = art("a-late", "\n\n".join(WIRE), "2026-03-03")
    undated = art("undated", "\n\n".join(WIRE), None)
    assert set(copy_groups([late, undated, early]).values()) == {"z-early"}
    same_day = [art("b", "\n\n".join(WIRE[:4])), art("c", "\n\n".join(WIRE))]
    assert set(copy_groups(same_day).values()) == {"c"}  # the longer text wins a tie on date


def test_order_of_input_does_not_matter():
    docs = [original(), art("r1", "\n\n".join(WIRE[:3]), "2026-03-04"), art("own", OWN_REPORT),
            art("r2", "\n\n".join(WIRE[1:]), "2026-03-05"), art("short", "Port closes."), art("empty", "")]
    assert copy_groups(docs) == copy_groups(reversed(docs))


def test_empty_and_very_short_texts_only_group_when_identical():
    docs = [art("e1", ""), art("e2", "   "), art("s1", "Shares rose."), art("s2", "Shares rose!"),
            art("s3", "Shares fell."), art("x", "?!"), original()]
    groups = copy_groups(docs)
    assert groups["e1"] == "e1" and groups["e2"] == "e2" and groups["x"] == "x"  # no words: nothing to copy
    assert groups["s1"] == groups["s2"] != groups["s3"]
    assert groups["wire"] == "wire"
    assert signature("").minhash is None and normalise("Up 5% on the day") == ["up", "5", "pct", "on", "the", "day"]


def test_index_is_incremental_and_matches_batch():
    docs = [original(), art("own", OWN_REPORT), art("r1", "\n\n".join(WIRE[:3]), "2026-03-04")]
    index = CopyIndex()
    index.add(docs[0])
    assert index.groups() == {"wire": "wire"}
    for d in docs[1:]:
        index.add(d)
    index.add(docs[0])  # an id seen before is ignored
    assert index.groups() == copy_groups(docs) and len(index) == 3


paragraph_sets = st.lists(st.sampled_from(range(len(WIRE))), min_size=2, max_size=5, unique=True)


@settings(max_examples=25, deadline=None)
@given(picks=st.lists(paragraph_sets, min_size=1, max_size=4), which=st.integers(min_value=0))
def test_adding_an_exact_copy_never_splits_a_group(picks, which):
    docs = [art(f"d{i}", "\n\n".join(WIRE[j] for j in p), f"2026-03-0{i + 1}") for i, p in enumerate(picks)]
    before = copy_groups(docs)
    copy = docs[which % len(docs)]
    after = copy_groups([*docs, art("copy", copy.text, "2026-03-09")])
    assert after["copy"] == after[copy.id]
    for a in before:
        for b in before:
            if before[a] == before[b]:
                assert after[a] == after[b]
