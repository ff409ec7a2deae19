"""徐汇区统计数据看板 — Xuhui District statistics dashboard."""
