"""와인 분류 Flask API: POST /predict 에 {"features": [13개 값]} 을 보내면 예측 클래스를 돌려준다."""

import joblib
from flask import Flask, jsonify, request

app = Flask(__name__)
saved = joblib.load("model.joblib")
model, classes = saved["model"], saved["classes"]


@app.route("/predict", methods=["POST"])
def predict():
    features = request.get_json()["features"]
    label = int(model.predict([features])[0])
    return jsonify(label=classes[label], probability=float(model.predict_proba([features])[0][label]))


@app.route("/")
def index():
    return "와인 분류 API: POST /predict"
