"""Instructor batch grading of a whole class: ``grader batch CLASS_DIR -a ID -o OUT``.

The modules, in the order a batch uses them:

- :mod:`~grader.submission.discover` (stage 1, below the API) — the entries of a class folder
- :mod:`~grader.batch.roster` — a roster CSV mapped onto those entries
- :mod:`~grader.batch.gradebook` — the SQLite gradebook in ``OUT`` (resume, atomic reports)
- :mod:`~grader.batch.runner` — a pool of worker processes grading one entry each
- :mod:`~grader.batch.progress` — a progress bar, or one line per submission without a TTY
- :mod:`~grader.batch.similarity` — near-duplicate submissions across the class
- :mod:`~grader.batch.class_report` — ``class_summary.html``/``.md`` and ``grades.csv``

Batch sits above :mod:`grader.api` (its workers grade through it); :mod:`grader.api` refuses
a class folder with :mod:`~grader.submission.discover`, which lives below both.
"""
