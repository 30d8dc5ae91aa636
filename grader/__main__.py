"""`python -m grader`."""

from grader.cli.main import app

app()
