"""The run directory: the schema of its files (:mod:`.schema`), its writer and its reader.

Readers (the brief, the charts, ``drill history``) import :mod:`.schema` and :mod:`.reader`
only; :mod:`.writer` turns a run's results into the files. This package's own import loads
neither.
"""
