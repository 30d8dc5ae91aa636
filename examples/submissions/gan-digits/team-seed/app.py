"""클래스를 골라 생성된 숫자를 보는 앱 (기홍 님의 조건부 GAN + attention 생성자).

실행: python app.py  (같은 폴더의 cgan_generator.weights.h5 를 불러온다)
"""

import os

import gradio as gr
import numpy as np
import tensorflow as tf
from tensorflow.keras import layers

NOISE_DIM = 100
N_CLASSES = 10
HERE = os.path.dirname(os.path.abspath(__file__))

class SelfAttention(tf.keras.layers.Layer):
    """특징맵의 모든 위치끼리 주의(attention)를 주고받게 하는 층 (잔차 연결)."""

    def __init__(self, channels, num_heads=2, **kwargs):
        super().__init__(**kwargs)
        self.channels = channels
        self.mha = tf.keras.layers.MultiHeadAttention(num_heads=num_heads, key_dim=channels // num_heads)
        self.ln = tf.keras.layers.LayerNormalization()
        self.ff_conv1 = tf.keras.layers.Conv2D(channels, 1, activation="relu")
        self.ff_conv2 = tf.keras.layers.Conv2D(channels, 1)

    def call(self, x):
        height, width = x.shape[1], x.shape[2]
        seq = tf.reshape(x, [-1, height * width, self.channels])
        attended = self.mha(seq, seq)
        attended = tf.reshape(attended, [-1, height, width, self.channels])
        output = self.ff_conv2(self.ff_conv1(self.ln(x + attended)))
        return x + output

    def compute_output_shape(self, input_shape):
        return input_shape


def make_generator_model(attention=True):
    noise_input = layers.Input(shape=(NOISE_DIM,))
    label_input = layers.Input(shape=(N_CLASSES,))

    x = layers.Concatenate()([noise_input, label_input])  # 100 + 10 = 110차원
    x = layers.Dense(4 * 4 * 128, use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.LeakyReLU()(x)
    x = layers.Reshape((4, 4, 128))(x)
    if attention:
        x = SelfAttention(128)(x)  # 4x4 = 16개 위치끼리 attention
    x = layers.Conv2DTranspose(64, (3, 3), strides=(1, 1), padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.LeakyReLU()(x)
    x = layers.Conv2DTranspose(1, (3, 3), strides=(2, 2), padding="same", activation="tanh")(x)

    model = tf.keras.Model([noise_input, label_input], x, name="cgan_generator")
    return model


generator = make_generator_model(attention=True)
generator.load_weights(os.path.join(HERE, "cgan_generator.weights.h5"))


def generate(label, count=8):
    """label(0~9) 숫자 count장을 생성해 한 줄로 이어 붙인 이미지(흰 배경, 8배 확대)를 돌려준다."""
    label = int(label)
    count = int(count)
    noise = tf.random.normal([count, NOISE_DIM])
    one_hot = tf.one_hot([label] * count, N_CLASSES)
    images = (generator([noise, one_hot], training=False).numpy()[..., 0] + 1) / 2
    strip = np.concatenate(list(images), axis=1)
    strip = np.kron(strip, np.ones((8, 8)))
    return (255 * (1 - strip)).astype("uint8")


demo = gr.Interface(
    fn=generate,
    inputs=[gr.Dropdown(choices=[str(i) for i in range(10)], value="3", label="숫자 (클래스)"),
            gr.Slider(1, 16, value=8, step=1, label="개수")],
    outputs=gr.Image(label="생성된 숫자"),
    title="손글씨 숫자 생성기 (조건부 GAN)",
)

if __name__ == "__main__":
    demo.launch()
