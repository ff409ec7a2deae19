"""Interface texts of chart images, Chinese first; to move into xhdash.i18n.TEXT."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "image_periods": ("期间：{periods}。", "Periods: {periods}."),
    "image_exported": ("导出日期：{date}", "Exported {date}"),
    "image_server_failed": ("无法启动图表渲染（Chromium）：{reason}",
                            "The chart renderer (Chromium) could not start: {reason}"),
    "image_render_failed": ("图表渲染失败：{reason}", "The chart could not be rendered: {reason}"),
    "bench_cold": ("首张图（含启动 Chromium）", "first image (Chromium starting)"),
    "bench_warm": ("后续每张图（中位数）", "each further image (median)"),
}


def text(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang` ("zh" or "en"), with {placeholders} filled."""
    zh, en = TEXT[key]
    return (en if lang == "en" else zh).format(**values)


def date_text(day, lang: str) -> str:
    """2026年11月28日 / 28 November 2026."""
    if lang == "en":
        return f"{day.day} {day:%B %Y}"
    return f"{day.year}年{day.month}月{day.day}日"
