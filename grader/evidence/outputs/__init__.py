"""Evidence from what the run produced: cell outputs (training logs, metrics, figures,
tables, errors), the recorder's trace and the files the quest asks the notebook to save.

:func:`~grader.evidence.outputs.collect.extract_outputs` builds the outputs part of a
notebook's record.
"""
