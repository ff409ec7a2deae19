"""Derived figures: pure functions, each returning its value with formula and inputs.

Nothing here imports streamlit; every function takes plain values or frames.
"""
