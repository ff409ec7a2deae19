"""总览 Overview."""

import streamlit as st

from xhdash.summary import summarize_store

store = st.session_state["store"]
st.title("徐汇区统计数据看板")
st.dataframe(summarize_store(store)["by_domain"])
