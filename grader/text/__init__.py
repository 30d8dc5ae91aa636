"""The text floor: what several stages read from untrusted text.

:mod:`~grader.text.clean` strips terminal codes (the one ANSI pattern), renders progress
bars and caps text; :mod:`~grader.text.vocabulary` holds the course's topic words and
:mod:`~grader.text.match` the way they are matched. Imports nothing of the grader.
"""
