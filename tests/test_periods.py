from datetime import date

import pytest

from xhdash.periods import parse_period, recency_key, shift_years, span_in_years


class TestParsePeriod:
    @pytest.mark.parametrize(
        ("code", "kind", "start", "end"),
        [
            ("2023", "year", date(2023, 1, 1), date(2023, 12, 31)),
            ("2023Q2", "quarter", date(2023, 4, 1), date(2023, 6, 30)),
            ("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29)),
            ("2023-01/2023-06", "range", date(2023, 1, 1), date(2023, 6, 30)),
            ("2020/2023", "range", date(2020, 1, 1), date(2023, 12, 31)),
        ],
    )
    def test_accepts_each_kind(self, code, kind, start, end):
        period = parse_period(code)
        assert (period.kind, period.start, period.end) == (kind, start, end)

    @pytest.mark.parametrize("code", ["2023年", "23", "2023Q5", "2023-13", "2023/2020", ""])
    def test_rejects_other_text(self, code):
        with pytest.raises(ValueError, match="not a period code"):
            parse_period(code)

    @pytest.mark.parametrize(
        ("code", "zh", "en"),
        [("2023", "2023年", "2023"), ("2023Q2", "2023年第2季度", "2023 Q2"),
         ("2023-06", "2023年6月", "Jun 2023"), ("2020/2023", "2020年—2023年", "2020–2023")],
    )
    def test_labels_in_both_languages(self, code, zh, en):
        assert parse_period(code).label("zh") == zh
        assert parse_period(code).label("en") == en


class TestShiftYears:
    @pytest.mark.parametrize(("code", "expected"),
                             [("2023", "2022"), ("2023Q3", "2022Q3"), ("2023-06", "2022-06")])
    def test_one_year_back(self, code, expected):
        assert shift_years(code, -1) == expected


class TestSpanInYears:
    def test_annual_codes(self):
        assert span_in_years("2020", "2023") == 3.0


class TestFrequency:
    @pytest.mark.parametrize(("code", "frequency"), [
        ("2023", "year"), ("2023Q2", "quarter"), ("2023-06", "month"),
        ("2024-01/2024-09", "cumulative"), ("2024-01/2024-12", "cumulative"),
        ("2024-04/2024-09", "span"), ("2020/2023", "span"), ("2023-06/2024-05", "span")])
    def test_read_from_the_code(self, code, frequency):
        assert parse_period(code).frequency == frequency


class TestCumulativeLabels:
    @pytest.mark.parametrize(("code", "zh", "en"), [
        ("2024-01/2024-09", "2024年1-9月", "Jan–Sep 2024"),
        ("2024-01/2024-03", "2024年1-3月", "Jan–Mar 2024"),
        ("2024-04/2024-06", "2024年4-6月", "Apr–Jun 2024"),
        ("2023-06/2024-05", "2023年6月—2024年5月", "Jun 2023–May 2024")])
    def test_labels(self, code, zh, en):
        assert (parse_period(code).label("zh"), parse_period(code).label("en")) == (zh, en)

    def test_same_span_a_year_before(self):
        assert shift_years("2024-01/2024-09", -1) == "2023-01/2023-09"


class TestRecencyKey:
    def test_latest_end_first_then_the_longer_period(self):
        codes = ["2023", "2024-09", "2024Q3", "2024-01/2024-09", "2024-01/2024-06"]
        assert sorted(codes, key=recency_key) == ["2024-01/2024-09", "2024Q3", "2024-09",
                                                  "2024-01/2024-06", "2023"]
