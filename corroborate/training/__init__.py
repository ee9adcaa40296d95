"""Offline work, apart from run time: training data, training, evaluation and calibration.

In: the public labelled sets under ``../shared/datasets`` (training splits only). Out: the
artifacts shipped in ``corroborate/artifacts/`` and their model cards. Run with
``python -m corroborate.training.<module>``. Nothing at run time imports this package
(``tests/test_layout.py`` checks it).
"""
