"""How the probe talks to each kind of running app: HTTP, gradio_client, streamlit's AppTest.

Each module holds the transport and the classification task over it; generation over the
same transports is :mod:`grader.apps.gen_probe`, and a notebook's predict function (no
server at all) is :mod:`grader.apps.fn_probe`. :mod:`grader.apps.kinds` pairs every kind
with its probe per task.
"""
