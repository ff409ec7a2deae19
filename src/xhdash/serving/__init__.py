"""Serving people: the Streamlit interface (ui), starting the server (launch) and the command line
(cli).

May import: every other package; nothing imports it but app.py and pages/.
"""
