"""Streamlit-facing helpers: cached data access, sidebar, rendering blocks."""
