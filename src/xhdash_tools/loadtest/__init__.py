"""`xhdash loadtest`: sessions driven through Streamlit's WebSocket protocol, as a browser would,
with one real Chromium session measuring the first chart alongside them.

- `protocol`: the BackMsgs a browser sends and what the server's ForwardMsgs say.
- `session`: one browser-like session over `/_stcore/stream` (cookies, pages, widgets, files).
- `journey`: what an official does in one visit: every page, a filter, a CSV.
- `browser`: the real Chromium session (Playwright) timing the first chart.
- `server_process`: CPU time and memory of the server processes, from /proc.
- `report`: percentiles, the JSON and the table.
- `runner`: the run, from a fresh server to the figures.
- `deploy_check`: the checks `deploy/check.sh` runs through the proxy.
"""
