"""A table as shown: missing text cells blank (never a widget's None), numbers untouched."""

import pandas as pd

from xhdash.meaning.views import blank_missing_text


class TestBlankMissingText:
    def test_text_category_and_numbers(self):
        frame = pd.DataFrame({"stage": pd.Categorical(["预计", None]), "note": ["a", None],
                              "value": [1.5, None]})
        shown = blank_missing_text(frame)
        assert shown["stage"].tolist() == ["预计", ""] and shown["note"].tolist() == ["a", ""]
        assert shown["value"].isna().tolist() == [False, True]  # a number stays a number
        assert frame["note"].isna().tolist() == [False, True]  # the frame given is not changed
