"""The data folders ship inside the wheel: ``assignments/``, ``rubrics/`` and
``report_templates/`` are mapped to the packages ``grader._data.<folder>`` at build time, so
an installed grader finds them (grader/paths.py) while the source tree keeps them at the top.
Everything else is in pyproject.toml."""

from setuptools import find_namespace_packages, find_packages, setup

DATA_FOLDERS = ("assignments", "rubrics", "report_templates")


def data_packages(folder: str) -> list[str]:
    """``grader._data.<folder>`` and its subfolders Python could import (``partials``)."""
    root = f"grader._data.{folder}"
    return [root, *(f"{root}.{sub}" for sub in find_namespace_packages(where=folder))]


setup(
    packages=[
        *find_packages(include=["grader*"]),
        *(name for folder in DATA_FOLDERS for name in data_packages(folder)),
    ],
    package_dir={f"grader._data.{d}": d for d in DATA_FOLDERS},
    package_data={
        "grader": ["py.typed", "**/*.yaml", "kernels/*.txt"],
        **{f"grader._data.{d}": ["**/*"] for d in DATA_FOLDERS},
    },
    exclude_package_data={"": ["__pycache__/*", "*.pyc"]},
)
