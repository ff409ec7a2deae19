"""The dashboard's own CSS, declared once: text for screen readers only, the phone layout
(cards two to a row, nothing wider than the screen), and the big-screen view (no sidebar,
type scaled to the wall, an optional dark theme)."""

from __future__ import annotations

import streamlit as st

CARDS_KEY = "xh_cards"  # a container with a key carries the class st-key-<key>

BASE_CSS = f"""
.xh-sr-only {{ position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }}
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
  padding: 1rem 1.2rem 0.4rem !important; max-width: 100% !important; }
[data-testid="stVerticalBlock"] { gap: 0.5rem; }
[data-testid="stMetricValue"] { font-size: 2.2rem; }
h1 { font-size: 1.9rem !important; padding: 0 !important; }
"""

DARK_CSS = """
[data-testid="stApp"], [data-testid="stMain"], .stApp { background: #0e1117 !important;
  color: #fafafa !important; }
[data-testid="stMain"] h1, [data-testid="stMain"] p, [data-testid="stMain"] label,
[data-testid="stMetricValue"], [data-testid="stMetricLabel"], [data-testid="stCaptionContainer"] {
  color: #fafafa !important; }
"""


def apply_base_style() -> None:
    """The CSS every page needs (screen-reader text, the phone layout)."""
    st.html(f"<style>{BASE_CSS}</style>")


def apply_screen_style(scale: float, dark: bool) -> None:
    """The big-screen view's CSS: no sidebar or header, type scaled for the wall."""
    css = f":root {{ --xh-scale: {scale:.3f}; }}" + SCREEN_CSS + (DARK_CSS if dark else "")
    st.html(f"<style>{css}</style>")
