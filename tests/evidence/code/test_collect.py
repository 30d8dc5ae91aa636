from grader.evidence.code.collect import extract_code
from grader.notebook.code import clean_source
from tests.evidence.conftest import code, md


def run(*sources: str):
    return extract_code("nb.ipynb", [code(i, s) for i, s in enumerate(sources)])


def test_magics_are_stripped_and_other_cell_magics_skipped() -> None:
    assert clean_source("%matplotlib inline\n!pip install x\nimport numpy") is not None
    assert clean_source("%%bash\nls -la") is None
    facts = run("%%time\nmodel.fit(x, y, epochs=3)", "%%bash\necho model.fit")
    assert len(facts.fits) == 1
    assert not facts.syntax_errors


def test_syntax_error_is_recorded_and_extraction_continues() -> None:
    facts = run("def broken(:\n    pass", "model.fit(x_train, y_train, epochs=5)")
    assert [ref.cell for ref in facts.syntax_errors] == [0]
    assert "line 1" in facts.syntax_errors[0].excerpt
    assert facts.fits[0].ref.cell == 1


def test_train_test_split_with_validation_names() -> None:
    facts = run("x_train, x_val, y_train, y_val = train_test_split(x, y, test_size=0.2)")
    split = facts.splits[0]
    assert split.kind == "train_test_split"
    assert split.targets == ("x_train", "x_val", "y_train", "y_val")
    assert split.role == "validation"


def test_test_set_used_as_validation_data() -> None:
    facts = run("(x_train, y_train), (x_test, y_test) = mnist.load_data()",
                "history = model.fit(x_train, y_train, epochs=10, batch_size=64,\n"
                "                    validation_data=(x_test, y_test))")
    kinds = {s.kind: s for s in facts.splits}
    assert kinds["predefined"].role == "test"
    assert kinds["validation_data"].role == "test"
    assert kinds["validation_data"].arguments == ("x_test", "y_test")
    fit = facts.fits[0]
    assert fit.validation == "validation_data"
    assert fit.hyperparams == {"epochs": "10", "batch_size": "64"}
    assert fit.in_loop is False


def test_validation_split_slice_and_kfold() -> None:
    facts = run("model.fit(x, y, validation_split=0.2)",
                "x_val, y_val = x_train[:5000], y_train[:5000]",
                "kf = StratifiedKFold(n_splits=5)",
                "train_ds, val_ds = random_split(ds, [800, 200])")
    by_kind = {s.kind: s for s in facts.splits}
    assert by_kind["validation_split"].role == "validation"
    assert by_kind["slice"].role == "validation"
    assert by_kind["kfold"].role == "validation"
    assert by_kind["random_split"].role == "validation"


def test_scaler_fit_is_not_training() -> None:
    facts = run("scaler = StandardScaler()\nscaler.fit(x_train)")
    assert facts.fits == []
    assert [p.op for p in facts.preprocessing] == ["standardize"]


def test_fit_in_helper_called_from_config_loop() -> None:
    facts = run(
        "def train(lr, dropout):\n"
        "    model = build_model(dropout)\n"
        "    model.compile(optimizer=Adam(learning_rate=lr), loss='mse')\n"
        "    return model.fit(x_train, y_train, epochs=EPOCHS)",
        "histories = {}\n"
        "for lr in [0.01, 0.001, 0.0001]:\n"
        "    histories[lr] = train(lr, 0.3)",
    )
    assert facts.fits[0].in_loop is True
    loop = facts.config_loops[0]
    assert loop.variable == "lr"
    assert loop.values == ("0.01", "0.001", "0.0001")
    assert loop.contains_fit is True


def test_loop_over_config_dicts_and_grid_search() -> None:
    facts = run(
        'configs = [{"lr": 0.01, "batch_size": 32}, {"lr": 0.001, "batch_size": 64}]',
        "for cfg in configs:\n    model.fit(x, y, batch_size=cfg['batch_size'])",
        "search = GridSearchCV(SVC(), param_grid={'C': [1, 10]}, cv=3)\nsearch.fit(x, y)",
    )
    names = {(h.name, h.value) for h in facts.hyperparams}
    assert ("learning_rate", "0.01") in names and ("batch_size", "64") in names
    loops = {loop.variable: loop for loop in facts.config_loops}
    assert loops["cfg"].contains_fit and len(loops["cfg"].values) == 2
    assert loops["GridSearchCV"].contains_fit
    assert [m.style for m in facts.models] == ["sklearn"]


def test_epoch_loop_is_not_a_config_loop_but_a_train_loop() -> None:
    facts = run("for epoch in range(EPOCHS):\n"
                "    for x, y in loader:\n"
                "        loss = criterion(net(x), y)\n"
                "        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()")
    assert facts.config_loops == []
    assert [f.method for f in facts.fits] == ["train_loop"]
    assert facts.plots == []


def test_hyperparameter_settings() -> None:
    facts = run("LEARNING_RATE = 1e-3\nBATCH_SIZE = 128\nepochs = 20",
                "model = Sequential([Dense(64, activation='relu'), Dropout(0.3), Dense(10)])\n"
                "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')",
                "opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)")
    found = {(h.name, h.value) for h in facts.hyperparams}
    assert {("learning_rate", "0.001"), ("batch_size", "128"), ("epochs", "20"),
            ("units", "64"), ("dropout", "0.3"), ("optimizer", "adam"),
            ("optimizer", "SGD"), ("learning_rate", "0.1"), ("momentum", "0.9")} <= found


def test_models_sequential_add_subclass_pretrained() -> None:
    facts = run(
        "model = keras.Sequential()\nmodel.add(layers.Conv2D(32, 3))\n"
        "model.add(layers.MaxPooling2D())\nmodel.add(layers.Flatten())",
        "class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
        "        self.fc = nn.Linear(784, 128)\n        self.out = nn.Linear(128, 10)",
        "base = ResNet50(weights='imagenet', include_top=False)",
        "inputs = Input(shape=(28, 28))\nx = Flatten()(inputs)\noutputs = Dense(10)(x)\n"
        "model2 = Model(inputs, outputs)",
    )
    styles = {m.style: m for m in facts.models}
    assert styles["sequential"].layers == ("Conv2D", "MaxPooling2D", "Flatten")
    assert styles["sequential"].name == "model"
    assert styles["torch_module"].name == "Net"
    assert styles["torch_module"].layers == ("Linear", "Linear")
    assert styles["pretrained"].layers == ("ResNet50",)
    assert styles["functional"].layers == ("Input", "Flatten", "Dense")
    assert ("units", "128") in {(h.name, h.value) for h in facts.hyperparams}


def test_preprocessing_ops() -> None:
    facts = run("x_train = x_train / 255.0\nx_train = x_train.reshape(-1, 28, 28, 1)\n"
                "y_train = to_categorical(y_train)\n"
                "aug = ImageDataGenerator(rotation_range=10, horizontal_flip=True)\n"
                "seq = pad_sequences(tokenizer.texts_to_sequences(texts), maxlen=100)\n"
                "img = tf.image.resize(img, (224, 224))")
    assert {p.op for p in facts.preprocessing} == {
        "scale", "reshape", "one_hot", "augment", "tokenize", "resize"}


def test_plot_series_history_and_loop_multiplicity() -> None:
    facts = run(
        "plt.plot(history.history['loss'], label='train')\n"
        "plt.plot(history.history['val_loss'], label='val')\nplt.legend()\nplt.show()",
        "for name, h in histories.items():\n    plt.plot(h.history['val_accuracy'], label=name)",
        "lrs = [0.1, 0.01, 0.001]\nfor lr in lrs:\n    ax.plot(results[lr])",
        "optimizer.step()",
    )
    first = [p for p in facts.plots if p.ref.cell == 0]
    assert len(first) == 2 and all(p.series == 2 and p.mentions_history for p in first)
    looped = next(p for p in facts.plots if p.ref.cell == 1)
    assert looped.in_loop and looped.mentions_history
    third = next(p for p in facts.plots if p.ref.cell == 2)
    assert third.series == 3
    assert all(p.ref.cell != 3 for p in facts.plots)


def test_evaluations_roles() -> None:
    facts = run("model.evaluate(x_test, y_test)",
                "print(classification_report(y_val, y_pred))",
                "model.predict(sample)")
    assert [e.role for e in facts.evaluations] == ["test", "validation", "unknown"]


def test_apps_imports_and_topics() -> None:
    facts = run("import gradio as gr\nimport tensorflow as tf\nfrom sklearn.metrics import f1_score",
                "def predict(img):\n    return model.predict(img)\n"
                "demo = gr.Interface(fn=predict, inputs='image', outputs='label')\ndemo.launch()")
    assert facts.imports == {"gradio", "tensorflow", "sklearn"}
    assert {a.kind for a in facts.apps} == {"gradio", "predict_function"}
    assert facts.topics[1] == ("evaluation", "app")


def test_korean_identifiers_and_comments_parse() -> None:
    facts = run("# 학습률 설정\n학습률 = 0.01\nlr = 학습률")
    assert not facts.syntax_errors
    assert ("learning_rate", "학습률") in {(h.name, h.value) for h in facts.hyperparams}


def test_markdown_cells_are_ignored() -> None:
    cells = [md(0, "model.fit(x)"), code(1, "x = 1")]
    assert extract_code("nb", cells).fits == []


def test_loop_over_literal_values_that_trains_is_a_config_loop_whatever_its_name() -> None:
    from grader.evidence.code.collect import extract_code
    from grader.records.execution import Cell

    source = (
        "for f in [8, 16, 32]:\n"
        "    m = cnn(f)\n"
        "    h = m.fit(x, y, epochs=3, verbose=0)\n"
        "for epoch in range(3):\n"
        "    model.fit(x, y)\n"
        "for name in ['a', 'b']:\n"
        "    print(name)\n"
    )
    code = extract_code("nb.ipynb", [Cell(index=0, cell_type="code", source=source)])
    loops = [(loop.variable, loop.values, loop.contains_fit) for loop in code.config_loops]
    assert loops == [("f", ("8", "16", "32"), True)]


def test_plots_tell_runs_metrics_results_charts_and_their_helper() -> None:
    facts = run(
        "plt.plot(vgg16_train_loss, label='vgg16')\nplt.plot(vgg19_train_loss, label='vgg19')",
        "plt.plot(hist.history['loss'])\nplt.plot(hist.history['val_loss'])",
        "names = ['loss', 'precision']\nfor m in names:\n    plt.plot(h.history[m])",
        "results.plot(x='model', y='test_score', kind='bar')\nsns.barplot(x='feature', y='importance', data=imp)",
        "def show(h):\n    plt.plot(h.history['val_accuracy'])",
        "plt.hist(h.history['val_loss'])",
    )
    by_cell: dict[int, list] = {}
    for plot in facts.plots:
        by_cell.setdefault(plot.ref.cell, []).append(plot)
    assert {p.runs_drawn for p in by_cell[0]} == {2}
    assert {p.runs_drawn for p in by_cell[1]} == {1}
    assert by_cell[2][0].loop_over_metrics and by_cell[2][0].in_loop
    assert [p.results_chart for p in by_cell[3]] == [True, False]
    assert by_cell[4][0].function_name == "show"
    assert not by_cell[5][0].mentions_history
