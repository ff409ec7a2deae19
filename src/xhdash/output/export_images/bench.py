"""How long a chart image takes: the first (Chromium starting) and the warm ones after it.

    .venv/bin/python -m xhdash.output.export_images.bench [--store DIR|URI] [--repeats N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass

from xhdash.data.store import load_store
from xhdash.data.versions import locate_tables
from xhdash.i18n import tr
from xhdash.meaning.page_specs import PAGES
from xhdash.output.charts import chart_rows, make_chart_figure
from xhdash.output.export_images import render_chart_image
from xhdash.output.export_images.server import close_image_server


@dataclass(frozen=True)
class ImageTimes:
    cold: float  # seconds for the first image, Chromium starting
    warm: tuple[float, ...]  # seconds for each image after it

    @property
    def warm_median(self) -> float:
        return statistics.median(self.warm) if self.warm else float("nan")

    def lines(self, lang: str = "zh") -> list[str]:
        return [f"{tr('bench_cold', lang)}: {self.cold:.2f} s",
                f"{tr('bench_warm', lang)}: {self.warm_median:.2f} s "
                f"({len(self.warm)} × PNG 3200×1800, max {max(self.warm, default=0):.2f} s)"]


def measure_image_times(store, repeats: int = 8, lang: str = "zh") -> ImageTimes:
    """Time PNG images of the overview's charts: the first from a cold start (any open
    Chromium is closed first), then `repeats` more on the warm one."""
    close_image_server()
    specs = [spec for spec in PAGES["overview"].charts]
    built = []
    for spec in specs:
        rows = chart_rows(store.observations, spec)
        if len(rows):
            built.append((make_chart_figure(rows, spec, store.tables, lang), rows, spec))
    times = []
    for n in range(repeats + 1):
        figure, rows, spec = built[n % len(built)]
        start = time.perf_counter()
        render_chart_image(figure, rows, spec, store.tables, lang, "png", "16:9")
        times.append(time.perf_counter() - start)
    return ImageTimes(times[0], tuple(times[1:]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="图表图片耗时 chart image times")
    parser.add_argument("--store", default=None)
    parser.add_argument("--repeats", type=int, default=8)
    args = parser.parse_args(argv)
    times = measure_image_times(load_store(locate_tables(args.store)), args.repeats)
    for zh, en in zip(times.lines("zh"), times.lines("en"), strict=True):
        print(f"{zh} / {en}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
