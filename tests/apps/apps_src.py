"""Source of the small test apps: kind x scenario (working, wrong model path, crash, hang)."""

from __future__ import annotations

HEAD = """
import io, time
import joblib
import numpy as np
from PIL import Image
{hang}
model = joblib.load("{model}")

def features(data):
    img = Image.open(io.BytesIO(data) if isinstance(data, bytes) else data).convert("L")
    x = np.asarray(img.resize((8, 8)), dtype=float).reshape(1, -1) / 255 * 16
    return x{crash}
"""

BODIES = {
    "gradio": """
import gradio as gr

def predict(path):
    probs = model.predict_proba(features(path))[0]
    return {{str(k): float(p) for k, p in zip(model.classes_, probs)}}

demo = gr.Interface(predict, gr.Image(type="filepath"), gr.Label(), title="숫자 분류")
demo.launch()
""",
    "streamlit": """
import streamlit as st

st.title("숫자 분류기")
up = st.file_uploader("숫자 이미지", type=["png"])
if up is not None:
    st.success(f"예측: {{int(model.predict(features(up.getvalue()))[0])}}")
""",
    "flask": """
from flask import Flask, jsonify, request

app = Flask(__name__)

@app.route("/")
def home():
    return "<h1>숫자 분류기</h1>"

@app.route("/predict", methods=["POST"])
def predict():
    x = np.asarray(request.get_json()["pixels"], dtype=float).reshape(1, -1){crash}
    return jsonify(label=int(model.predict(x)[0]))
""",
    "fastapi": """
from fastapi import FastAPI
from pydantic import BaseModel

api = FastAPI()

class Item(BaseModel):
    data: list[float]

@api.post("/predict")
def predict(item: Item):
    x = np.asarray(item.data).reshape(1, -1){crash}
    return {{"prediction": int(model.predict(x)[0])}}
""",
}

FILES = {"gradio": "app.py", "streamlit": "app.py", "flask": "app.py", "fastapi": "main.py"}


def app_source(kind: str, scenario: str) -> str:
    """The app file of ``kind`` for ``scenario`` (ok, wrong_model_path, crash, hang)."""
    crash = "[:, :10]" if scenario == "crash" else ""
    model = "models/digits_model.joblib" if scenario == "wrong_model_path" else "model.joblib"
    hang = "while True:\n    time.sleep(0.2)\n" if scenario == "hang" else ""
    head = HEAD.format(
        hang=hang, model=model, crash=crash if kind in ("gradio", "streamlit") else ""
    )
    body = BODIES[kind].format(crash=crash if kind in ("flask", "fastapi") else "")
    return head + body
