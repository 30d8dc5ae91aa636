"""Evidence from the code cells, read statically (AST): data, models, training, plots, apps.

:func:`~grader.evidence.code.collect.extract_code` builds the code part of a notebook's
record; the other modules each extract one kind of fact.
"""
