"""Splits read from code: folders, provided test splits, Dataset classes, random_split with
three parts, permutation-index hold-outs and eval_dataset (own small cells)."""

from __future__ import annotations

from grader.evidence.code.collect import extract_code
from tests.evidence.conftest import code


def roles(*sources: str) -> set[tuple[str, str]]:
    facts = extract_code("nb.ipynb", [code(i, s) for i, s in enumerate(sources)])
    return {(s.kind, s.role) for s in facts.splits}


def test_train_valid_test_directories_are_three_roles() -> None:
    found = roles(
        "gen = ImageDataGenerator(rescale=1/255)",
        "tr = gen.flow_from_directory('photos/train', target_size=(64, 64))\n"
        "va = gen.flow_from_directory('photos/valid', target_size=(64, 64))\n"
        "te = gen.flow_from_directory('photos/test', target_size=(64, 64), shuffle=False)",
    )
    assert ("folder", "validation") in found and ("folder", "test") in found


def test_image_dataset_from_directory_subsets() -> None:
    found = roles(
        "tr = keras.utils.image_dataset_from_directory(d, validation_split=0.2,"
        " subset='training', seed=1)\n"
        "va = keras.utils.image_dataset_from_directory(d, validation_split=0.2,"
        " subset='validation', seed=1)\n"
        "hold = keras.utils.image_dataset_from_directory(test_dir)"
    )
    assert ("folder", "validation") in found
    assert ("folder", "test") in found


def test_provided_split_keeps_the_name_it_is_given() -> None:
    found = roles(
        "train_set = datasets.CIFAR10('.', train=True, download=True)\n"
        "val_set = datasets.CIFAR10('.', train=False, download=True)"
    )
    assert found == {("predefined", "validation")}
    assert roles("ds_test = torchvision.datasets.OxfordIIITPet('.', split='test')") == {
        ("predefined", "test")
    }


def test_external_test_set_through_a_custom_dataset_class() -> None:
    found = roles(
        "class ReviewDataset(Dataset):\n    def __init__(self, frame):\n        self.frame = frame",
        "test_loader = DataLoader(ReviewDataset(pd.read_csv('reviews_test.csv')), batch_size=32)",
    )
    assert found == {("folder", "test")}


def test_random_split_with_three_fractions_is_validation_and_test() -> None:
    found = roles("parts = random_split(full, [0.7, 0.15, 0.15])")
    assert found == {("random_split", "validation"), ("random_split", "test")}
    named = roles("train_ds, val_ds, test_ds = random_split(full, [700, 150, 150])")
    assert named == {("random_split", "validation"), ("random_split", "test")}


def test_permutation_index_split() -> None:
    found = roles(
        "order = np.random.permutation(len(x))\n"
        "val_idx = order[:500]\n"
        "x_val, y_val = x[val_idx], y[val_idx]"
    )
    assert found == {("slice", "validation")}
    shuffled = roles(
        "random.shuffle(ids)\nholdout_ids = set(ids[:200])\n"
        "test_rows = [r for i, r in enumerate(rows) if i in holdout_ids]"
    )
    assert ("slice", "validation") in shuffled or ("slice", "test") in shuffled


def test_hf_trainer_eval_dataset_is_the_validation_data() -> None:
    found = roles(
        "parts = dataset.train_test_split(test_size=0.1)",
        "trainer = Trainer(model=m, args=a, train_dataset=parts['train'],"
        " eval_dataset=tokenized_test)",
    )
    assert ("validation_data", "test") in found


def test_metrics_and_display_names_are_not_splits() -> None:
    found = roles(
        "val_loss = history.history['val_loss'][:10]",
        "test_accuracy = results[:3]",
        "x_train, x_test, y_train, y_test = train_test_split(x, y)",
    )
    assert found == {("train_test_split", "test")}


def test_folder_given_by_keyword() -> None:
    assert roles("hold = datasets.ImageFolder(root=valid_dir, transform=t)") == {
        ("folder", "validation")
    }


def test_validation_data_that_is_the_test_set_renamed() -> None:
    found = roles("x_tr, x_val = x_train / 255.0, x_test / 255.0")
    assert found == {("validation_data", "test")}
    assert roles("x_val = scaler.transform(x_val)") == set()
    assert roles("val_loader = DataLoader(test_ds, batch_size=64)") == {("validation_data", "test")}


def test_validation_pairs_made_from_the_test_set_by_one_call() -> None:
    found = roles("x_val_noisy, x_val_clean = make_pairs(x_test)")
    assert found == {("validation_data", "test")}
    assert roles("x_val_noisy, x_val_clean = make_pairs(x_val)") == set()
    # cutting the held-out part into validation and test is no rename
    found = roles("x_val, x_test = train_test_split(x_test, test_size=0.5)")
    assert ("validation_data", "test") not in found


def test_values_and_called_functions_do_not_name_roles() -> None:
    assert roles("shap_values = explainer.shap_values(test_data)") == set()
    found = roles("X_tr, X_val, y_tr, y_val = train_test_split(x_train, y_train, test_size=0.2)")
    assert found == {("train_test_split", "validation")}


def test_one_generator_object_for_validation_and_test_is_no_rename() -> None:
    found = roles(
        "test_datagen = ImageDataGenerator(rescale=1 / 255)",
        "val_gen = test_datagen.flow_from_directory('data/validation')\n"
        "test_gen = test_datagen.flow_from_directory('data/test')",
    )
    assert found == {("folder", "validation"), ("folder", "test")}
