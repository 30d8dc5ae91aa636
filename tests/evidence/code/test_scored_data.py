"""A "test" score whose cell computes it on training data is read as a training score."""

from grader.evidence.build import notebook_evidence
from grader.evidence.code.scored_data import scores_training_data
from grader.notebook.code import parse_cell
from tests.evidence.conftest import code, notebook, stream


def scores_train(source: str) -> bool:
    cell = parse_cell("nb.ipynb", 3, source)
    assert cell is not None
    return scores_training_data(cell)


def test_translating_training_pairs_under_a_test_label_scores_training_data() -> None:
    assert scores_train(
        "sources = [ko for ko, _ in train_pairs[:300]]\n"
        "refs = [en for _, en in train_pairs[:300]]\n"
        "print(f'test BLEU: {corpus_bleu(translate(model, sources), refs):.2f}')"
    )


def test_evaluating_the_training_arrays_scores_training_data() -> None:
    assert scores_train("loss, acc = model.evaluate(X_train, y_train)\nprint('test acc', acc)")


def test_a_cell_that_also_names_test_data_scores_test_data() -> None:
    assert not scores_train(
        "print('train acc', model.score(X_train, y_train))\n"
        "print('test acc', model.score(X_test, y_test))"
    )


def test_printed_label_alone_names_no_data() -> None:
    assert not scores_train("print(f'test BLEU: {bleu:.2f}')")


def test_a_cell_that_trains_is_not_a_scoring_cell() -> None:
    assert not scores_train("model.fit(X_train, y_train)\nprint('test acc', model.score(X_te, y_te))")
    assert not scores_train("history = train_model(net, train_loader)\nprint('test', evaluate(net, loader))")


def test_constructors_of_training_data_do_not_count() -> None:
    assert not scores_train("loader = DataLoader(train_ds)\nprint('test acc', accuracy(net, te))")


def test_notebook_evidence_reads_the_mislabelled_score_as_training() -> None:
    nb = notebook(
        code(0, "pairs = read_pairs('kor.txt')\ntest_pairs = read_pairs('kor_test.txt')"),
        code(
            1,
            "src = [ko for ko, _ in train_pairs[:300]]\nref = [en for _, en in train_pairs[:300]]\n"
            "print(f'test BLEU: {corpus_bleu(translate(model, src), ref):.2f}')",
            stream("test BLEU: 99.21\n"),
        ),
        code(2, "print(f'test BLEU: {corpus_bleu(translate(model, test_src), test_ref):.2f}')",
             stream("test BLEU: 97.50\n")),
    )
    metrics = notebook_evidence(nb, None).metrics
    assert [(m.ref.cell, m.role, m.value) for m in metrics] == [(1, "train", 99.21), (2, "test", 97.5)]
