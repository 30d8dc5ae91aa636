"""유방암 진단 Streamlit 앱 (일부러 틀린 예): 특성 30개 중 두 개만 넣어 예측하므로 첫 실행에서 오류가 난다."""

import joblib
import streamlit as st

saved = joblib.load("model.joblib")
model, classes = saved["model"], saved["classes"]

st.title("유방암 진단 예측")
radius = st.number_input("평균 반지름", value=14.0)
texture = st.number_input("평균 질감", value=19.0)
label = int(model.predict([[radius, texture]])[0])  # 학습 때는 특성이 30개였다
st.success(f"예측: {classes[label]}")
