"""Gap figures and texts over whole columns read exactly as one enterprise's do.

The printing rule is the one docs/batch.md states for the ``gaps`` column: two decimals
rounded from the exact binary value (Python's ``format(x, ".2f")``: half to even on an
exact tie), trailing zeros dropped, plain digits at any size, never a false zero (more
decimals, up to twelve, for a non-zero figure that rounds to 0.00), zero never "-0",
"—" for no figure. Each expected text below is worked out from that rule by hand.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from srdi.engine import text
from srdi.engine.columns import Columns
from srdi.engine.conditions import BuildContext, Env
from srdi.engine.text import fragments, gap_number, join_rows, numbers, to_list
from srdi.programs import Criterion, Origin

# (figure, text): the reason in the comment
RULE = [
    (1231.02, "1231.02"),  # two decimals kept
    (1.0, "1"),  # a whole number: ".00" dropped
    (0.2, "0.2"),  # "0.20": the trailing zero dropped
    (0.005, "0.01"),  # stored as 0.005000000000000000104…: above the half, rounds up
    (1.005, "1"),  # stored as 1.00499999999999989…: below the half, 1.00 → "1"
    (2.675, "2.67"),  # stored as 2.67499999999999982…: below the half
    (0.125, "0.12"),  # exactly 0.125 in binary: a tie, to the even digit
    (0.375, "0.38"),  # exactly 0.375: a tie, to the even digit
    (0.003, "0.003"),  # rounds to 0.00 but is not zero: the third decimal shows it
    (0.0, "0"),
    (-0.0, "0"),  # never "-0"
    (-3.5, "-3.5"),  # an excess reads with its sign
    (9999999999.99, "9999999999.99"),  # the largest figure in ten digits
    (1e10, "10000000000"),  # plain digits, not Arrow's "1e+10"
    (12345678901.25, "12345678901.25"),  # exactly …901.25 in binary
    (9999999999.995, "10000000000"),  # stored as 9999999999.99500083…: rounds up to a whole number
    (float("nan"), "—"),  # no figure
]


def test_a_figure_reads_as_the_rule_says():
    for x, expected in RULE:
        assert gap_number(x) == expected, x


def test_a_column_says_which_figures_read_one_as_each_figure_alone_does():
    # the gap texts word their unit for one where the figure reads "1" ("+1 item"), to two decimals:
    # 1.005 is stored below the half (1.00); 0.995 is stored as 0.99499999999999999556 (0.99); 0.9951
    # rounds up to 1.00 and 1.0049 down to it; 1.0051 is 1.01; -1 reads "-1"; 0, -0 and NaN are no "1"
    edges = [
        (1.0, True), (1.005, True), (0.995, False), (0.9951, True), (1.0049, True), (1.0051, False),
        (-1.0, False), (0.99, False), (1.01, False), (0.0, False), (-0.0, False), (float("nan"), False), (2.0, False),
    ]  # fmt: skip
    assert text.reads_one(np.array([x for x, _ in edges])).tolist() == [one for _, one in edges]
    # and on every figure of the rule above, as the figure's own text says
    assert text.reads_one(np.array([x for x, _ in RULE])).tolist() == [t == "1" for _, t in RULE]


@pytest.mark.parametrize("arrow", [True, False], ids=["arrow", "objects"])
def test_a_column_of_figures_reads_figure_by_figure(arrow, monkeypatch):
    if arrow:
        pytest.importorskip("pyarrow")
    monkeypatch.setattr(text, "HAS_ARROW", arrow)
    figures = np.array([x for x, _ in RULE])
    assert to_list(numbers(figures)) == [t for _, t in RULE]


@pytest.mark.parametrize("arrow", [True, False], ids=["arrow", "objects"])
def test_texts_of_a_criterion_are_prefix_figure_suffix_per_row(arrow, monkeypatch):
    if arrow:
        pytest.importorskip("pyarrow")
    monkeypatch.setattr(text, "HAS_ARROW", arrow)
    # rows 0–5 in two wordings
    values = np.array([3.0, 3.0, 3.0, 0.125, 1231.02, 1231.02])
    variant = np.array([0, 0, 1, 0, 1, 1])
    got = fragments(np.arange(6), variant, values, ["人数差", "占比差"], ["人", "%"])
    assert got.to_list() == ["人数差3人", "人数差3人", "占比差3%", "人数差0.12人", "占比差1231.02%", "占比差1231.02%"]
    # a figure repeated on many rows: one text per (wording, printed figure), still one per row
    repeated = fragments(np.arange(1000), np.arange(1000) % 2, np.full(1000, 2.0), ["人数差", "占比差"], ["人", "%"])
    assert repeated.to_list() == ["人数差2人", "占比差2%"] * 500
    # figures that are mostly distinct: each row keeps its own text, and still reads right
    many = np.arange(1000) / 100.0 + 0.005
    each = fragments(np.arange(1000), np.zeros(1000, dtype=np.int64), many, ["差"], ["万元"])
    assert each.to_list() == ["差" + format(x, ".2f").rstrip("0").rstrip(".") + "万元" for x in many]


@pytest.mark.parametrize("arrow", [True, False], ids=["arrow", "objects"])
def test_a_rows_texts_join_in_criterion_order_and_rows_without_gaps_are_missing(arrow, monkeypatch):
    if arrow:
        pytest.importorskip("pyarrow")
    monkeypatch.setattr(text, "HAS_ARROW", arrow)
    # criterion A states gaps at rows 1 and 3, criterion B at rows 3 and 4: row 3 reads A then B
    a = fragments(np.array([1, 3]), np.zeros(2), np.array([1.5, 2.0]), ["A差"], ["万元"])
    b = fragments(np.array([3, 4]), np.zeros(2), np.array([0.2, 0.2]), ["B差"], ["项"])
    got = to_list(join_rows(5, [a, b], "；"))
    assert got == [None, "A差1.5万元", None, "A差2万元；B差0.2项", "B差0.2项"]
    assert to_list(join_rows(3, [], "；")) == [None, None, None]


@pytest.mark.parametrize("arrow", [True, False], ids=["arrow", "objects"])
def test_texts_joined_from_pieces_read_as_the_whole_texts_do(arrow, monkeypatch):
    if arrow:
        pytest.importorskip("pyarrow")
    monkeypatch.setattr(text, "HAS_ARROW", arrow)
    # A (two wordings) at rows 0, 2, 3; B (texts already made) at rows 2, 3; C at rows 3, 4.
    # Row 3 has all three: A's text, then B's, then C's, each after the separator but the first.
    a = text.worded(
        np.array([0, 2, 3]), np.array([1, 0, 1]), np.array([0.125, 3.0, 1231.02]), ["人数差", "占比差"], ["人", "%"]
    )
    b = text.Fragments.of(np.array([2, 3]), np.array([0, 0]), ["须经认定"])
    c = text.worded(np.array([3, 4]), np.zeros(2), np.array([0.003, -0.0]), ["C差"], ["万元"])
    got = to_list(join_rows(6, [a, b, c], "；"))
    assert got == [
        "占比差0.12%",  # 0.125 is a tie: to the even digit
        None,
        "人数差3人；须经认定",
        "占比差1231.02%；须经认定；C差0.003万元",  # 0.003 rounds to 0.00 but is not zero
        "C差0万元",  # never "-0"
        None,
    ]


def test_texts_of_figures_written_as_whole_numbers_and_decimals_read_as_each_figure_alone_does():
    pytest.importorskip("pyarrow")
    # Every figure of the rule above, and excesses between −1 and 0 (−0.5 reads "-0.5"; −0.005 is stored just
    # above the half and reads "-0.01"; −0.004 rounds to −0.00 and keeps a third decimal, "-0.004"), each in
    # both wordings: a row reads its wording's prefix, the figure as gap_number writes it, and its suffix.
    # Repeated twenty times over, so that rows with the same figure share its text.
    figures = [x for x, _ in RULE] + [-0.5, -0.005, -0.004, -1.0, -12.34]
    assert [gap_number(x) for x in figures[-5:]] == ["-0.5", "-0.01", "-0.004", "-1", "-12.34"]
    values = np.array(figures * 20)
    variant = np.arange(len(values)) % 2
    got = to_list(
        join_rows(
            len(values), [text.worded(np.arange(len(values)), variant, values, ["差", "超"], ["万元", "%"])], "；"
        )
    )
    assert got == [
        ("差", "超")[v] + gap_number(x) + ("万元", "%")[v] for x, v in zip(values.tolist(), variant.tolist())
    ]


def test_texts_of_two_pieces_and_of_three_read_alike_wherever_they_stand_in_a_row():
    pytest.importorskip("pyarrow")
    # A: one wording, figures 2.5 and 7.25 at rows 0 and 1 — two whole numbers (2, 7) for two rows, so each
    # prefix before each whole number is no more texts than rows: "甲差2" + ".5项", two pieces.
    # B: two wordings, figures 1500.5 (excess) and 0.75 (shortfall) at rows 1 and 2 — two whole numbers
    # (1500, 0) under two prefixes are four texts for two rows: the prefix is a piece of its own, three.
    # Row 1 reads A then B, so B's first piece follows the separator; row 2 reads B alone.
    a = text.worded(np.array([0, 1]), np.zeros(2), np.array([2.5, 7.25]), ["甲差"], ["项"])
    b = text.worded(np.array([1, 2]), np.array([1, 0]), np.array([1500.5, 0.75]), ["乙差", "乙超"], ["万元", "%"])
    assert (len(a.codes), len(b.codes)) == (2, 3)  # both layouts are exercised
    assert to_list(join_rows(3, [a, b], "；")) == ["甲差2.5项", "甲差7.25项；乙超1500.5%", "乙差0.75万元"]
    # and B first, A after it: A's first piece (prefix and whole number) follows the separator
    assert to_list(join_rows(3, [b, a], "；")) == ["甲差2.5项", "乙超1500.5%；甲差7.25项", "乙差0.75万元"]


@pytest.mark.parametrize("arrow", [True, False], ids=["arrow", "objects"])
def test_a_text_after_a_rows_first_reads_the_separator_before_whichever_text_it_is(arrow, monkeypatch):
    if arrow:
        pytest.importorskip("pyarrow")
    monkeypatch.setattr(text, "HAS_ARROW", arrow)
    # B's three texts (its codes out of order) come second in rows 0–2 and first in row 3; A (one wording)
    # comes first in rows 0 and 2. Each text after a row's first reads "；" before it, and no other does.
    a = text.worded(np.array([0, 2]), np.zeros(2), np.array([1.0, 2.5]), ["A差"], ["项"])
    b = text.Fragments.of(np.array([0, 1, 2, 3]), np.array([2, 0, 1, 2]), ["甲", "乙", "丙"])
    got = to_list(join_rows(4, [a, b], "；"))
    assert got == ["A差1项；丙", "甲", "A差2.5项；乙", "丙"]


def run(cat, ctype, args, rows, year=2021):
    """One criterion of type ``ctype`` evaluated over ``rows``."""
    from srdi._convert import converter

    kind = cat.condition_types[ctype]
    crit = Criterion("c", "c", ctype, args, Origin("test", "test", "test", "一", "…"))
    ev = kind.build(converter.structure(args, kind.args), BuildContext(cat.metrics, cat.titles, crit))
    return ev(Columns(pd.DataFrame(rows), cat.metrics, year), Env(dt.date(2022, 3, 1), year, cat.titles))


def test_a_large_gap_reads_in_plain_digits_in_a_frame_as_for_one_enterprise(baseline):
    # R&D ≥ 4% over two years (aggregate): revenue 2.5e11万元 each year, R&D 0 →
    # 4% × 5e11 − 0 = 2e10万元 still needed, written 20000000000 (not 2e+10)
    res = run(
        baseline,
        "compare",
        {"metric": "rd_ratio", "op": ">=", "value": 4, "years": 2, "combine": "aggregate"},
        [{"rd_expense_2020": 0, "revenue_2020": 2.5e11, "rd_expense_2021": 0, "revenue_2021": 2.5e11}],
    )
    expected = "研发经费支出（近2年合计）距4%还差20000000000万元"
    assert res.explain(0).gap == expected
    assert res.gaps(np.array([0])).text.to_list() == [expected]
