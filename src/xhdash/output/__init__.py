"""What leaves the dashboard: charts, CSV and Excel exports (and the filtered reads behind `xhdash
export`: scan), slide images, briefs (Word, PDF, text) and the leader's workbook.

May import: xhdash.meaning, xhdash.data, metrics, the foundation.
"""
