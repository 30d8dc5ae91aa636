"""Source of the small generation test apps: "choose a class, see digits" (real or noise).

The "real" apps answer with digits of the requested class taken from scikit-learn's
``load_digits`` (what a perfect generator would draw); the "noise" apps with random pixels.
"""

from __future__ import annotations

HEAD = """
import io
import numpy as np
from PIL import Image
from sklearn.datasets import load_digits

DIGITS = load_digits()
RNG = np.random.default_rng(0)

def digits_of(label, count=4):
    label = int(label)
    if {noise}:
        return RNG.uniform(0, 16, size=(count, 8, 8))
    return DIGITS.images[DIGITS.target == label][:count]

def strip(images, black_on_white):
    row = np.concatenate(list(images), axis=1) / 16.0
    row = np.kron(row, np.ones((8, 8)))
    if black_on_white:
        row = 1.0 - row
    return (255 * row).astype("uint8")
"""

BODIES = {
    "gradio": """
import gradio as gr

def generate(label, count=4):
    return strip(digits_of(label, count), black_on_white=True)

demo = gr.Interface(
    generate,
    [gr.Dropdown([str(i) for i in range(10)], value="3", label="숫자"),
     gr.Slider(1, 8, value=4, step=1, label="개수")],
    gr.Image(label="생성된 숫자"),
    title="숫자 생성기",
)
demo.launch()
""",
    "flask": """
from flask import Flask, Response, jsonify, request

app = Flask(__name__)

@app.route("/")
def home():
    return "<h1>숫자 생성기</h1>"

@app.route("/generate", methods=["POST"])
def generate():
    label = request.get_json()["digit"]
    images = digits_of(label)
    if {noise}:
        return jsonify(images=(images / 16.0).tolist())
    buffer = io.BytesIO()
    Image.fromarray(strip(images, black_on_white=False)).save(buffer, format="PNG")
    return Response(buffer.getvalue(), mimetype="image/png")
""",
}


def gen_app_source(kind: str, noise: bool) -> str:
    """``app.py`` of ``kind`` (gradio, flask) answering real digits or noise."""
    flag = "True" if noise else "False"
    return HEAD.format(noise=flag) + BODIES[kind].replace("{noise}", flag)
