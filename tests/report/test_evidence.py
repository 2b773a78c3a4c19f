"""Evidence sentences and highlighting escape untrusted article text."""

from assay.records import Span
from assay.report.evidence import evidence, highlight

TEXT = "The mayor spoke first. Officials said <script>alert(1)</script> 40 people fled. Then rain fell."


def test_the_sentence_around_a_span_is_returned_and_marked():
    start = TEXT.index("40 people")
    ev = evidence(TEXT, Span("40 people", start, start + 9))
    assert ev.before.startswith("Officials said") and ev.marked == "40 people" and ev.after == " fled."
    assert "<script>" not in ev.html() and "&lt;script&gt;" in ev.html()
    assert '<mark class="hl">40 people</mark>' in ev.html()


def test_highlight_escapes_and_skips_overlaps():
    html = highlight(TEXT, [(0, 9, "claim"), (4, 12, "place"), (TEXT.index("40"), TEXT.index("40") + 2, "qty")])
    assert html.count("<mark") == 2 and "&lt;script&gt;" in html and "<script>" not in html


def test_spans_beyond_the_text_are_clipped():
    assert evidence("Short.", (3, 99)).marked == "rt."
