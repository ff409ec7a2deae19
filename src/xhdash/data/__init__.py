"""The store: tables declared once (schema), read and written (tables, storage, versions, store),
checked (validate, arrow_checks, health) and derived on load (derive).

May import: metrics and the foundation (xhdash.i18n, settings, paths, periods).
"""
