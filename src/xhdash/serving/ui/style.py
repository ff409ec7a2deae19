"""The dashboard's own CSS, declared once: text for screen readers only, dropdowns that take a
click while they scroll, the phone layout (cards two to a row, nothing wider than the screen),
and the big-screen view (no sidebar, type scaled to the wall, an optional dark theme)."""

from __future__ import annotations

import streamlit as st

CARDS_KEY = "xh_cards"  # a container with a key carries the class st-key-<key>
# the wall's (background, text, muted text): each text colour at least 4.5:1 on its background
WALL_CSS_COLOURS = {False: ("#ffffff", "#1a1a1a", "#4d4d4d", "#b3261e"),  # bg, text, muted, alert
                    True: ("#0e1117", "#f0f0f0", "#c4c9d4", "#ff8a80")}

BASE_CSS = f"""
.xh-sr-only {{ position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }}
/* a card's title, value and 同比 badge wrap instead of being cut with an ellipsis */
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *,
[data-testid="stMetricValue"], [data-testid="stMetricValue"] *,
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] * {{
  white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; overflow-wrap: anywhere; height: auto !important; }}
[data-testid="stMetricDelta"] {{ max-width: 100%; }}
/* a dropdown's options take a click right after the list scrolls: Streamlit's list lets the
   pointer through to the list itself for 300 ms after every scroll (longer on a busy machine),
   so a pick made then, just after the wheel or after the list scrolled a half-hidden option
   into view, was lost without a word (issue 20) */
[data-testid="stMultiSelectDropdown"] [role="listbox"] > [role="presentation"],
[data-testid="stSelectboxVirtualDropdown"] [role="listbox"] > [role="presentation"] {{
  pointer-events: auto !important; }}
@media (max-width: 640px) {{
  /* the cards' rows dissolve into one grid of two columns */
  .st-key-{CARDS_KEY} {{ display: grid !important; grid-template-columns: 1fr 1fr;
    gap: 0.5rem; }}
  .st-key-{CARDS_KEY} > div, .st-key-{CARDS_KEY} [data-testid="stHorizontalBlock"],
  .st-key-{CARDS_KEY} [data-testid="stLayoutWrapper"] {{ display: contents !important; }}
  .st-key-{CARDS_KEY} [data-testid="stColumn"] {{ width: auto !important;
    min-width: 0 !important; flex: none !important; }}
  .st-key-{CARDS_KEY} [data-testid="stColumn"]:empty {{ display: none !important; }}
  .st-key-{CARDS_KEY} [data-testid="stMetricValue"] {{ font-size: 1.35rem; }}
  .block-container {{ padding-left: 0.75rem; padding-right: 0.75rem; }}
  [data-testid="stMainBlockContainer"] {{ max-width: 100vw; overflow-x: hidden; }}
  /* a touch screen has no hover: Plotly's zoom toolbar would sit on the chart's title */
  .modebar-container {{ display: none !important; }}
}}
"""

SCREEN_CSS = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] {
  display: none !important; }
html, body { overflow: hidden; }
html { font-size: calc(16px * var(--xh-scale)); }
[data-testid="stMainBlockContainer"], .block-container {
  padding: 0.6rem 1.2rem 0.2rem !important; max-width: 100% !important; }
[data-testid="stVerticalBlock"] { gap: 0.5rem; }
[data-testid="stMetricValue"] { font-size: 2.2rem; }
[data-testid="stMetricLabel"] p { font-size: 1rem !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {
  font-size: 0.85rem !important; color: var(--xh-muted) !important; }
.xh-wall-head { display: flex; align-items: baseline; justify-content: space-between;
  gap: 1rem; margin: 0; padding: 0.2rem 0 0.3rem; }
.xh-wall-head h1 { font-size: 1.9rem !important; line-height: 1.25; margin: 0 !important;
  padding: 0 !important; color: var(--xh-text) !important; }
.xh-wall-asof { font-size: 1.05rem; color: var(--xh-text); white-space: nowrap; }
.xh-wall-attention { font-size: 1.05rem; line-height: 1.4; color: var(--xh-text);
  margin: 0; padding: 0.1rem 0; }
.xh-wall-attention b { color: var(--xh-alert); margin-right: 0.6rem; }
[data-testid="stApp"], [data-testid="stMain"], .stApp { background: var(--xh-bg) !important;
  color: var(--xh-text) !important; }
[data-testid="stMain"] p, [data-testid="stMain"] label,
[data-testid="stMetricValue"], [data-testid="stMetricLabel"] { color: var(--xh-text) !important; }
"""

DARK_CSS = """
[data-testid="stMetricDelta"] { background: #1f3327 !important; }
[data-testid="stMetricDelta"] *, [data-testid="stMetricDelta"] { color: #bdf0cf !important; }
[data-testid="stMetricDelta"] svg { fill: #bdf0cf !important; }
[data-testid="stVerticalBlockBorderWrapper"], [data-testid="stVerticalBlock"] > div[class*="border"],
.st-key-xh_cards [data-testid="stVerticalBlock"] { border-color: #3a4252 !important; }
"""


def apply_base_style() -> None:
    """The CSS every page needs (screen-reader text, dropdowns, the phone layout)."""
    st.html(f"<style>{BASE_CSS}</style>")


def apply_screen_style(scale: float, dark: bool, value_rem: float = 2.2) -> None:
    """The big-screen view's CSS: no sidebar or header, type scaled for the wall, the cards'
    values at `value_rem` (smaller where a value is long words)."""
    colours = WALL_CSS_COLOURS[dark]
    css = (f":root {{ --xh-scale: {scale:.3f}; --xh-bg: {colours[0]}; --xh-text: {colours[1]};"
           f" --xh-muted: {colours[2]}; --xh-alert: {colours[3]}; }}"
           + SCREEN_CSS + (DARK_CSS if dark else "")
           + f' [data-testid="stMetricValue"] {{ font-size: {value_rem:.2f}rem; }}')
    st.html(f"<style>{css}</style>")

def button_row():
    """A row of buttons, each as wide as its words, that wraps onto the next line where the
    words do not fit (three equal columns would cut an English label to "Download…")."""
    return st.container(horizontal=True, vertical_alignment="center", gap="small",
                        width="content")
