"""Tools beside the dashboard, not part of it: `bench` (the benchmark) and `loadtest` (the load
harness). Installed with the `[tools]` extra (playwright, websockets); the app never imports them.
"""
