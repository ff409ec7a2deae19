"""Cell text as the importer reads it: normalised text, finite and plausible numbers, period years
within bounds."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xhdash.importer.values import (
    is_plausible,
    normalise_text,
    parse_number,
    years_in_range,
)

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f", "\u202a",
             "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
NOT_FINITE = ["1e309", "-1e309", "9" * 400, "inf", "-inf", "+inf", "Infinity", "NaN", "nan",
              "1e309%", "≥1e309"]


class TestNormaliseText:
    @pytest.mark.parametrize("mark", INVISIBLE)
    def test_invisible_characters_are_removed(self, mark):
        assert normalise_text(f"{mark}常住{mark}人口{mark}") == "常住人口"

    @pytest.mark.parametrize(("text", "normal"), [
        ("  常住\u3000\u3000人口\t ", "常住 人口"), ("ＧＤＰ（亿元）", "GDP(亿元)"),
        ("a\u00a0\u2003b", "a b"), ("\u200b", ""), (" 12 ", "12"), (None, "")])
    def test_width_and_spaces(self, text, normal):
        assert normalise_text(text) == normal

    @pytest.mark.parametrize("mark", ["\x00", "\x07", "\x1b", "\x7f", "\x9f"])
    def test_control_characters_are_removed(self, mark):
        assert normalise_text(f"{mark}常住人口{mark}1{mark}") == "常住人口1"

    @given(st.text(), st.lists(st.tuples(st.integers(0, 40), st.sampled_from(INVISIBLE))))
    def test_inserting_invisible_characters_changes_nothing(self, text, inserts):
        marked = text
        for position, mark in inserts:
            marked = marked[:position] + mark + marked[position:]
        assert normalise_text(marked) == normalise_text(text)

    @given(st.text())
    def test_normalising_twice_changes_nothing(self, text):
        assert normalise_text(normalise_text(text)) == normalise_text(text)


class TestParseNumber:
    @pytest.mark.parametrize("text", NOT_FINITE)
    def test_numbers_that_are_not_finite_are_not_numbers(self, text):
        assert parse_number(text) is None

    @given(st.floats(allow_nan=False, allow_infinity=False))
    def test_a_finite_number_written_out_reads_back(self, value):
        assert parse_number(repr(value)).value == value

    @given(st.text(alphabet="0123456789.,-+eE%≥约 ", max_size=30))
    def test_whatever_it_reads_is_finite(self, text):
        parsed = parse_number(text)
        assert parsed is None or math.isfinite(parsed.value)


class TestIsPlausible:
    @pytest.mark.parametrize(("value", "plausible"), [
        (0.0, True), (-1e15, True), (1e15, True), (1.0000001e15, False), (-2e15, False)])
    def test_magnitude_bound(self, value, plausible):
        assert is_plausible(value) is plausible


class TestYearsInRange:
    @pytest.mark.parametrize(("code", "inside"), [
        ("1900", True), ("2100Q4", True), ("2024-06", True), ("1899", False), ("2101-01", False),
        ("0001", False), ("1899-12/1900-01", False), ("2023-01/2023-06", True)])
    def test_bounds(self, code, inside):
        assert years_in_range(code) is inside
