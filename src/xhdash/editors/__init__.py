"""Changing the data: reading officials' tables (importer), the one publish path (publishing),
editors' sign-in and its throttle (auth, shared_throttle), four eyes (approval) and the audit
trail.

May import: xhdash.data, xhdash.meaning, metrics, the foundation.
"""
