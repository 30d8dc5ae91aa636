"""붓꽃 분류 Gradio 앱: 노트북이 저장한 model.joblib을 불러와 꽃받침·꽃잎 길이로 품종을 예측한다."""

import gradio as gr
import joblib

saved = joblib.load("model.joblib")
model, classes = saved["model"], saved["classes"]


def predict(sepal_length, sepal_width, petal_length, petal_width):
    row = [[sepal_length, sepal_width, petal_length, petal_width]]
    return classes[int(model.predict(row)[0])]


demo = gr.Interface(
    fn=predict,
    inputs=[
        gr.Number(label="꽃받침 길이", value=5.1),
        gr.Number(label="꽃받침 너비", value=3.5),
        gr.Number(label="꽃잎 길이", value=1.4),
        gr.Number(label="꽃잎 너비", value=0.2),
    ],
    outputs=gr.Textbox(label="예측 품종"),
    title="붓꽃 품종 예측",
)

if __name__ == "__main__":
    demo.launch()
