"""徐汇区统计数据看板 — router: page config, shared sidebar, navigation."""

import streamlit as st

from xhdash.ui.data_access import get_store
from xhdash.validate import StoreError

st.set_page_config(page_title="徐汇区统计数据看板", page_icon="📊", layout="wide")

try:
    store = get_store()
except StoreError as error:
    st.error("数据未通过校验，看板暂不能显示。请联系数据管理员。")
    for issue in error.issues[:50]:
        st.write("- " + issue.message("zh"))
    st.stop()

st.session_state["store"] = store
page = st.navigation([st.Page("pages/overview.py", title="总览", default=True)])
page.run()
